package io.tapbus.bench.decisions;

import io.tapbus.rules.Decision;
import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.RuleEngine;
import io.tapbus.rules.tap.TapAuthorizationInput;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * One tap-authorize decision on one thread: through the project's RuleEngine on the shipped rules ({@code drools}),
 * and the same decision hand-written in Java ({@code java}). Aim (issue #10): drools within 2x of java.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TapAuthorizeBenchmark {
    @Param({SampleInputs.APPROVED, SampleInputs.DECLINED})
    public String input;

    private RuleEngine engine;
    private TapAuthorizationInput tap;

    @Setup
    public void setUp() {
        engine = ShippedRules.engine();
        tap = SampleInputs.tap(input);
    }

    @TearDown
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public Decision drools() {
        return engine.decide(DecisionCatalog.TAP_AUTHORIZE, tap);
    }

    @Benchmark
    public Decision java() {
        return TapAuthorizeInJava.decide(tap);
    }
}
