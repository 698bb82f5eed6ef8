package io.tapbus.rules;

import org.kie.api.KieBase;

import java.time.Instant;
import java.util.List;

/** One built version of a decision's rules. Immutable; swapped as a whole on reload. */
record LoadedRuleSet(String decision, String version, List<String> files, KieBase kieBase, int ruleCount,
                     Instant loadedAt) {
}
