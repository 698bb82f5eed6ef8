package io.tapbus.rules;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;

import java.time.Instant;
import java.util.List;

/** One built version of a decision's rules. Immutable; swapped as a whole on reload. */
record LoadedRuleSet(String decision, String version, List<String> files, KieBase kieBase, int ruleCount,
                     Instant loadedAt, KieSessionsPool sessions) {
    LoadedRuleSet(String decision, String version, List<String> files, KieBase kieBase, int ruleCount, Instant loadedAt) {
        // sessions are reused (reset on dispose) instead of built per decision: measured the larger part of a decision's cost
        this(decision, version, files, kieBase, ruleCount, loadedAt, kieBase.newKieSessionsPool(4));
    }
}
