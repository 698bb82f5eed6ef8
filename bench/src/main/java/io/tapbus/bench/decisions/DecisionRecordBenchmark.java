package io.tapbus.bench.decisions;

import io.tapbus.rules.Decision;
import io.tapbus.rules.DecisionCatalog;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under both ways of deciding: a new, empty {@link Decision} (its time-ordered id takes a random UUID).
 * Tells how much of the hand-written decisions' time is the record rather than the checks.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecisionRecordBenchmark {
    @Benchmark
    public Decision emptyDecision() {
        return new Decision(DecisionCatalog.TAP_AUTHORIZE, "java");
    }
}
