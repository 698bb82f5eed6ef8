package io.tapbus.rules;

import java.time.Instant;
import java.util.List;

/**
 * What the engine is serving, for health checks and the admin API.
 *
 * @param healthy   every decision is available and its last reload had no problems
 * @param checkedAt when this status was taken
 * @param decisions one entry per decision (folders on disk and decisions of the catalog), by name
 */
public record RuleStatus(boolean healthy, Instant checkedAt, List<DecisionStatus> decisions) {
    public RuleStatus {
        decisions = List.copyOf(decisions);
    }

    /** The status of one decision. @throws IllegalArgumentException when there is no decision of that name */
    public DecisionStatus decision(String name) {
        return decisions.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no decision '" + name + "' in " + decisions.stream().map(DecisionStatus::name).toList()));
    }

    /**
     * @param name         decision name (its folder)
     * @param available    a rule set has been built and is serving
     * @param version      rule set version serving, null when none
     * @param files        rule files of the serving version, relative to the decisions folder
     * @param loadedAt     when the serving version was built, null when none
     * @param lastProblems problems of the last reload of this decision; empty when it was fine
     */
    public record DecisionStatus(String name, boolean available, String version, List<String> files,
                                 Instant loadedAt, List<RuleProblem> lastProblems) {
        public DecisionStatus {
            files = List.copyOf(files);
            lastProblems = List.copyOf(lastProblems);
        }
    }
}
