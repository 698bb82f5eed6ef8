package io.tapbus.samples.reader;

import io.tapbus.connector.common.Masking;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.PaymentResponse;
import io.tapbus.connector.reader.ReasonCode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The payment benchmark ({@code bench --payments [--bank]}): authorizations per second end to end. N connections, each
 * its own reader R-BENCH-001..N with a key diversified from the master key, each with one PAYMENT_REQUEST outstanding
 * and its own share of the bench cards (simulated TapBus cards personalised from the issuer key, real ARQCs). Runs a
 * warm-up, then measures for a fixed time (or until --max-payments measured payments), prints a JSON summary on stdout
 * and one summary line on stderr.
 *
 * <p>Exit codes: 0 every measured payment was APPROVED (and the cards accepted every ARPC), 1 anything else came back
 * after the warm-up, or nothing at all; 2 usage error.
 */
public final class PaymentLoadGenerator {

    public static final String USAGE = """
            usage: bench --payments [--bank] (--master-key-file PATH | --master-key HEX) [--host 127.0.0.1] [--port 7400]
                         [--readers 16] [--cards 16] [--amount 1] [--currency CNY] [--country 156]
                         [--merchant-category NNNN] [--issuer-key-file PATH [--issuer-key-label LABEL]]
                         [--atc-start HEX] [--atc-file PATH] [--card-writes] [--duration-seconds 20] [--warmup-seconds 5]
                         [--max-payments N] [--timeout-ms 5000]
              Card payments (reader protocol §12) from simulated TapBus cards: authorizations/s and latency of
              %1$s -> %2$s. Cards are the bus's bench cards 1..--cards (PAN 62123499000000nn,
              with --bank the bank-funded 62123498000000nn), card j at reader R-BENCH-((j-1) mod readers + 1).
              --atc-start  every card's ATC before its first payment (default from the clock: 1 + epoch s mod FF00;
                           0 on a fresh bus); a card answered %3$s jumps ahead by 256, 512, then 1024
                           at a time (warm-up payments absorb that)
              --atc-file   start from the highest ATC of the last run with this file (then --atc-start or the
                           clock when it has none), and keep this run's highest ATC there; delete it with the bus's data
              --card-writes  also write the balance to the card and send %4$s (not timed)"""
            .formatted(FrameType.PAYMENT_REQUEST, FrameType.PAYMENT_RESPONSE, ReasonCode.ATC_REPLAYED,
                    FrameType.CARD_WRITE_RESULT);

    /** Above this ATC the run warns that the bench cards are running out of ATCs. */
    static final int ATC_WARNING = 0xF000;

    private PaymentLoadGenerator() {
    }

