package io.tapbus.rules;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** What the engine holds for one decision: the serving rule set and the problems of its last reload. */
final class DecisionSlot {
    final String name;
    /** Read without locks by every evaluation; replaced in one step by a reload. */
    final AtomicReference<LoadedRuleSet> serving = new AtomicReference<>();
    volatile List<RuleProblem> lastProblems = List.of();

    DecisionSlot(String name) {
        this.name = name;
    }
}
