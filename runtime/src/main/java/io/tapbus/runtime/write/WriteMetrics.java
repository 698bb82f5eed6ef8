package io.tapbus.runtime.write;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an operator sees of the write path on /observe/metrics: units per batch, rows per batch, the
 * durable write (statements + commit + sync) per batch, and how long a unit waited for its answer.
 */
public final class WriteMetrics {
    private final DistributionSummary unitsPerBatch;
    private final DistributionSummary rowsPerBatch;
    private final Timer durableWrite;
    private final Timer unitWait;
    private final Timer batchCycle;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong direct = new AtomicLong();
    private final Timer projection;
    private final MeterRegistry registry;
    private volatile long lastBatchUnits;

    public WriteMetrics(MeterRegistry registry) {
        MeterRegistry r = registry == null ? Metrics.globalRegistry : registry;
        unitsPerBatch = DistributionSummary.builder("tapbus.write.batch.units").description("units (requests) per durable batch")
                .publishPercentileHistogram().maximumExpectedValue(4096.0).register(r);
        rowsPerBatch = DistributionSummary.builder("tapbus.write.batch.rows").description("rows written per durable batch")
                .publishPercentileHistogram().maximumExpectedValue(65536.0).register(r);
        durableWrite = Timer.builder("tapbus.write.durable").description("statements, commit and sync of one batch")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(50_000)).maximumExpectedValue(Duration.ofSeconds(5)).register(r);
        unitWait = Timer.builder("tapbus.write.unit.wait").description("from a unit's submission to its durable answer")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(50_000)).maximumExpectedValue(Duration.ofSeconds(5)).register(r);
        batchCycle = Timer.builder("tapbus.write.batch.cycle").description("apply, write, commit and sync of one batch")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(50_000)).maximumExpectedValue(Duration.ofSeconds(5)).register(r);
        r.gauge("tapbus.write.refused", refused);
        // batches made durable by the database (a unit used the writer's handle, or there is no journal)
        r.gauge("tapbus.write.direct.batches", direct);
        projection = Timer.builder("tapbus.write.projection").description("writing journaled batches into the tables (behind the answers)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(50_000)).maximumExpectedValue(Duration.ofSeconds(5)).register(r);
        this.registry = r;
    }

    void batch(int units, int rows, long durableNanos) {
        lastBatchUnits = units;
        unitsPerBatch.record(units);
        rowsPerBatch.record(rows);
        durableWrite.record(durableNanos, TimeUnit.NANOSECONDS);
    }

    void waited(long nanos) {
        unitWait.record(nanos, TimeUnit.NANOSECONDS);
    }

    void cycle(long nanos) {
        batchCycle.record(nanos, TimeUnit.NANOSECONDS);
    }

    void lagOf(java.util.function.Supplier<Integer> pendingRows) {
        this.lag = pendingRows; // held here: a gauge keeps only a weak reference to what it reads
        registry.gauge("tapbus.write.projection.lag.rows", this, m -> m.lag.get());
    }

    private volatile java.util.function.Supplier<Integer> lag = () -> 0;

    void projected(long nanos) {
        projection.record(nanos, TimeUnit.NANOSECONDS);
    }

    void direct() {
        direct.incrementAndGet();
    }

    /** Batches made durable by the database rather than the journal (the slow path). */
    public long directBatches() {
        return direct.get();
    }

    void refused() {
        refused.incrementAndGet();
    }

    public long batches() {
        return unitsPerBatch.count();
    }

    public double meanUnitsPerBatch() {
        return unitsPerBatch.mean();
    }

    public long lastBatchUnits() {
        return lastBatchUnits;
    }
}
