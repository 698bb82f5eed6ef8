package io.tapbus.runtime.reader;

import io.tapbus.rules.Decision;
import io.tapbus.rules.RuleEngine;

/** Asks the rules for the tap-authorize decision. */
public final class TapDecisions {
    private final RuleEngine rules;

    public TapDecisions(RuleEngine rules) {
        this.rules = rules;
    }

    public void decide(TapContext tap) {
        Decision decision = rules.decide(TapService.DECISION, tap.facts());
        tap.decided(decision);
    }
}
