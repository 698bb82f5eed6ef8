package io.tapbus.runtime.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where a request's milliseconds go, per flow and stage (decode, facts, decide, durable_write, reply), as
 * the Prometheus histogram {@code tapbus_stage_seconds{flow,stage}} on /observe/metrics.
 */
public final class StageTimers {
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public StageTimers(MeterRegistry registry) {
        this.registry = registry == null ? Metrics.globalRegistry : registry;
    }

    public void record(String flow, String stage, long startNanos) {
        timers.computeIfAbsent(flow + '/' + stage, k -> Timer.builder("tapbus.stage").description("time spent per flow stage")
                        .tags("flow", flow, "stage", stage).publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofNanos(1_000)).maximumExpectedValue(Duration.ofSeconds(5)).register(registry))
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
