package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.runtime.demo.DemoSeeder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Analysts edit rules while the bus runs: a good change is picked up, a broken file never takes the bus down. */
class RuleReloadInBusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path rulesDir;
    private static RunningBus bus;

    @BeforeAll
    static void start() throws Exception {
        rulesDir = Path.of("target", "rules-" + System.nanoTime()).toAbsolutePath();
        RunningBus.copyTree(RunningBus.HOME.resolve("rules/decisions"), rulesDir);
        bus = new RunningBus(Map.of("tapbus.rules.dir", rulesDir.toString(), "tapbus.rules.poll-seconds", "1"));
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    @Test
    void brokenRuleFileIsReportedAndTheLastGoodRulesKeepDeciding() throws Exception {
        String before = version();
        Path drl = rulesDir.resolve("tap-authorize/tap-authorize.drl");
        String good = Files.readString(drl);

        Files.writeString(drl, good + "\nrule \"Broken\"\nwhen\n    $t : TapAuthorizationInput( amountMinor >>> 1 )\nthen\nend\n");
        JsonNode problems = awaitStatus(s -> tapStatus(s).path("lastProblems").size() > 0);
        JsonNode problem = tapStatus(problems).path("lastProblems").get(0);
        assertThat(problem.path("file").asText()).endsWith("tap-authorize.drl");
        assertThat(problem.path("line").asInt()).isGreaterThan(0);
        assertThat(version()).as("last good version still serving").isEqualTo(before);
        assertThat(tap(300).verdict()).isEqualTo(TapResponse.Verdict.APPROVED);

        // a good change: lower the approval so that any tap over 2.00 CNY is declined
        Files.writeString(drl, good + "\nrule \"DeclineWhenOverTwoYuanForTest\"\nwhen\n"
                + "    $t : TapAuthorizationInput( amountMinor > 200 )\n    $d : io.tapbus.rules.Decision()\nthen\n"
                + "    modify($d) { decline(\"TEST_LIMIT\", \"test rule\") }\nend\n");
        awaitStatus(s -> !tapStatus(s).path("version").asText().equals(before)
                && tapStatus(s).path("lastProblems").size() == 0);
        TapResponse declined = tap(300);
        assertThat(declined.verdict()).isEqualTo(TapResponse.Verdict.DECLINED);
        assertThat(declined.reasons()).extracting(TapResponse.Reason::code).contains("TEST_LIMIT");

        Files.writeString(drl, good);
        awaitStatus(s -> tapStatus(s).path("version").asText().equals(before));
        assertThat(tap(300).verdict()).isEqualTo(TapResponse.Verdict.APPROVED);
    }

    private static TapResponse tap(long amount) throws Exception {
        try (ReaderClient reader = bus.reader("R-DEMO-1")) {
            return TapResponse.parse(reader.tap(new TapRequest(DemoSeeder.ACTIVE_CARD, amount, "CNY", Instant.now().toString(), null)).body());
        }
    }

    private static String version() throws Exception {
        return tapStatus(status()).path("version").asText();
    }

    /** The tap-authorize entry of the rule status (decisions are listed by name). */
    private static JsonNode tapStatus(JsonNode status) {
        for (JsonNode decision : status.path("decisions")) {
            if (decision.path("name").asText().equals("tap-authorize")) {
                return decision;
            }
        }
        throw new AssertionError("no tap-authorize in " + status);
    }

    private static JsonNode status() throws Exception {
        return JSON.readTree(bus.get("/admin/rules", RunningBus.adminToken()).body());
    }

    private static JsonNode awaitStatus(java.util.function.Predicate<JsonNode> condition) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        JsonNode s = status();
        while (!condition.test(s)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("rule status did not change as expected: " + s);
            }
            Thread.sleep(200);
            s = status();
        }
        return s;
    }
}