    /** Runs {@code [bench] --payments options...} and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PaymentBenchPlan plan;
        try {
            int from = args.length > 0 && args[0].equals("bench") ? 1 : 0;
            plan = PaymentBenchPlan.from(CommandLine.parse(args, from, PaymentBenchPlan.OPTIONS, PaymentBenchPlan.FLAGS));
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return ReaderSimulator.EXIT_USAGE;
        }
        err.printf("bench --payments: %d readers, %d %s cards (ATC from %04X) against %s:%d, %d minor units each, "
                        + "warm-up %d s, measuring %d s%s%n", plan.readers(), plan.cards(),
                plan.bank() ? "bank-funded" : "stored-value", plan.atcStart(), plan.host(), plan.port(),
                plan.amountMinor(), plan.warmupSeconds(), plan.durationSeconds(),
                plan.maxPayments() > 0 ? " or " + plan.maxPayments() + " payments" : "");
        if (plan.demoIssuerKey()) {
            err.println("bench --payments: the simulated cards are personalised from the DEMO issuer master key");
        }
        Map<String, Object> summary = runPlan(plan);
        out.println(BenchReport.toJson(summary));
        err.println(summaryLine(summary));
        int highest = Integer.parseInt((String) ((Map<?, ?>) summary.get("atc")).get("highestLast"), 16);
        if (plan.atcFile() != null) {
            try {
                AtcFile.write(plan.atcFile(), plan.funding(), highest);
            } catch (IOException e) {
                err.println("bench --payments: could not write --atc-file " + plan.atcFile() + ": " + e.getMessage());
            }
        }
        if (highest >= ATC_WARNING) {
            err.printf("bench --payments: the bench cards have used ATCs up to %04X of FFFF; soon they can pay no more"
                    + " (start the bus afresh: rm -rf data, and --atc-start 0)%n", highest);
        }
        return Boolean.TRUE.equals(summary.get("allApproved")) ? ReaderSimulator.EXIT_OK : ReaderSimulator.EXIT_FAILED;
    }

    static Map<String, Object> runPlan(PaymentBenchPlan plan) {
        long start = System.nanoTime();
        long measureFrom = start + plan.warmupSeconds() * 1_000_000_000L;
        long measureUntil = measureFrom + plan.durationSeconds() * 1_000_000_000L;
        AtomicLong measuredStarted = new AtomicLong();
        String runId = Long.toString(System.currentTimeMillis(), 36);

        List<PaymentBenchWorker> workers = new ArrayList<>();
        for (int i = 1; i <= plan.readers(); i++) {
            workers.add(new PaymentBenchWorker(plan, i, runId, measureFrom, measureUntil, measuredStarted));
        }
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            Thread thread = new Thread(workers.get(i), "bench-pay-" + PaymentBenchPlan.readerId(i + 1));
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

    static Map<String, Object> summarize(PaymentBenchPlan plan, List<PaymentBenchWorker> workers, long measureFrom) {
        Latencies latencies = new Latencies();
        Map<String, Long> verdicts = new TreeMap<>();
        Map<String, Long> reasons = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        Map<String, Long> warmup = new TreeMap<>();
        Map<String, Long> writes = new TreeMap<>();
        long payments = 0;
        long arpcRejected = 0;
        long resyncs = 0;
        int lowestFirstAtc = Integer.MAX_VALUE;
        int highestAtc = 0;
        List<String> cards = new ArrayList<>();
        long lastFinish = measureFrom;
        for (PaymentBenchWorker worker : workers) {
            latencies.addAll(worker.latencies());
            worker.verdicts().forEach((k, v) -> verdicts.merge(k, v, Long::sum));
            worker.notApprovedReasons().forEach((k, v) -> reasons.merge(k, v, Long::sum));
            worker.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
            worker.warmupOutcomes().forEach((k, v) -> warmup.merge(k, v, Long::sum));
            worker.cardWriteAcks().forEach((k, v) -> writes.merge(k, v, Long::sum));
            payments += worker.measuredPayments();
            arpcRejected += worker.arpcRejected();
            lastFinish = Math.max(lastFinish, worker.finishedAt());
            for (BenchCard card : worker.cards()) {
                resyncs += card.resyncs();
                lowestFirstAtc = Math.min(lowestFirstAtc, card.firstAtc());
                highestAtc = Math.max(highestAtc, card.atc());
            }
        }
        for (int card = 1; card <= plan.cards(); card++) {
            cards.add(Masking.pan(plan.pan(card)));
        }
        long approved = verdicts.getOrDefault(PaymentResponse.Verdict.APPROVED.name(), 0L);
        long notApproved = verdicts.values().stream().mapToLong(Long::longValue).sum() - approved
                + errors.values().stream().mapToLong(Long::longValue).sum();
        double measuredSeconds = (lastFinish - measureFrom) / 1e9;
        long[] sorted = latencies.sorted();

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("mode", "payments");
        summary.put("funding", plan.funding());
        summary.put("target", plan.host() + ":" + plan.port());
        summary.put("readers", plan.readers());
        summary.put("cards", cards);
        summary.put("amountMinor", plan.amountMinor());
        summary.put("currency", plan.currency());
        summary.put("warmupSeconds", plan.warmupSeconds());
        summary.put("durationSeconds", plan.durationSeconds());
        summary.put("measuredSeconds", BenchReport.round3(measuredSeconds));
        summary.put("payments", payments);
        summary.put("replies", latencies.size());
        summary.put("verdicts", verdicts);
        summary.put("approved", approved);
        summary.put("notApproved", notApproved);
        summary.put("notApprovedReasons", reasons);
        summary.put("errors", errors);
        summary.put("arpcRejected", arpcRejected);
        if (plan.cardWrites()) {
            summary.put("cardWrites", writes);
        }
        summary.put("warmupVerdicts", warmup);
        Map<String, Object> atc = new LinkedHashMap<>();
        atc.put("start", String.format("%04X", plan.atcStart()));
        atc.put("lowestFirst", String.format("%04X", lowestFirstAtc == Integer.MAX_VALUE ? 0 : lowestFirstAtc));
        atc.put("highestLast", String.format("%04X", highestAtc));
        atc.put("resyncs", resyncs);
        summary.put("atc", atc);
        summary.put("throughputAuthorizationsPerSecond", measuredSeconds > 0 ? BenchReport.round3(latencies.size() / measuredSeconds) : 0.0);
        summary.put("latencyMs", BenchReport.latencyMs(sorted));
        summary.put("allApproved", latencies.size() > 0 && notApproved == 0 && arpcRejected == 0);
        return summary;
    }

    /** One human line: rate, percentiles, verdict counts and, when the run failed, what came back instead. */
    @SuppressWarnings("unchecked")
    static String summaryLine(Map<String, Object> summary) {
        Map<String, Object> latency = (Map<String, Object>) summary.get("latencyMs");
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "bench --payments (%s): %d readers, %d authorizations in %.1f s = %.1f/s, p50 %s p90 %s p99 %s max %s ms;"
                        + " APPROVED %d, not approved %d",
                summary.get("funding"), (Integer) summary.get("readers"), (Integer) summary.get("replies"),
                (Double) summary.get("measuredSeconds"), (Double) summary.get("throughputAuthorizationsPerSecond"),
                latency.get("p50"), latency.get("p90"), latency.get("p99"), latency.get("max"),
                (Long) summary.get("approved"), (Long) summary.get("notApproved")));
        long arpcRejected = (Long) summary.get("arpcRejected");
        if (arpcRejected > 0) {
            line.append(", ARPC rejected by the card ").append(arpcRejected);
        }
        if (Boolean.TRUE.equals(summary.get("allApproved"))) {
            return line.append(" -> OK").toString();
        }
        line.append(" -> FAILED");
        Map<String, Long> reasons = (Map<String, Long>) summary.get("notApprovedReasons");
        Map<String, Long> errors = (Map<String, Long>) summary.get("errors");
        if (!reasons.isEmpty()) {
            line.append("; reasons ").append(reasons);
        }
        if (!errors.isEmpty()) {
            line.append("; errors ").append(errors);
        }
        if ((Integer) summary.get("replies") == 0) {
            line.append("; no reply was measured");
        }
        if (reasons.keySet().stream().anyMatch(r -> r.endsWith(" " + ReasonCode.ATC_REPLAYED))) {
            line.append("; the cards' ATCs were behind the bus's: give more --warmup-seconds or --atc-start above ")
                    .append(((Map<String, Object>) summary.get("atc")).get("highestLast"));
        }
        if (errors.containsKey("CARD_REFUSED")) {
            line.append("; a card refused GENERATE AC (ATC FFFF reached?): start the bus afresh (rm -rf data)");
        }
        if (reasons.keySet().stream().anyMatch(r -> r.endsWith(" " + ReasonCode.VELOCITY_EXCEEDED))) {
            line.append("; the payment-authorize velocity limit (payments per card in ten minutes) stops a benchmark:"
                    + " see docs/benchmarks.md for a bus started with it lifted");
        }
        return line.toString();
    }

}
