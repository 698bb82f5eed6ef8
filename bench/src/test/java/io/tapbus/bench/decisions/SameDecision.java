package io.tapbus.bench.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.rules.Decision;
import io.tapbus.rules.Reason;
import java.util.Comparator;
import java.util.List;

/** Two decisions agree: the same verdict, the same reasons (code and message, in any order), the same outputs. */
final class SameDecision {
    private SameDecision() {
    }

    static void assertSame(String what, Decision drools, Decision java) {
        assertThat(java.getVerdict()).as("verdict of %s (drools: %s)", what, drools).isEqualTo(drools.getVerdict());
        assertThat(sorted(java.getReasons())).as("reasons of %s", what).isEqualTo(sorted(drools.getReasons()));
        assertThat(java.getOutputs()).as("outputs of %s", what).isEqualTo(drools.getOutputs());
    }

    private static List<Reason> sorted(List<Reason> reasons) {
        return reasons.stream().sorted(Comparator.comparing(Reason::code).thenComparing(Reason::message)).toList();
    }
}
