package io.tapbus.runtime.decisions;

import java.time.Instant;

/**
 * What the decision explorer looks for; a null field does not filter. Time is {@code from} inclusive, {@code to}
 * exclusive. {@code before} is the keyset cursor: only decisions whose id sorts below it (the next page).
 */
public record DecisionFilter(String card, String reader, String merchant, String decision, String verdict, String reason,
                             String rule, String version, Instant from, Instant to, String before) {
    public static DecisionFilter period(String decision, Instant from, Instant to) {
        return new DecisionFilter(null, null, null, decision, null, null, null, null, from, to, null);
    }
}
