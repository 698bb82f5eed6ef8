package io.tapbus.rules;

import java.util.List;
import java.util.Map;

/**
 * Outcome of one reload.
 *
 * @param ok       true when no decision reported a problem
 * @param versions rule set version now serving, per available decision
 * @param problems every problem found by this reload; a decision with problems kept its last good version
 */
public record ReloadResult(boolean ok, Map<String, String> versions, List<RuleProblem> problems) {
    public ReloadResult {
        versions = Map.copyOf(versions);
        problems = List.copyOf(problems);
    }
}
