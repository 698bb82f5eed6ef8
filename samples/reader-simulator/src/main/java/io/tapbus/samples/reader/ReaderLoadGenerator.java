package io.tapbus.samples.reader;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator: N connections, each its own reader R-BENCH-001..N with a key diversified from the master
 * key, each with one outstanding TAP_REQUEST at a time. Runs a warm-up, then measures for a fixed time (or
 * until --max-taps measured taps), and prints a JSON summary on stdout.
 *
 * <p>Exit codes: 0 at least one reply was measured, 1 none was, 2 usage error.
 */
public final class ReaderLoadGenerator {

    public static final String USAGE = """
            usage: bench (--master-key-file PATH | --master-key HEX) [--host 127.0.0.1] [--port 7400]
                         [--readers 16] [--cards 04A1B2C3D4E5F6,...] [--amount 1] [--currency CNY]
                         [--duration-seconds 20] [--warmup-seconds 5] [--max-taps N] [--timeout-ms 5000]
              Reader ids are R-BENCH-001..N; each connection taps with its own id and diversified key.
              --cards  card UIDs, shared out among the readers; the default is the demo card (1,000.00 CNY). The bus's
                       16 stored-value bench cards (100,000.00 CNY each) are 04BE0000000001..04BE0000000010
                       (docs/benchmarks.md, "Which bench card is which").
              With --payments: the payment benchmark (card payments, authorizations/s); see its usage below.""";

    static final String READER_PREFIX = "R-BENCH-";

    private static final Set<String> OPTIONS = Set.of("host", "port", "master-key", "master-key-file", "readers", "cards",
            "amount", "currency", "duration-seconds", "warmup-seconds", "max-taps", "timeout-ms");

    private ReaderLoadGenerator() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs {@code [bench] options...} (the payment benchmark with {@code --payments}) and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--" + PaymentBenchPlan.PAYMENTS_FLAG)) {
            return PaymentLoadGenerator.run(args, out, err);
        }
        BenchPlan plan;
        try {
            int from = args.length > 0 && args[0].equals("bench") ? 1 : 0;
            plan = BenchPlan.from(CommandLine.parse(args, from, OPTIONS, Set.of()));
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return ReaderSimulator.EXIT_USAGE;
        }
        err.printf("bench: %d readers against %s:%d, warm-up %d s, measuring %d s%s%n", plan.readers(), plan.host(),
                plan.port(), plan.warmupSeconds(), plan.durationSeconds(),
                plan.maxTaps() > 0 ? " or " + plan.maxTaps() + " taps" : "");

        Map<String, Object> summary = runPlan(plan);
        out.println(BenchReport.toJson(summary));
        return ((Number) summary.get("replies")).longValue() > 0 ? ReaderSimulator.EXIT_OK : ReaderSimulator.EXIT_FAILED;
    }

    static Map<String, Object> runPlan(BenchPlan plan) {
        long start = System.nanoTime();
        long measureFrom = start + plan.warmupSeconds() * 1_000_000_000L;
        long measureUntil = measureFrom + plan.durationSeconds() * 1_000_000_000L;
        AtomicLong measuredStarted = new AtomicLong();

        List<BenchWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= plan.readers(); i++) {
            String readerId = String.format("%s%03d", READER_PREFIX, i);
            BenchWorker worker = new BenchWorker(plan, readerId, i, measureFrom, measureUntil, measuredStarted);
            workers.add(worker);
            Thread thread = new Thread(worker, "bench-" + readerId);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return summarize(plan, workers, measureFrom);
    }

    private static Map<String, Object> summarize(BenchPlan plan, List<BenchWorker> workers, long measureFrom) {
        Latencies latencies = new Latencies();
        Map<String, Long> verdicts = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        long taps = 0;
        long lastFinish = measureFrom;
        for (BenchWorker worker : workers) {
            latencies.addAll(worker.latencies());
            worker.verdicts().forEach((k, v) -> verdicts.merge(k, v, Long::sum));
            worker.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
            taps += worker.measuredTaps();
            lastFinish = Math.max(lastFinish, worker.finishedAt());
        }
        double measuredSeconds = (lastFinish - measureFrom) / 1e9;
        long[] sorted = latencies.sorted();

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("target", plan.host() + ":" + plan.port());
        summary.put("readers", plan.readers());
        summary.put("cards", Arrays.asList(plan.cards()));
        summary.put("warmupSeconds", plan.warmupSeconds());
        summary.put("durationSeconds", plan.durationSeconds());
        summary.put("measuredSeconds", BenchReport.round3(measuredSeconds));
        summary.put("taps", taps);
        summary.put("replies", latencies.size());
        summary.put("verdicts", verdicts);
        summary.put("errors", errors);
        summary.put("throughputTapsPerSecond", measuredSeconds > 0 ? BenchReport.round3(latencies.size() / measuredSeconds) : 0.0);
        summary.put("latencyMs", BenchReport.latencyMs(sorted));
        return summary;
    }

}
