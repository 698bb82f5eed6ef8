package io.tapbus.samples.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * {@code bench --flow sms} and {@code --flow sms-commands}: the SMS channel against a running bus and the SMSC
 * simulator ({@code bin/tapbus smsc-sim --quiet}, its HTTP control on 127.0.0.1:2776).
 *
 * <ul>
 *   <li><b>sms</b>: queues {@code rate x duration} one-part texts through the bus's own entry point, {@code POST
 *   /api/sms} (open loop, from {@code --connections} threads), then waits until the SMSC has accepted them all and
 *   sent their receipts, and reads every message's state back from the bus ({@code GET /api/sms?correlation=}). It
 *   reports the rate at the SMSC (its {@code /stats}), the most submit_sm the SMSC saw in flight at once against the
 *   link's window, and every message not DELIVERED as a wrong answer. Latency: the POST, from its intended time.</li>
 *   <li><b>sms-commands</b>: registers {@code --numbers} phone users with a funded card each, then has the simulator
 *   send {@code mo <number> BAL} at the rate; latency is the simulator's own measure from the MO deliver_sm to the
 *   reply's submit_sm ({@code GET /mo-round-trips}). A command without a reply is a wrong answer.</li>
 * </ul>
 * The JSON line is the one of {@code --rate} runs ({@link Summary#fixedRate}) with the SMS keys added.
 */
final class SmsBench {

    static final String USAGE = """
            usage: bin/tapbus bench --flow sms|sms-commands --rate N --duration-seconds S [options]
              sms           texts queued through /api/sms at N/s; rate at the SMSC, window, all delivered (500/s)
              sms-commands  MO "BAL" from registered numbers at N/s; round trip MO deliver_sm -> reply submit_sm (50/s)
              --api URL (http://127.0.0.1:8080/api)  --admin-key-file F  --smsc-control URL (http://127.0.0.1:2776)
              --window W (10: the bus's tapbus.smsc.local.window, checked against the SMSC's in-flight peak)
              --connections C (sms 32, sms-commands 16)  --numbers N (sms-commands, 64)  --drain-seconds S (120)
              --backlog yes (sms: the SMSC is down while the texts queue, then up: times the bus's drain alone)""";

    private static final int GROUP = 500;

    private final Map<String, String> o;
    private final PrintStream log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String api;
    private final String smsc;
    private final String token;
    private final String flow;
    private final String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();

    private SmsBench(Map<String, String> o, String token, PrintStream log) {
        this.o = o;
        this.log = log;
        this.flow = o.get("flow");
        this.api = strip(o.getOrDefault("api", "http://127.0.0.1:8080/api"));
        this.smsc = strip(o.getOrDefault("smsc-control", "http://127.0.0.1:2776"));
        this.token = token;
    }

    static boolean wants(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String v = a.startsWith("--flow=") ? a.substring(7) : a.equals("--flow") && i + 1 < args.size() ? args.get(i + 1) : null;
            if (v != null) {
                return v.equals("sms") || v.equals("sms-commands");
            }
        }
        return false;
    }

    static int run(List<String> args, Path home, PrintStream out, PrintStream err) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0 && i + 1 >= args.size()) {
                err.println("error: expected --option value, got " + a);
                err.println(USAGE);
                return Summary.EXIT_USAGE;
            }
            o.put(eq > 0 ? a.substring(2, eq) : a.substring(2), eq > 0 ? a.substring(eq + 1) : args.get(++i));
        }
        try {
            for (String k : o.keySet()) {
                if (!List.of("flow", "rate", "duration-seconds", "api", "admin-key-file", "smsc-control", "window",
                        "connections", "numbers", "drain-seconds", "backlog").contains(k)) {
                    throw new IllegalArgumentException("unknown option --" + k);
                }
            }
            Path keyFile = Path.of(o.getOrDefault("admin-key-file", home.resolve("config/demo-keys/admin-api-key.txt").toString()));
            SmsBench bench = new SmsBench(o, Files.readString(keyFile).strip(), err);
            Map<String, Object> summary = bench.flow.equals("sms") ? bench.outgoing() : bench.commands();
            out.println(Summary.line(summary));
            out.flush();
            return Summary.exitCode(summary);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return Summary.EXIT_USAGE;
        } catch (IOException e) {
            err.println("bench: " + e.getMessage() + " (is the bus running, bin/tapbus run, and bin/tapbus smsc-sim --quiet?)");
            return Summary.EXIT_WRONG;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Summary.EXIT_WRONG;
        }
    }

    private double number(String key, double fallback) {
        String v = o.get(key);
        double d = v == null ? fallback : Double.parseDouble(v);
        if (!(d > 0)) {
            throw new IllegalArgumentException("--" + key + " must be above 0");
        }
        return d;
    }

    // ---------------------------------------------------------------- sms

    private Map<String, Object> outgoing() throws IOException, InterruptedException {
        double rate = number("rate", 500);
        double seconds = number("duration-seconds", 10);
        int window = (int) number("window", 10);
        int count = Step.requests(rate, seconds);
        expect(post(smsc + "/command", "bench reset", null), 200, "POST /command bench reset to the SMSC simulator");
        JsonNode base = stats();
        long baseSubmits = base.path("submits").asLong();
        long baseReceipts = base.path("receipts").asLong();
        boolean backlog = o.getOrDefault("backlog", "no").equals("yes");
        if (backlog) {
            expect(post(smsc + "/command", "down 3600", null), 200, "POST /command down to the SMSC simulator");
        }
        SmscSampler sampler = new SmscSampler().start();
        log.printf("bench: --flow sms: %d texts at %.0f/s through POST %s/sms, SMSC %s%s%n", count, rate, api, smsc,
                backlog ? " (down while they queue: the backlog is timed when it comes back)" : "");
        Sent sent = send(count, rate, (int) number("connections", 32), i -> post(api + "/sms",
                "{\"msisdn\":\"+86139" + String.format("%08d", i % 1_000_000) + "\",\"text\":\"TapBus bench " + run + " #"
                        + i + ": your one-time code is " + String.format("%06d", (i * 7919) % 1_000_000)
                        + "\",\"correlation\":\"bench-sms-" + run + "-" + (i / GROUP) + "\"}", token),
                r -> r.statusCode() == 202 ? null : "HTTP_" + r.statusCode());
        long queued = sent.ok.sum();
        if (backlog) {
            expect(post(smsc + "/command", "up", null), 200, "POST /command up to the SMSC simulator");
        }
        long deadline = System.nanoTime() + (long) (number("drain-seconds", 120) * 1e9);
        JsonNode last = base;
        while (System.nanoTime() < deadline && (last.path("submits").asLong() - baseSubmits < queued
                || last.path("receipts").asLong() - baseReceipts < queued)) {
            Thread.sleep(100);
            last = stats();
        }
        sampler.stop();
        long submits = last.path("submits").asLong() - baseSubmits;
        Map<String, Long> states = states(count, deadline);
        Map<String, Long> wrong = new TreeMap<>(sent.wrong);
        states.forEach((state, n) -> {
            if (!state.equals("DELIVERED")) {
                wrong.merge("SMS_" + state, n, Long::sum);
            }
        });
        if (submits > queued) {
            wrong.merge("SMSC_SUBMITS_ABOVE_MESSAGES", submits - queued, Long::sum);
        }
        int peak = last.path("peakInFlight").asInt();
        if (peak > window) {
            wrong.merge("WINDOW_EXCEEDED", 1L, Long::sum);
        }
        StepResult r = sent.result(rate, count, wrong);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("target", api + "/sms");
        extra.put("smscControl", smsc);
        extra.put("connections", (int) number("connections", 32));
        extra.put("messages", count);
        extra.put("queued", queued);
        extra.put("smscSubmits", submits);
        extra.put("smscReceipts", last.path("receipts").asLong() - baseReceipts);
        extra.put("smscSubmitsPerSecond", sampler.sustained(baseSubmits, submits));
        extra.put("smscSubmitsPerSecondWhileQueueing", sampler.rateBetween(sent.startNanos, sent.endNanos));
        extra.put("drainSecondsAfterLastQueued", sampler.secondsAfter(sent.endNanos, baseSubmits + submits));
        extra.put("backlog", backlog);
        extra.put("window", window);
        extra.put("smscPeakInFlight", peak);
        extra.put("delivered", states.getOrDefault("DELIVERED", 0L));
        extra.put("messageStates", states);
        log.printf("bench: sms: queued %d at %.1f/s (p99 %.1f ms); SMSC took %d at %s/s sustained, %s/s while queueing;"
                        + " peak in flight %d (window %d); states %s%n", queued, r.achievedRate(), r.p99Ms(), submits,
                extra.get("smscSubmitsPerSecond"), extra.get("smscSubmitsPerSecondWhileQueueing"), peak, window, states);
        return Summary.fixedRate(flow, List.of(r), extra);
    }

    /** Every message of the run by its state, read back from the bus (retried until all are DELIVERED or the deadline). */
    private Map<String, Long> states(int count, long deadline) throws IOException, InterruptedException {
        int groups = (count + GROUP - 1) / GROUP;
        Map<String, Long> states;
        do {
            states = new TreeMap<>();
            for (int g = 0; g < groups; g++) {
                JsonNode body = expect(get(api + "/sms?limit=" + GROUP + "&correlation=bench-sms-" + run + "-" + g, token),
                        200, "GET /api/sms?correlation=");
                for (JsonNode m : body.path("messages")) {
                    states.merge(m.path("state").asText(), 1L, Long::sum);
                }
            }
            long seen = states.values().stream().mapToLong(Long::longValue).sum();
            if (seen < count) {
                states.put("NOT_FOUND", count - seen);
            }
            if (states.getOrDefault("DELIVERED", 0L) == count) {
                break;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return states;
    }

    // ---------------------------------------------------------------- sms-commands

    private Map<String, Object> commands() throws IOException, InterruptedException {
        double rate = number("rate", 50);
        double seconds = number("duration-seconds", 10);
        int numbers = (int) number("numbers", 64);
        int count = Step.requests(rate, seconds);
        registerNumbers(numbers);
        expect(post(smsc + "/command", "bench reset", null), 200, "POST /command bench reset to the SMSC simulator");
        log.printf("bench: --flow sms-commands: %d MO \"BAL\" from %d registered numbers at %.0f/s through %s%n", count,
                numbers, rate, smsc);
        Sent sent = send(count, rate, (int) number("connections", 16),
                i -> post(smsc + "/command", "mo " + msisdn(i % numbers + 1) + " BAL", null),
                r -> r.statusCode() == 200 && r.body().startsWith("ok mo") ? null : "MO_" + r.statusCode());
        long delivered = sent.ok.sum();
        long deadline = System.nanoTime() + (long) (number("drain-seconds", 120) * 1e9);
        JsonNode trips;
        do {
            trips = expect(get(smsc + "/mo-round-trips", null), 200, "GET /mo-round-trips");
            if (trips.path("answered").asLong() >= delivered) {
                break;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        Histogram h = new Histogram(3);
        for (JsonNode m : trips.path("micros")) {
            h.recordValue(Math.max(0, m.asLong()));
        }
        Map<String, Long> wrong = new TreeMap<>(sent.wrong);
        if (h.getTotalCount() < delivered) {
            wrong.put("NO_REPLY", delivered - h.getTotalCount());
        }
        StepResult posted = sent.result(rate, count, wrong);
        StepResult r = new StepResult(1, false, rate, count, h.getTotalCount(), h.getTotalCount(), posted.wrongAnswers(),
                wrong, ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), StepReport.round3(h.getMaxValue() / 1000.0),
                posted.wallSeconds(), posted.cpuSeconds(), posted.cpuShare(), posted.achievedRate());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("target", smsc + "/command (mo NUMBER BAL)");
        extra.put("api", api);
        extra.put("numbers", numbers);
        extra.put("msisdns", msisdn(1) + ".." + msisdn(numbers));
        extra.put("connections", (int) number("connections", 16));
        extra.put("latency", "MO deliver_sm written -> reply submit_sm accepted, at the SMSC simulator");
        extra.put("moCommandP99Ms", posted.p99Ms());
        log.printf("bench: sms-commands: %d MO at %.1f/s, %d replies; round trip p50 %.1f p99 %.1f max %.1f ms%n", delivered,
                posted.achievedRate(), h.getTotalCount(), r.p50Ms(), r.p99Ms(), r.maxMs());
        return Summary.fixedRate(flow, List.of(r), extra);
    }

    private static String msisdn(int n) {
        return "+8613790" + String.format("%06d", n);
    }

    /** Phone users +8613790000001.. each with one ACTIVE card holding 100.00 CNY (idempotent; 409 is fine). */
    private void registerNumbers(int numbers) throws IOException {
        long began = System.nanoTime();
        try (Rest rest = new Rest(api, token, 8)) {
            List<Rest.IoTask> tasks = new ArrayList<>();
            for (int n = 1; n <= numbers; n++) {
                int k = n;
                tasks.add(() -> {
                    String msisdn = msisdn(k);
                    Rest.expect(rest.post("/users", "{\"msisdn\":\"" + msisdn + "\",\"name\":\"TapBus SMS bench " + k + "\"}"),
                            "POST /users", 201, 409);
                    String uid = String.format("04D5%010X", k);
                    Rest.Reply card = Rest.expect(rest.post("/cards", "{\"cardUid\":\"" + uid + "\",\"currency\":\"CNY\"}"),
                            "POST /cards", 201, 409);
                    if (card.status() == 409) {
                        card = Rest.expect(rest.get("/cards/" + uid), "GET /cards/" + uid, 200);
                    }
                    if (!"ACTIVE".equals(card.body().path("status").asText())) {
                        Rest.expect(rest.post("/cards/" + uid + "/bind", "{\"msisdn\":\"" + msisdn + "\"}"),
                                "POST /cards/{uid}/bind", 200);
                        Rest.expect(rest.post("/accounts/" + card.body().path("accountId").asText() + "/topups",
                                "{\"amountMinor\":10000}", "smsbench-topup-" + uid), "POST /accounts/{id}/topups", 200, 201);
                    }
                });
            }
            rest.all(tasks);
        }
        log.printf("bench: %d registered numbers with a card ready in %.1f s%n", numbers, (System.nanoTime() - began) / 1e9);
    }

    // ---------------------------------------------------------------- open-loop sending

    interface Call {
        HttpResponse<String> send(int i) throws IOException;
    }

    interface Check {
        String wrong(HttpResponse<String> r);
    }

    /** What the sending threads measured: latency from each request's intended time, answers by kind. */
    static final class Sent {
        final Histogram latency = new ConcurrentHistogram(3);
        final LongAdder ok = new LongAdder();
        final LongAdder answered = new LongAdder();
        final Map<String, Long> wrong = new ConcurrentHashMap<>();
        long startNanos;
        long endNanos;
        CpuClock.Sample cpu;

        StepResult result(double rate, int count, Map<String, Long> kinds) {
            double wall = (endNanos - startNanos) / 1e9;
            long wrongCount = kinds.values().stream().mapToLong(Long::longValue).sum();
            return new StepResult(1, false, rate, count, answered.sum(), ok.sum(), wrongCount, kinds, ms(latency, 50),
                    ms(latency, 90), ms(latency, 99), ms(latency, 99.9), StepReport.round3(latency.getMaxValue() / 1000.0),
                    StepReport.round3(wall), StepReport.round3(cpu.cpuSeconds()), StepReport.round4(cpu.share(wall)),
                    StepReport.round3(answered.sum() / Math.max(wall, 1e-9)));
        }
    }

    /** Request i goes at start + i/rate (its intended time) from one of {@code threads} threads, whatever came back. */
    private Sent send(int count, double rate, int threads, Call call, Check check) throws InterruptedException {
        Sent s = new Sent();
        AtomicInteger next = new AtomicInteger();
        CpuClock clock = CpuClock.start();
        long start = System.nanoTime() + 20_000_000L;
        s.startNanos = start;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long intended = start + Math.round(i * 1e9 / rate);
                    for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    String bad;
                    try {
                        HttpResponse<String> r = call.send(i);
                        s.answered.increment();
                        bad = check.wrong(r);
                    } catch (IOException e) {
                        bad = "HTTP_FAILED";
                    }
                    s.latency.recordValue(Math.max(0, (System.nanoTime() - intended) / 1000));
                    if (bad == null) {
                        s.ok.increment();
                    } else {
                        s.wrong.merge(bad, 1L, Long::sum);
                    }
                }
            }, "sms-bench-" + t);
            w.setDaemon(true);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        s.endNanos = System.nanoTime();
        s.cpu = clock.stop();
        return s;
    }

    // ---------------------------------------------------------------- the SMSC's counters over time

    /** Polls the simulator's /stats every 100 ms: when the submits went out. */
    private final class SmscSampler {
        private final List<long[]> samples = new ArrayList<>(); // {nanoTime, submits}
        private volatile boolean running = true;
        private final Thread thread = new Thread(this::loop, "sms-bench-smsc-stats");

        SmscSampler start() {
            thread.setDaemon(true);
            thread.start();
            return this;
        }

        private void loop() {
            while (running) {
                try {
                    long submits = stats().path("submits").asLong();
                    synchronized (samples) {
                        samples.add(new long[] {System.nanoTime(), submits});
                    }
                    Thread.sleep(100);
                } catch (IOException e) {
                    log.println("bench: SMSC stats: " + e.getMessage());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
        }

        /** Submits per second from the first sample that saw one of this run's to the first that saw them all. */
        double sustained(long base, long total) {
            synchronized (samples) {
                long[] first = null;
                long[] lastBefore = null;
                for (long[] s : samples) {
                    if (s[1] == base) {
                        lastBefore = s;
                    }
                    if (first == null && s[1] > base) {
                        first = lastBefore != null ? lastBefore : s;
                    }
                    if (first != null && s[1] >= base + total) {
                        double secs = (s[0] - first[0]) / 1e9;
                        return secs <= 0 ? 0 : StepReport.round3((s[1] - first[1]) / secs);
                    }
                }
                return 0;
            }
        }

        /** Submits per second between two instants (the samples nearest them). */
        double rateBetween(long from, long to) {
            synchronized (samples) {
                long[] a = nearest(from);
                long[] b = nearest(to);
                return a == null || b == null || b[0] <= a[0] ? 0 : StepReport.round3((b[1] - a[1]) / ((b[0] - a[0]) / 1e9));
            }
        }

        /** Seconds from {@code from} until the SMSC had {@code reached} submits. */
        double secondsAfter(long from, long reached) {
            synchronized (samples) {
                for (long[] s : samples) {
                    if (s[1] >= reached) {
                        return StepReport.round3(Math.max(0, (s[0] - from) / 1e9));
                    }
                }
                return -1;
            }
        }

        private long[] nearest(long t) {
            long[] best = null;
            for (long[] s : samples) {
                if (best == null || Math.abs(s[0] - t) < Math.abs(best[0] - t)) {
                    best = s;
                }
            }
            return best;
        }
    }

    // ---------------------------------------------------------------- HTTP

    private JsonNode stats() throws IOException {
        return expect(get(smsc + "/stats", null), 200, "GET /stats of the SMSC simulator");
    }

    private HttpResponse<String> post(String url, String body, String bearer) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", bearer == null ? "text/plain; charset=utf-8" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return call(b, bearer);
    }

    private HttpResponse<String> get(String url, String bearer) throws IOException {
        return call(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET(), bearer);
    }

    private HttpResponse<String> call(HttpRequest.Builder b, String bearer) throws IOException {
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static JsonNode expect(HttpResponse<String> r, int status, String what) throws IOException {
        if (r.statusCode() != status) {
            throw new IOException(what + " answered HTTP " + r.statusCode() + ": " + Rest.abbreviate(r.body()));
        }
        return r.body().isBlank() ? Rest.JSON.nullNode() : Rest.JSON.readTree(r.body().startsWith("ok")
                ? "{}" : r.body());
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : StepReport.round3(h.getValueAtPercentile(percentile) / 1000.0);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
