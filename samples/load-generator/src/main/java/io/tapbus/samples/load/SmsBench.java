package io.tapbus.samples.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    private final FlowOptions o;
    private final PrintStream log;
    private final SmsHttp web = new SmsHttp();
    private final String api;
    private final String smsc;
    private final String token;
    private final String flow;
    private final String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();

    private SmsBench(FlowOptions o, String token, PrintStream log) {
        this.o = o;
        this.log = log;
        this.flow = o.get("flow");
        this.api = SmsHttp.strip(o.get("api", "http://127.0.0.1:8080/api"));
        this.smsc = SmsHttp.strip(o.get("smsc-control", "http://127.0.0.1:2776"));
        this.token = token;
    }

    static boolean wants(List<String> args) {
        return FlowOptions.wants(args, List.of("sms", "sms-commands"));
    }

    static int run(List<String> args, Path home, PrintStream out, PrintStream err) {
        return FlowOptions.run(args, List.of("flow", "rate", "duration-seconds", "api", "admin-key-file", "smsc-control",
                        "window", "connections", "numbers", "drain-seconds", "backlog"), home, USAGE,
                "(is the bus running, bin/tapbus run, and bin/tapbus smsc-sim --quiet?)", out, err, (o, token) -> {
                    SmsBench bench = new SmsBench(o, token, err);
                    return bench.flow.equals("sms") ? bench.outgoing() : bench.commands();
                });
    }

    private double number(String key, double fallback) {
        return o.number(key, fallback);
    }

    // ---------------------------------------------------------------- sms

    private Map<String, Object> outgoing() throws IOException, InterruptedException {
        double rate = number("rate", 500);
        double seconds = number("duration-seconds", 10);
        int window = (int) number("window", 10);
        int count = Step.requests(rate, seconds);
        SmsHttp.expect(web.post(smsc + "/command", "bench reset", null), 200, "POST /command bench reset to the SMSC simulator");
        JsonNode base = stats();
        long baseSubmits = base.path("submits").asLong();
        long baseReceipts = base.path("receipts").asLong();
        boolean backlog = o.get("backlog", "no").equals("yes");
        if (backlog) {
            SmsHttp.expect(web.post(smsc + "/command", "down 3600", null), 200, "POST /command down to the SMSC simulator");
        }
        SmscSampler sampler = new SmscSampler(() -> stats().path("submits").asLong(), log).start();
        log.printf("bench: --flow sms: %d texts at %.0f/s through POST %s/sms, SMSC %s%s%n", count, rate, api, smsc,
                backlog ? " (down while they queue: the backlog is timed when it comes back)" : "");
        OpenLoopSender.Sent sent = OpenLoopSender.send(count, rate, (int) number("connections", 32), i -> web.post(api + "/sms",
                "{\"msisdn\":\"+86139" + String.format("%08d", i % 1_000_000) + "\",\"text\":\"TapBus bench " + run + " #"
                        + i + ": your one-time code is " + String.format("%06d", (i * 7919) % 1_000_000)
                        + "\",\"correlation\":\"bench-sms-" + run + "-" + (i / GROUP) + "\"}", token),
                r -> r.statusCode() == 202 ? null : "HTTP_" + r.statusCode());
        long queued = sent.ok.sum();
        if (backlog) {
            SmsHttp.expect(web.post(smsc + "/command", "up", null), 200, "POST /command up to the SMSC simulator");
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
                JsonNode body = SmsHttp.expect(web.get(api + "/sms?limit=" + GROUP + "&correlation=bench-sms-" + run + "-" + g, token),
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
        SmsHttp.expect(web.post(smsc + "/command", "bench reset", null), 200, "POST /command bench reset to the SMSC simulator");
        log.printf("bench: --flow sms-commands: %d MO \"BAL\" from %d registered numbers at %.0f/s through %s%n", count,
                numbers, rate, smsc);
        OpenLoopSender.Sent sent = OpenLoopSender.send(count, rate, (int) number("connections", 16),
                i -> web.post(smsc + "/command", "mo " + msisdn(i % numbers + 1) + " BAL", null),
                r -> r.statusCode() == 200 && r.body().startsWith("ok mo") ? null : "MO_" + r.statusCode());
        long delivered = sent.ok.sum();
        long deadline = System.nanoTime() + (long) (number("drain-seconds", 120) * 1e9);
        JsonNode trips;
        do {
            trips = SmsHttp.expect(web.get(smsc + "/mo-round-trips", null), 200, "GET /mo-round-trips");
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
                wrong, OpenLoopSender.ms(h, 50), OpenLoopSender.ms(h, 90), OpenLoopSender.ms(h, 99), OpenLoopSender.ms(h, 99.9), StepReport.round3(h.getMaxValue() / 1000.0),
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

    private JsonNode stats() throws IOException {
        return SmsHttp.expect(web.get(smsc + "/stats", null), 200, "GET /stats of the SMSC simulator");
    }
}
