package io.tapbus.rules.scenario;

import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.RuleEngine;
import io.tapbus.rules.RuleStatus;
import io.tapbus.rules.TestDecisions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every scenario folder under decisions/ is a test: add a folder, get a test. */
class DecisionScenariosTest {
    private static RuleEngine engine;

    @BeforeAll
    static void loadShippedDecisions() {
        engine = new RuleEngine(TestDecisions.SHIPPED, DecisionCatalog.standard());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void shippedDecisionsBuildWithoutProblems() {
        RuleStatus status = engine.status();

        assertThat(status.decisions()).flatExtracting(RuleStatus.DecisionStatus::lastProblems).isEmpty();
        assertThat(status.healthy()).isTrue();
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioFolder() {
        List<Scenario> scenarios = ScenarioRunner.discover(TestDecisions.SHIPPED, null);
        assertThat(scenarios).as("scenarios of tap-authorize")
                .filteredOn(scenario -> scenario.decision().equals(TestDecisions.TAP)).hasSizeGreaterThanOrEqualTo(8);
        return scenarios.stream().map(scenario -> DynamicTest.dynamicTest(scenario.id(), scenario.folder().toUri(), () -> {
            ScenarioResult result = ScenarioRunner.check(engine, scenario);
            assertThat(result.differences()).as(result.describe()).isEmpty();
        }));
    }
}
