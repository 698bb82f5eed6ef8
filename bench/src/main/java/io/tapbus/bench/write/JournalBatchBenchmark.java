package io.tapbus.bench.write;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tapbus.runtime.write.WriteMetrics;
import io.tapbus.runtime.write.WritePath;
import io.tapbus.runtime.write.WriteUnit;
import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One journal batch of the write path, as the bus runs it embedded: {@code units} small write units (one row each)
 * handed to a {@link WritePath} on an H2 file database with the journal on, measured from the first submission (the
 * gate's, below) to the last answer. The batch is one journal record forced to the disk (a real fdatasync); the rows
 * go into H2 behind the answers, on the write path's own thread, as in the bus.
 *
 * <p>So that the units form exactly one batch, a gate unit first holds the writer while they queue; units = 0 is
 * that gate alone (the hand-offs this harness adds). Every batch is checked to hold all the units. Between
 * iterations the tables catch up with the journal, so an iteration measures the journal, not a backlog.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JournalBatchBenchmark {
    static final int MAX_BATCH = 1024;
    private static final String COUNT = "SELECT COUNT(*) FROM bench_line";

    @Param({"0", "1", "64", "1024"})
    public int units;

    private BenchDatabase database;
    private MeterRegistry registry;
    private WriteMetrics metrics;
    private WritePath writes;
    private long nextId;
    private long batches;
    private long splitBatches;
    private long batchesBefore;
    private double durableMicrosBefore;

    @Setup(Level.Trial)
    public void open() throws IOException, SQLException {
        database = BenchDatabase.create();
        registry = new SimpleMeterRegistry();
        metrics = new WriteMetrics(registry);
        writes = new WritePath(database.dataSource(), WritePath.forUrl(database.url()), database.journalFolder(),
                MAX_BATCH, 10_000, metrics);
    }

    @Setup(Level.Iteration)
    public void tablesCaughtUp() throws SQLException, InterruptedException {
        awaitTables();
        batchesBefore = batches;
        durableMicrosBefore = durableMicros();
    }

    /** The write path's own meter for the iteration: journal record written and forced, per batch; and the tables' lag. */
    @TearDown(Level.Iteration)
    public void report() throws SQLException {
        long iterationBatches = batches - batchesBefore;
        long behind = nextId - database.count(COUNT);
        System.out.printf("  [units=%d] %d batches; journal write + fdatasync %.1f us per batch; tables behind by %d rows%n",
                units, iterationBatches, iterationBatches == 0 ? 0.0 : (durableMicros() - durableMicrosBefore) / iterationBatches, behind);
    }

    /**
     * Waits until every answered row is in the table. Counts the rows rather than trusting WritePath.catchUp(): its
     * shortcut reads the projection's pending-row counter, which drifts under load (see bench/README.md).
     */
    private void awaitTables() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (database.count(COUNT) < nextId) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the tables did not catch up with the journal within 60 s");
            }
            Thread.sleep(10);
        }
    }

    private double durableMicros() {
        return registry.get("tapbus.write.durable").timer().totalTime(TimeUnit.MICROSECONDS);
    }

    @Benchmark
    public long oneBatch() throws InterruptedException {
        CountDownLatch writerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> gate = writes.submit(batch -> {
            writerHeld.countDown();
            release.await();
            return null;
        });
        writerHeld.await();
        @SuppressWarnings("unchecked")
        CompletableFuture<Long>[] answers = new CompletableFuture[units];
        for (int i = 0; i < units; i++) {
            answers[i] = writes.submit(line(nextId++));
        }
        release.countDown();
        gate.join();
        long sum = 0;
        for (CompletableFuture<Long> answer : answers) {
            sum += answer.join();
        }
        batches++;
        if (units > 0 && metrics.lastBatchUnits() != units) {
            splitBatches++;
        }
        return sum;
    }

    private static WriteUnit<Long> line(long id) {
        return batch -> {
            batch.stage(BenchDatabase.INSERT, id, "04A1B2C3D4E5F6", 350L, "CNY");
            return id;
        };
    }

    /** Checks that every batch held all its units and that every row reached the table. */
    @TearDown(Level.Trial)
    public void close() throws SQLException, InterruptedException {
        awaitTables();
        long stored = database.count(COUNT);
        System.out.printf("  [units=%d] %d batches in all, %d split; %d rows stored of %d submitted%n",
                units, batches, splitBatches, stored, nextId);
        writes.close();
        database.close();
        if (splitBatches > 0 || stored != nextId) {
            throw new IllegalStateException(splitBatches + " batches did not hold all " + units + " units, or rows were lost");
        }
    }
}
