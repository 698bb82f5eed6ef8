package io.tapbus.samples.load;

import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.ReaderConstants;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.connector.tag.TagVerdict;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The options of {@code bench --flow ...}, checked; defaults depend on the flow. */
final class BenchOptions {

    static final String USAGE = """
            usage: bin/tapbus bench --flow taps|payments|bank-payments|scans --find-max [options]
                   bin/tapbus bench --flow taps|payments|bank-payments|scans --rate N --duration-seconds S [options]
                   bin/tapbus bench --flow scans --write-urls FILE --count N [options]
              Open-loop load against a running bus (bin/tapbus run): requests go out at their intended times over many
              connections, pipelined, whether or not earlier answers came; latency is measured from the intended send
              time (HdrHistogram), every answer is checked. Frames (AES-CMAC, per-reader sequences), ARQCs and SUN URLs
              are precomputed before each step. Progress goes to stderr; the last line on stdout is one JSON object:
              flow, maxRatePerSecond (find-max) or rate, p50Ms, p99Ms, p999Ms, wrongAnswers, generatorCpuShare, steps.
              Exit 0 ok, 1 a wrong answer (decline, %4$s frame, timeout, HTTP error) or a failed set-up, 2 usage,
              3 find-max: not even the start rate held.

              flows  taps           %1$s of 1 fen with the generator's own funded cards -> %3$s
                     payments       %2$s with real ARQCs of simulated TapBus cards (stored value) -> %3$s
                     bank-payments  the same with bank-funded cards: needs the bus with -Dtapbus.bank.enabled=true and
                                    the bank simulator running (bin/tapbus bank-sim)
                     scans          GET of the public scan URL with SUN messages of a fresh tag batch -> %5$s
                     tickets        gates validating signed day passes (TICKET_VALIDATE, docs/tickets.md): each must open

              --find-max              warm up, then raise the rate step by step while p99 <= --p99-limit-ms and every
                                      answer is right; reports the highest rate that held
              --rate N --duration-seconds S   one step at a fixed rate (after --warmup-seconds, default 0 here)
              --write-urls FILE --count N     scans: register a fresh tag batch, write N scan URLs (each tag's counter
                                      rising) to FILE, one per line, and exit: for a generator TapBus did not write
                                      (samples/load-generator/wrk/scans.lua)
              --host H --port P       reader protocol endpoint (127.0.0.1, 7400)
              --api URL               REST base for set-up and scans (http://127.0.0.1:8080/api)
              --master-key-file F     reader master key (TAPBUS_HOME/config/demo-keys/reader-master.hex)
              --admin-key-file F      admin credential (TAPBUS_HOME/config/demo-keys/admin-api-key.txt)
              --connections N         reader connections R-BENCH-001..N (taps/payments 1024), HTTP connections (scans 128)
              --threads N             event-loop threads (2)
              --cards N               taps: distinct cards, card n at connection n (default = --connections)
              --payments-per-card N   payments per card and run, at most the velocity limit (10)
              --tags N                scans: tags in the batch (4096)
              --amount MINOR          taps/payments amount (1)
              --start-rate R          first rate (taps 500, scans 300, payments 100, bank-payments 100)
              --rate-factor F         next rate = rate x F (1.25)
              --max-rate R            stop raising above R (none)
              --step-seconds S        length of a step (5)
              --warmup-seconds S      warm-up at the start rate before judging (find-max 30, fixed rate 0)
              --p99-limit-ms L        a step holds while its p99 <= L (20)
              --max-seconds S         find-max time budget, warm-up included (170)
              --retries N             a step that did not hold is tried again N times (1)
              --timeout-ms T          after a step's last send, how long to wait for answers (5000)
              --verify-mac            also verify the MAC of every reply (costs a CMAC per answer)
              --issuer-key-file F [--issuer-key-label L]  the IMK-AC of the simulated cards (demo key tapbus-demo)
              --state-file F          the generator's cards on this bus (TAPBUS_HOME/data/bench/loadgen-state.properties)
            Without --flow, bench is the closed-loop load generator of samples/reader-simulator (its usage follows)."""
            .formatted(FrameType.TAP_REQUEST, FrameType.PAYMENT_REQUEST, TapResponse.Verdict.APPROVED, FrameType.ERROR,
                    TagVerdict.GENUINE);

    private static final Set<String> FLAGS = Set.of("find-max", "verify-mac", "help");
    private static final Set<String> OPTIONS = Set.of("flow", "rate", "duration-seconds", "host", "port", "api",
            "master-key-file", "admin-key-file", "connections", "threads", "cards", "payments-per-card", "tags", "amount",
            "start-rate", "rate-factor", "max-rate", "step-seconds", "warmup-seconds", "p99-limit-ms", "max-seconds",
            "retries", "timeout-ms", "issuer-key-file", "issuer-key-label", "state-file", "write-urls", "count");
    static final Set<String> FLOWS = Set.of("taps", "payments", "bank-payments", "scans", "tickets");

    final Map<String, String> values = new HashMap<>();
    final Set<String> flags = new java.util.HashSet<>();
    final Path home;

