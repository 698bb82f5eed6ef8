package io.tapbus.samples.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * {@code bench --flow checkout}: online checkouts against a running bus, open loop. Each checkout is the three calls of
 * docs/checkout.md in turn - the shop creates it ({@code POST /api/checkout/payments}), the payer confirms it in the app
 * ({@code POST /api/app/checkout/{id}/confirm}, device token), the shop captures it ({@code .../captures}) - started at
 * its intended time (evenly spaced at {@code --rate}) by one of {@code --connections} threads; its latency runs from the
 * intended time to the capture's answer, so a bus that falls behind shows as latency, not as a lower rate. Any answer
 * but 201 AWAITING_CONFIRMATION, 200 AUTHORIZED, 200 CAPTURED is a wrong answer.
 */
final class CheckoutBench {
    static final String USAGE = """
            usage: bin/tapbus bench --flow checkout --device-token T --rate N --duration-seconds S [options]
              checkout      create + confirm in the app + capture, N checkouts/s (3 REST calls each)
              --device-token T  a phone app device token of the payer (docs/checkout.md "Benchmark")
              --api URL (http://127.0.0.1:8080/api)  --admin-key-file F  --merchant M (demo-shop)  --msisdn P (+8613800000001)  --connections C (32)""";

    private final FlowOptions o;
    private final PrintStream log;
    private final String api;
    private final String device;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, AtomicInteger> wrong = new ConcurrentHashMap<>();
    private final String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();

    private CheckoutBench(FlowOptions o, PrintStream log) {
        this.o = o;
        this.log = log;
        this.api = SmsHttp.strip(o.get("api", "http://127.0.0.1:8080/api"));
        this.device = o.get("device-token");
    }

    static boolean wants(List<String> args) {
        return FlowOptions.wants(args, List.of("checkout"));
    }

    static int run(List<String> args, Path home, PrintStream out, PrintStream err) {
        return FlowOptions.run(args, List.of("flow", "rate", "duration-seconds", "api", "admin-key-file", "device-token",
                "merchant", "connections", "msisdn"), home, USAGE, "(is the bus running, bin/tapbus run?)", out, err,
                (o, admin) -> {
                    if (o.get("device-token") == null) {
                        throw new IllegalArgumentException("--device-token is required (the payer's phone app token)");
                    }
                    return new CheckoutBench(o, err).measure(admin);
                });
    }

    private double number(String key, double fallback) {
        return o.number(key, fallback);
    }

    private Map<String, Object> measure(String admin) throws IOException, InterruptedException {
        double rate = number("rate", 100);
        double seconds = number("duration-seconds", 10);
        int threads = (int) number("connections", 32);
        String merchant = o.get("merchant", "demo-shop");
        int count = (int) Math.round(rate * seconds);
        HttpResponse<String> cred = send(post("/partners/" + merchant + "/credentials", "{\"roles\":[\"merchant\"]}", null), admin);
        String shop = SmsHttp.expect(cred, 201, "POST /partners/" + merchant + "/credentials").path("token").asText();
        String account = SmsHttp.expect(send(get("/app/accounts"), device), 200, "GET /app/accounts (device token)")
                .path("accounts").path(0).path("accountId").asText();
        long need = count * 100L;
        for (int k = 0; need > 0; k++, need -= 10_000_000L) {
            SmsHttp.expect(send(post("/accounts/" + account + "/topups", "{\"amountMinor\":" + Math.min(need, 10_000_000L) + "}",
                    "checkout-bench-" + run + "-" + k), admin), 201, "POST /accounts/{id}/topups");
        }
        log.printf("bench: --flow checkout: %d checkouts at %.0f/s (3 calls each) from %d threads, %s%n", count, rate, threads, api);
        Histogram latency = new Histogram(60_000_000_000L, 3);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime() + 200_000_000L;
        long interval = (long) (1e9 / rate);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long intended = start + i * interval;
                    long wait = intended - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    if (checkout(shop, i)) {
                        synchronized (latency) {
                            latency.recordValue(Math.max(0, System.nanoTime() - intended));
                        }
                    }
                }
            }, "checkout-bench-" + t);
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("flow", "checkout");
        s.put("targetRatePerSecond", rate);
        s.put("checkouts", count);
        s.put("checkoutsPerSecond", Math.round(latency.getTotalCount() / elapsed * 10) / 10.0);
        s.put("callsPerSecond", Math.round(3 * latency.getTotalCount() / elapsed * 10) / 10.0);
        s.put("p50Ms", latency.getValueAtPercentile(50) / 1e6);
        s.put("p99Ms", latency.getValueAtPercentile(99) / 1e6);
        s.put("maxMs", latency.getMaxValue() / 1e6);
        int wrongAnswers = wrong.values().stream().mapToInt(AtomicInteger::get).sum();
        s.put("wrongAnswers", wrongAnswers);
        Map<String, Integer> reasons = new TreeMap<>();
        wrong.forEach((k, v) -> reasons.put(k, v.get()));
        s.put("wrongAnswerReasons", reasons);
        return s;
    }

    /** One checkout's three calls; true when each answered as expected. */
    private boolean checkout(String shop, int i) {
        String order = "bench-" + run + "-" + i;
        try {
            HttpResponse<String> created = send(post("/checkout/payments", "{\"orderId\":\"" + order + "\",\"amountMinor\":100,"
                    + "\"msisdn\":\"" + o.get("msisdn", "+8613800000001") + "\",\"basket\":[{\"sku\":\"BENCH\",\"quantity\":1,"
                    + "\"unitPriceMinor\":100}]}", order + "-c"), shop);
            if (!ok(created, 201, "AWAITING_CONFIRMATION", "create")) {
                return false;
            }
            String id = Rest.JSON.readTree(created.body()).path("checkoutId").asText();
            if (!ok(send(post("/app/checkout/" + id + "/confirm", null, null), device), 200, "AUTHORIZED", "confirm")) {
                return false;
            }
            return ok(send(post("/checkout/payments/" + id + "/captures", null, order + "-p"), shop), 200, "\"CAPTURED\"", "capture");
        } catch (IOException e) {
            wrong.computeIfAbsent("IO " + e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
            return false;
        }
    }

    private boolean ok(HttpResponse<String> r, int status, String contains, String step) {
        if (r.statusCode() == status && r.body().contains(contains)) {
            return true;
        }
        wrong.computeIfAbsent(step + " HTTP_" + r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
        return false;
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(api + path)).GET();
    }

    private HttpRequest.Builder post(String path, String body, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return body == null ? b.POST(HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String bearer) throws IOException {
        try {
            return http.send(b.timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + bearer).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
