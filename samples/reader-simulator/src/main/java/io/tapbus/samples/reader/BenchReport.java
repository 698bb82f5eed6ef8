package io.tapbus.samples.reader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the tap and payment load generators share: the measuring window of a worker and the summary's numbers. */
final class BenchReport {
    private BenchReport() {
    }

    /** Whether a closed-loop worker's next request is not to be sent, sent in the warm-up, or sent and measured. */
    enum Step { STOP, WARM_UP, MEASURED }

    /**
     * The next step at {@code now}: STOP after the measured window or once {@code max} measured requests (0: no
     * maximum) have been started by all workers together.
     */
    static Step next(long now, long measureFrom, long measureUntil, long max, AtomicLong measuredStarted) {
        if (now >= measureUntil) {
            return Step.STOP;
        }
        if (now < measureFrom) {
            return Step.WARM_UP;
        }
        if (max > 0 && measuredStarted.incrementAndGet() > max) {
            return Step.STOP;
        }
        return Step.MEASURED;
    }

    /** p50, p90, p99 and max in milliseconds of latencies in nanoseconds, sorted ascending. */
    static Map<String, Object> latencyMs(long[] sorted) {
        Map<String, Object> latencyMs = new LinkedHashMap<>();
        latencyMs.put("p50", millis(Latencies.percentile(sorted, 50)));
        latencyMs.put("p90", millis(Latencies.percentile(sorted, 90)));
        latencyMs.put("p99", millis(Latencies.percentile(sorted, 99)));
        latencyMs.put("max", millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
        return latencyMs;
    }

    static double millis(long nanos) {
        return round3(nanos / 1e6);
    }

    static double round3(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    static String toJson(Map<String, Object> summary) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
