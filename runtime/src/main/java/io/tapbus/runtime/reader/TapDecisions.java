package io.tapbus.runtime.reader;

import io.tapbus.rules.Decision;
import io.tapbus.rules.RuleEngine;
import io.tapbus.runtime.observe.StageTimers;

/** Asks the rules for the tap-authorize decision. */
public final class TapDecisions {
    private final RuleEngine rules;
    private final StageTimers stages;

    public TapDecisions(RuleEngine rules, StageTimers stages) {
        this.rules = rules;
        this.stages = stages;
    }

    /** The decision for the tap's facts as they are now (also called by the writer when they changed). */
    public Decision decisionFor(TapContext tap) {
        return rules.decide(TapService.DECISION, tap.facts());
    }

    public void decide(TapContext tap) {
        long start = System.nanoTime();
        Decision decision = rules.decide(TapService.DECISION, tap.facts());
        tap.decided(decision);
        stages.record("tap", "decide", start);
    }
}
