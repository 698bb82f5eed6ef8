package io.tapbus.samples.load;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one step measured over all event loops, merged and turned into its {@link StepResult}: latency percentiles,
 * wrong answers by kind (requests never answered count as TIMEOUT), wall and CPU time, achieved rate.
 */
final class StepReport {
    private final Histogram histogram = new Histogram(3);
    private final Map<String, Long> wrong = new TreeMap<>();
    private long ok;
    private long got;

    /** Adds what one event loop measured. */
    void add(SenderLoop.Stats stats) {
        histogram.add(stats.histogram);
        stats.wrong.forEach((k, v) -> wrong.merge(k, v, Long::sum));
        ok += stats.ok;
        got += stats.answered;
    }

    /** The step's result, the step having been sent from {@code start} to {@code end} (nanoTime). */
    StepResult result(Step step, long start, long end, CpuClock.Sample used) {
        long unanswered = step.count - got;
        if (unanswered > 0) {
            wrong.merge("TIMEOUT", unanswered, Long::sum);
        }
        long wrongCount = wrong.values().stream().mapToLong(Long::longValue).sum();
        double wall = (end - start) / 1e9;
        double sendWindow = Math.max(step.seconds, 1e-9);
        return new StepResult(step.id, step.warmUp, step.rate, step.count, got, ok, wrongCount, wrong,
                ms(histogram, 50), ms(histogram, 90), ms(histogram, 99), ms(histogram, 99.9),
                histogram.getTotalCount() == 0 ? 0 : round3(histogram.getMaxValue() / 1000.0),
                round3(wall), round3(used.cpuSeconds()), round4(used.share(wall)), round3(got / Math.max(wall, sendWindow)));
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : round3(h.getValueAtPercentile(percentile) / 1000.0);
    }

    static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    static double round4(double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }
}
