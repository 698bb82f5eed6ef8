package io.tapbus.runtime.payment;

import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.RuleEngine;
import io.tapbus.runtime.observe.StageTimers;

/** The payment flow's decide step: asks the payment-authorize rules. */
public final class PaymentDecisions {
    private final RuleEngine rules;
    private final StageTimers stages;

    public PaymentDecisions(RuleEngine rules, StageTimers stages) {
        this.rules = rules;
        this.stages = stages;
    }

    public void decide(PaymentContext p) {
        long start = System.nanoTime();
        p.decided(rules.decide(DecisionCatalog.PAYMENT_AUTHORIZE, p.facts()));
        stages.record("payment", "decide", start);
    }
}
