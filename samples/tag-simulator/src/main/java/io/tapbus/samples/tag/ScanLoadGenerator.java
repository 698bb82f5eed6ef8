package io.tapbus.samples.tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.tag.SunMode;
import io.tapbus.connector.tag.TagVerdict;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scans per second through the running bus's public scan URL, end to end (HTTP, SUN verification, rules, the
 * tag's counter persisted). Registers a fresh product, batch and tags for the demo manufacturer first (with an
 * administrator's key), then runs closed-loop workers: each owns its tags and raises their counters, so every
 * scan should be GENUINE. {@code bin/tapbus tag-sim bench --help}.
 */
public final class ScanLoadGenerator {
    static final String USAGE = """
            usage: tapbus-tag-simulator bench --admin-key-file PATH [options]
              --api URL               the bus's REST base (default http://127.0.0.1:8080/api)
              --admin-key-file PATH   an administrator credential (keyId.secret), e.g. config/demo-keys/admin-api-key.txt
              --manufacturer ID       the manufacturer partner to register the batch for (default demo-maker)
              --mode aes|lrp          the tags' SDM cipher (default aes)
              --tags N                tags in the batch (default 2000)
              --threads N             concurrent scanners (default 16)
              --warmup-seconds N      scans not measured at the start (default 5)
              --duration-seconds N    measured time (default 20)""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private ScanLoadGenerator() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || (eq < 0 && i + 1 >= args.length)) {
                err.println("bench: bad option " + a + "\n" + USAGE);
                return 2;
            }
            if (eq > 0) {
                o.put(a.substring(0, eq), a.substring(eq + 1));
            } else {
                o.put(a, args[++i]);
            }
        }
        try {
            String api = o.getOrDefault("--api", "http://127.0.0.1:8080/api");
            String keyFile = o.get("--admin-key-file");
            if (keyFile == null) {
                err.println("bench: --admin-key-file is required\n" + USAGE);
                return 2;
            }
            String admin = Files.readString(Path.of(keyFile)).strip();
            String maker = o.getOrDefault("--manufacturer", "demo-maker");
            SunMode mode = SunMode.valueOf(o.getOrDefault("--mode", "aes").toUpperCase());
            int tags = Integer.parseInt(o.getOrDefault("--tags", "2000"));
            int threads = Integer.parseInt(o.getOrDefault("--threads", "16"));
            int warmup = Integer.parseInt(o.getOrDefault("--warmup-seconds", "5"));
            int duration = Integer.parseInt(o.getOrDefault("--duration-seconds", "20"));
            return new Run(api, admin, maker, mode, tags, threads, warmup, duration, out).execute();
        } catch (IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
            return 2;
        } catch (IOException | InterruptedException e) {
            err.println("bench: " + e);
            return 1;
        }
    }

    private record Run(String api, String admin, String maker, SunMode mode, int tags, int threads, int warmup, int duration,
                       PrintStream out) {
        int execute() throws IOException, InterruptedException {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            String token = json(post(http, "/partners/" + maker + "/credentials", admin, "{\"roles\":[\"manufacturer\"]}"), 201)
                    .path("token").asText();
            String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
            String sku = "BENCH-" + run;
            String batchId = "B-BENCH-" + run;
            SecureRandom random = new SecureRandom();
            byte[] meta = new byte[16];
            byte[] file = new byte[16];
            random.nextBytes(meta);
            random.nextBytes(file);
            json(post(http, "/products", token, "{\"sku\":\"" + sku + "\",\"name\":\"Benchmark product\"}"), 201);
            json(post(http, "/tag-batches", token, "{\"batchId\":\"" + batchId + "\",\"productId\":\"" + maker + ":" + sku
                    + "\",\"mode\":\"" + mode + "\",\"metaReadKey\":\"" + HEX.formatHex(meta) + "\",\"fileReadKey\":\""
                    + HEX.formatHex(file) + "\"}"), 201);
            byte[][] uids = new byte[tags][];
            for (int from = 0; from < tags; from += 1000) {
                StringBuilder body = new StringBuilder("{\"tags\":[");
                for (int i = from; i < Math.min(tags, from + 1000); i++) {
                    uids[i] = new byte[7];
                    random.nextBytes(uids[i]);
                    uids[i][0] = 0x04;
                    body.append(i == from ? "" : ",").append("{\"uid\":\"").append(HEX.formatHex(uids[i]))
                            .append("\",\"serialNumber\":\"SN-").append(i).append("\"}");
                }
                json(post(http, "/tag-batches/" + batchId + "/tags", token, body.append("]}").toString()), 201);
            }
            out.printf("registered batch %s (%s) with %d tags; %d threads, %d s warm-up, %d s measured%n", batchId, mode, tags,
                    threads, warmup, duration);

            SunMessageWriter writer = new SunMessageWriter(mode, meta, file);
            long start = System.nanoTime();
            long measureFrom = start + warmup * 1_000_000_000L;
            long end = measureFrom + duration * 1_000_000_000L;
            Map<String, LongAdder> verdicts = new ConcurrentHashMap<>();
            LongAdder errors = new LongAdder();
            List<long[]> perThread = new ArrayList<>();
            int[] counts = new int[threads];
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int self = t;
                long[] latencies = new long[1 << 22];
                perThread.add(latencies);
                Thread worker = new Thread(() -> {
                    int[] counters = new int[tags];
                    int next = self;
                    while (true) {
                        long now = System.nanoTime();
                        if (now >= end) {
                            return;
                        }
                        int tag = next;
                        next += threads;
                        if (next >= tags) {
                            next = self;
                        }
                        String url = api + writer.write(uids[tag], ++counters[tag], null).toUrl("/scan/" + batchId);
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                                    HttpResponse.BodyHandlers.ofString());
                            long took = System.nanoTime() - sent;
                            if (sent >= measureFrom) {
                                String verdict = r.statusCode() == 200 ? JSON.readTree(r.body()).path("verdict").asText() : "HTTP_" + r.statusCode();
                                verdicts.computeIfAbsent(verdict, k -> new LongAdder()).increment();
                                if (counts[self] < latencies.length) {
                                    latencies[counts[self]++] = took;
                                }
                            }
                        } catch (IOException e) {
                            errors.increment();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "scanner-" + t);
                workers.add(worker);
                worker.start();
            }
            for (Thread w : workers) {
                w.join();
            }
            int total = Arrays.stream(counts).sum();
            long[] all = new long[total];
            int at = 0;
            for (int t = 0; t < threads; t++) {
                System.arraycopy(perThread.get(t), 0, all, at, counts[t]);
                at += counts[t];
            }
            Arrays.sort(all);
            out.printf("scans %d in %d s: %.0f scans/s; latency ms p50 %.2f p90 %.2f p99 %.2f max %.2f%n", total, duration,
                    total / (double) duration, ms(all, 50), ms(all, 90), ms(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
            out.println("verdicts " + verdicts + (errors.sum() > 0 ? ", connection errors " + errors.sum() : ""));
            boolean allGenuine = verdicts.keySet().stream().allMatch(TagVerdict.GENUINE.name()::equals) && errors.sum() == 0 && total > 0;
            return allGenuine ? 0 : 1;
        }

        private HttpResponse<String> post(HttpClient http, String path, String bearer, String body) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + bearer)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private static JsonNode json(HttpResponse<String> r, int expected) throws IOException {
            if (r.statusCode() != expected) {
                throw new IllegalArgumentException(r.request().method() + " " + r.request().uri().getPath() + " answered "
                        + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        }

        private static double ms(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)] / 1e6;
        }
    }
}
