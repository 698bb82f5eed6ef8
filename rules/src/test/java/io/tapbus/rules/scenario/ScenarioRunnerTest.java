package io.tapbus.rules.scenario;

import io.tapbus.rules.TestDecisions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.tapbus.rules.TestDecisions.replaceOnce;
import static io.tapbus.rules.TestDecisions.tapFile;
import static org.assertj.core.api.Assertions.assertThat;

class ScenarioRunnerTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void passesTheShippedScenariosWithOneLineEachAndASummary() {
        int exitCode = ScenarioRunner.run(TestDecisions.SHIPPED, null, out);

        assertThat(exitCode).as(output()).isZero();
        int scenarios = ScenarioRunner.discover(TestDecisions.SHIPPED, null).size();
        assertThat(output().lines().filter(line -> line.startsWith("PASS "))).hasSize(scenarios);
        assertThat(output()).contains("PASS tap-authorize/blocked-card")
                .contains("Scenarios: " + scenarios + " passed, 0 failed");
    }

    @Test
    void reportsWhatDifferedAndExitsWithOne(@TempDir Path dir) {
        TestDecisions.copyShipped(dir);
        Path expected = tapFile(dir, "scenarios/blocked-card/expected.json");
        replaceOnce(expected, "\"DECLINED\"", "\"APPROVED\"");
        replaceOnce(expected, "[\"CARD_NOT_ACTIVE\"]", "[\"CARD_LOST\"]");

        int exitCode = ScenarioRunner.run(dir, TestDecisions.TAP, out);

        assertThat(exitCode).isEqualTo(ScenarioRunner.SOME_FAILED);
        assertThat(output()).contains("FAIL tap-authorize/blocked-card: verdict expected APPROVED but was DECLINED; "
                        + "reasons expected [CARD_LOST] but were [CARD_NOT_ACTIVE]")
                .contains("PASS tap-authorize/frozen-account")
                .containsPattern("Scenarios: \\d+ passed, 1 failed");
    }

    @Test
    void reportsARuleThatDidNotFireAndAWrongOutput(@TempDir Path dir) {
        TestDecisions.copyShipped(dir);
        Path expected = tapFile(dir, "scenarios/approve-within-limits/expected.json");
        replaceOnce(expected, "[\"ApproveWhenNothingDeclined\"]", "[\"ApproveWhenNothingDeclined\", \"ApproveRegularRider\"]");
        replaceOnce(expected, "198450", "198451");

        ScenarioRunner.run(dir, TestDecisions.TAP, out);

        assertThat(output()).contains("FAIL tap-authorize/approve-within-limits: rules did not fire [ApproveRegularRider]")
                .contains("output remainingDailyLimitMinor expected 198451 but was 198450");
    }

    @Test
    void aMisspeltKeyInExpectedOrInputFailsTheScenarioInsteadOfSkippingTheCheck(@TempDir Path dir) {
        TestDecisions.copyShipped(dir);
        replaceOnce(tapFile(dir, "scenarios/frozen-account/expected.json"), "\"reasons\"", "\"reason\"");
        replaceOnce(tapFile(dir, "scenarios/insufficient-funds/input.json"), "\"balanceMinor\"", "\"balanceMinr\"");

        int exitCode = ScenarioRunner.run(dir, null, out);

        assertThat(exitCode).isEqualTo(ScenarioRunner.SOME_FAILED);
        assertThat(output()).contains("FAIL tap-authorize/frozen-account: unknown key 'reason' in expected.json")
                .containsPattern("FAIL tap-authorize/insufficient-funds: .*balanceMinr")
                .containsPattern("Scenarios: \\d+ passed, 2 failed");
    }

    @Test
    void rulesThatDoNotBuildExitWithTwoAndPrintTheProblems(@TempDir Path dir) {
        TestDecisions.copyShipped(dir);
        replaceOnce(tapFile(dir, "tap-authorize.drl"), "balanceMinor < amountMinor", "balanceMinor < amountMinnor");

        int exitCode = ScenarioRunner.run(dir, null, out);

        assertThat(exitCode).isEqualTo(ScenarioRunner.NOT_RUN);
        assertThat(output()).contains("Rules do not build").contains("tap-authorize/tap-authorize.drl:")
                .contains("amountMinnor").doesNotContain("PASS");
    }

    @Test
    void aDecisionWithoutScenariosOrAnUnknownDecisionIsNotAPass(@TempDir Path dir) {
        TestDecisions.copyShipped(dir);
        TestDecisions.write(dir.resolve("empty-decision/rules.drl"), """
                package empty
                rule "NeverFires"
                when
                    eval(false)
                then
                end
                """);

        assertThat(ScenarioRunner.run(dir, "empty-decision", out)).isEqualTo(ScenarioRunner.SOME_FAILED);
        assertThat(output()).contains("No scenarios found");
        assertThat(ScenarioRunner.run(dir, "no-such-decision", out)).isEqualTo(ScenarioRunner.NOT_RUN);
    }

    @Test
    void commandLineTakesDirAndDecision(@TempDir Path dir) {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8);

        assertThat(ScenarioRunner.runCommand(new String[] {"--dir", "decisions", "--decision", "tap-authorize"}, out, err)).isZero();
        assertThat(ScenarioRunner.runCommand(new String[] {"--verbose"}, out, err)).isEqualTo(ScenarioRunner.NOT_RUN);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("unknown argument '--verbose'").contains("usage:");
        assertThat(ScenarioRunner.runCommand(new String[] {"--dir", dir.resolve("missing").toString()}, out, err))
                .isEqualTo(ScenarioRunner.NOT_RUN);
    }
}
