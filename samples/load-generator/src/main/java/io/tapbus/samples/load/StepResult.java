package io.tapbus.samples.load;

import java.util.Map;

/**
 * What one step measured. Latencies in milliseconds from each request's intended send time to its answer (so a
 * generator or a bus that falls behind shows up as latency, not as a lower rate). {@code wrong} counts every answer that
 * was not the expected one (declines, ERROR frames, wrong sequence, HTTP errors, connections closed, timeouts) by kind.
 *
 * @param cpuShare the generator process's CPU time during the step / (wall time x available processors)
 */
record StepResult(int step, boolean warmUp, double rate, int requests, long answered, long ok, long wrongAnswers,
                  Map<String, Long> wrong, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs,
                  double wallSeconds, double cpuSeconds, double cpuShare, double achievedRate) {

    /** Held: every answer right and p99 within the limit. */
    boolean held(double p99LimitMs) {
        return wrongAnswers == 0 && answered == requests && p99Ms <= p99LimitMs;
    }
}
