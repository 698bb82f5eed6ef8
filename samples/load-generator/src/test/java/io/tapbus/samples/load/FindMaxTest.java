package io.tapbus.samples.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The find-max search with a scripted step runner: no network, no clocks that matter. */
class FindMaxTest {

    private final List<Double> rates = new ArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    /** A target whose p99 stays at 5 ms up to {@code capacity} per second and is 50 ms above. */
    private FindMax.StepRunner target(double capacity, double wrongAbove) {
        return (rate, seconds, warmUp) -> {
            rates.add(warmUp ? -rate : rate);
            int requests = Step.requests(rate, seconds);
            long wrong = rate > wrongAbove ? 3 : 0;
            double p99 = rate <= capacity ? 5 : 50;
            return new StepResult(rates.size(), warmUp, rate, requests, requests, requests - wrong, wrong,
                    wrong > 0 ? Map.of("DECLINED X", wrong) : Map.of(), 1, 2, p99, p99, p99, seconds, 0.1, 0.05, rate);
        };
    }

    private FindMax.Outcome run(FindMax.Config c, FindMax.StepRunner r) throws Exception {
        long[] fakeClock = {0};
        return FindMax.run(c, r, new PrintStream(log), () -> fakeClock[0] += 1_000_000_000L);
    }

    @Test
    void raisesTheRateWhileStepsHoldAndReportsTheLastThatHeld() throws Exception {
        FindMax.Outcome o = run(new FindMax.Config(500, 2, 0, 5, 10, 20, 1000, 1), target(3000, Double.MAX_VALUE));
        assertThat(rates).containsExactly(-500.0, -500.0, 500.0, 1000.0, 2000.0, 4000.0, 4000.0);
        assertThat(o.best().rate()).isEqualTo(2000);
        assertThat(o.best().p99Ms()).isEqualTo(5);
        assertThat(o.wrongAnswers()).isZero();
        assertThat(o.stoppedBecause()).contains("p99 over 20");
        assertThat(log.toString()).contains("warm-up 1: 500/s").contains("-> held").contains("-> did not hold");
    }

    @Test
    void aWrongAnswerEndsTheSearchAtOnce() throws Exception {
        FindMax.Outcome o = run(new FindMax.Config(100, 2, 0, 5, 0, 20, 1000, 3), target(1e9, 300));
        assertThat(rates).containsExactly(100.0, 200.0, 400.0);
        assertThat(o.best().rate()).isEqualTo(200);
        assertThat(o.wrongAnswers()).isEqualTo(3);
        assertThat(o.stoppedBecause()).startsWith("wrong answers at 400");
    }

    @Test
    void stopsAtTheMaxRateAndTheTimeBudget() throws Exception {
        FindMax.Outcome capped = run(new FindMax.Config(100, 2, 350, 5, 0, 20, 1000, 0), target(1e9, 1e9));
        assertThat(capped.best().rate()).isEqualTo(200);
        assertThat(capped.stoppedBecause()).contains("--max-rate 350");
        rates.clear();
        // each step costs one fake second of the clock per look; a budget of 10 s stops early
        FindMax.Outcome budget = run(new FindMax.Config(100, 2, 0, 5, 0, 20, 10, 0), target(1e9, 1e9));
        assertThat(budget.stoppedBecause()).contains("time budget");
        assertThat(rates).hasSize(5); // elapsed 5 s + a 5 s step would pass 10 s
    }

    @Test
    void nothingHeldWhenTheStartRateIsAlreadyTooMuch() throws Exception {
        FindMax.Outcome o = run(new FindMax.Config(500, 1.25, 0, 5, 0, 20, 1000, 1), target(100, 1e9));
        assertThat(o.best()).isNull();
        assertThat(rates).containsExactly(500.0, 500.0);
        Map<String, Object> s = Summary.findMax("taps", new FindMax.Config(500, 1.25, 0, 5, 0, 20, 1000, 1), o, Map.of());
        assertThat(s.get("maxRatePerSecond")).isEqualTo(0.0);
        assertThat(Summary.exitCode(s)).isEqualTo(Summary.EXIT_NOTHING_HELD);
    }

    @Test
    void stepsAreEvenlySpacedAtTheirIntendedTimes() {
        Step s = new Step(1, 1000, 0.01, false, new int[10], new byte[10][], null);
        assertThat(s.count).isEqualTo(10);
        assertThat(s.offsetNanos).containsExactly(0, 1_000_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000, 6_000_000,
                7_000_000, 8_000_000, 9_000_000);
        assertThat(Step.requests(0.1, 1)).isEqualTo(1);
    }
}
