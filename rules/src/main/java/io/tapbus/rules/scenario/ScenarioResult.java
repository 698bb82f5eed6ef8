package io.tapbus.rules.scenario;

import io.tapbus.rules.Decision;

import java.util.List;

/**
 * @param differences what did not match, one entry per difference; empty when the scenario passed
 * @param decision    what the rules decided, null when the scenario could not be run
 */
public record ScenarioResult(Scenario scenario, List<String> differences, Decision decision) {
    public ScenarioResult {
        differences = List.copyOf(differences);
    }

    public boolean passed() {
        return differences.isEmpty();
    }

    /** {@code PASS id} or {@code FAIL id: difference; difference}. */
    public String describe() {
        return passed() ? "PASS " + scenario.id() : "FAIL " + scenario.id() + ": " + String.join("; ", differences);
    }
}