    String flow;
    boolean findMax;
    /** scans only: write this many URLs to this file instead of running steps */
    Path writeUrls;
    int count;
    double rate;
    double durationSeconds;
    String host;
    int port;
    String api;
    Path masterKeyFile;
    Path adminKeyFile;
    int connections;
    int threads;
    int cards;
    int paymentsPerCard;
    int tags;
    long amount;
    double startRate;
    double rateFactor;
    double maxRate;
    double stepSeconds;
    double warmupSeconds;
    double p99LimitMs;
    double maxSeconds;
    int retries;
    long timeoutMs;
    boolean verifyMac;
    Path issuerKeyFile;
    String issuerKeyLabel;
    Path stateFile;

    private BenchOptions(Path home) {
        this.home = home;
    }

    static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h") || a.equals("help")) {
                return true;
            }
        }
        return false;
    }

    static BenchOptions parse(String[] args, int from, Path home) throws IllegalArgumentException {
        BenchOptions o = new BenchOptions(home);
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (FLAGS.contains(name) && value == null) {
                o.flags.add(name);
            } else if (OPTIONS.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                if (o.values.put(name, value) != null) {
                    throw new IllegalArgumentException("--" + name + " is given twice");
                }
            } else {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        o.resolve();
        return o;
    }

    private void resolve() {
        flow = values.get("flow");
        if (flow == null || !FLOWS.contains(flow)) {
            throw new IllegalArgumentException("--flow must be one of taps, payments, bank-payments, scans");
        }
        findMax = flags.contains("find-max");
        boolean fixed = values.containsKey("rate");
        writeUrls = values.containsKey("write-urls") ? Path.of(values.get("write-urls")) : null;
        if (writeUrls != null) {
            if (!flow.equals("scans") || findMax || fixed || !values.containsKey("count")) {
                throw new IllegalArgumentException("--write-urls FILE --count N is for --flow scans, without --find-max or --rate");
            }
            count = (int) lng("count", 0, 1, 10_000_000);
        } else if (values.containsKey("count")) {
            throw new IllegalArgumentException("--count goes with --write-urls");
        }
        if (writeUrls == null && findMax == fixed) {
            throw new IllegalArgumentException("give either --find-max or --rate N --duration-seconds S");
        }
        if (fixed && !values.containsKey("duration-seconds")) {
            throw new IllegalArgumentException("--rate needs --duration-seconds");
        }
        if (findMax && values.containsKey("duration-seconds")) {
            throw new IllegalArgumentException("--duration-seconds goes with --rate; find-max uses --step-seconds");
        }
        boolean scans = flow.equals("scans");
        boolean payments = flow.endsWith("payments");
        rate = fixed ? dbl("rate", 0, 0.1, 1e6) : 0;
        durationSeconds = fixed ? dbl("duration-seconds", 0, 0.1, 86_400) : 0;
        host = values.getOrDefault("host", "127.0.0.1");
        port = (int) lng("port", ReaderConstants.DEFAULT_PORT, 1, 65535);
        api = values.getOrDefault("api", "http://127.0.0.1:8080/api");
        masterKeyFile = path("master-key-file", "config/demo-keys/reader-master.hex");
        adminKeyFile = path("admin-key-file", "config/demo-keys/admin-api-key.txt");
        connections = (int) lng("connections", scans ? 128 : 1024, 1, 20_000);
        threads = (int) lng("threads", 2, 1, 64);
        cards = (int) lng("cards", connections, 1, 1_000_000);
        paymentsPerCard = (int) lng("payments-per-card", 10, 1, 1_000_000);
        tags = (int) lng("tags", 4096, 1, 1_000_000);
        amount = lng("amount", 1, 1, 200_000);
        startRate = dbl("start-rate", scans ? 300 : payments ? 100 : 500, 0.1, 1e6);
        rateFactor = dbl("rate-factor", 1.25, 1.01, 10);
        maxRate = dbl("max-rate", 0, 0, 1e7);
        stepSeconds = dbl("step-seconds", 5, 0.1, 3600);
        warmupSeconds = dbl("warmup-seconds", findMax ? 30 : 0, 0, 3600);
        p99LimitMs = dbl("p99-limit-ms", 20, 0.001, 600_000);
        maxSeconds = dbl("max-seconds", 170, 1, 86_400);
        retries = (int) lng("retries", 1, 0, 10);
        timeoutMs = lng("timeout-ms", 5000, 1, 600_000);
        verifyMac = flags.contains("verify-mac");
        issuerKeyFile = values.containsKey("issuer-key-file") ? Path.of(values.get("issuer-key-file")) : null;
        issuerKeyLabel = values.get("issuer-key-label");
        if (issuerKeyLabel != null && issuerKeyFile == null) {
            throw new IllegalArgumentException("--issuer-key-label needs --issuer-key-file");
        }
        stateFile = path("state-file", "data/bench/loadgen-state.properties");
        if (scans && tags < connections) {
            throw new IllegalArgumentException("--tags must be at least --connections: a tag is scanned on one connection only");
        }
        if (payments && tags != 4096) {
            throw new IllegalArgumentException("--tags is for --flow scans");
        }
    }

    private Path path(String name, String underHome) {
        String v = values.get(name);
        return v != null ? Path.of(v) : home.resolve(underHome);
    }

    private long lng(String name, long dflt, long min, long max) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        long parsed;
        try {
            parsed = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + v + "'");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max);
        }
        return parsed;
    }

    private double dbl(String name, double dflt, double min, double max) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + v + "'");
        }
        if (!(parsed >= min && parsed <= max)) {
            throw new IllegalArgumentException("--" + name + " must be between " + FindMax.fmt(min) + " and " + FindMax.fmt(max));
        }
        return parsed;
    }
}
