package io.tapbus.runtime.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.rules.Decision;
import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.RuleEngine;
import io.tapbus.runtime.RunningBus;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The facts kept with each decision: compact, without personal numbers, and enough to decide again the same way. */
class DecisionFactsTest {
    private static RuleEngine rules;
    private final DecisionFacts facts = new DecisionFacts();

    @BeforeAll
    static void load() {
        rules = new RuleEngine(RunningBus.HOME.resolve("rules/decisions"), DecisionCatalog.standard());
    }

    @AfterAll
    static void close() {
        rules.close();
    }

    @Test
    void aTapsFactsAreCompactAndDecideTheSameAgain() {
        Decision made = rules.decide("tap-authorize", Map.of("readerId", "R-DEMO-1", "merchantId", "demo-shop",
                "merchantCategory", "5411", "cardUid", "04A1B2C3D4E5F6", "cardStatus", "ACTIVE", "accountStatus", "OPEN",
                "balanceMinor", 100_000, "amountMinor", 60_000, "currency", "CNY", "dailySpentMinor", 0));
        DecisionFacts.Recorded recorded = facts.record(made.facts());

        assertThat(recorded.cardUid()).isEqualTo("04A1B2C3D4E5F6");
        assertThat(recorded.readerId()).isEqualTo("R-DEMO-1");
        assertThat(recorded.merchantId()).isEqualTo("demo-shop");
        assertThat(recorded.facts()).as("a field at its default (dailySpentMinor 0) is left out")
                .doesNotContain("dailySpentMinor").contains("\"amountMinor\":60000");
        System.out.println("tap-authorize facts: " + recorded.facts().length() + " characters: " + recorded.facts());

        Decision again = rules.decide("tap-authorize", facts.read(recorded.facts()));
        assertThat(again.getVerdict()).isEqualTo(made.getVerdict()).isEqualTo("DECLINED");
        assertThat(again.getRulesFired()).isEqualTo(made.getRulesFired());
    }

    @Test
    void phoneAndIdentityNumbersAndNamesBecomeTokensThatKeepEqualityWithinTheDecision() {
        Map<String, Object> merge = new java.util.HashMap<>(Map.of("programmeId", "demo-shop-club", "memberNumber", "M-0001",
                "consentGiven", true, "holderName", "zhang san", "recordName", "zhang san",
                "holderPhone", "+8613800000001", "recordPhone", "+8613900000002",
                "holderIdNumber", "110101199003074514", "recordIdNumber", "110101199003074514"));
        Decision made = rules.decide("membership-merge", merge);
        DecisionFacts.Recorded recorded = facts.record(made.facts());
        JsonNode kept = facts.read(recorded.facts());

        assertThat(recorded.facts()).doesNotContain("13800000001", "13900000002", "110101199003074514", "zhang");
        assertThat(kept.path("holderName").asText()).isEqualTo(kept.path("recordName").asText()).startsWith("#");
        assertThat(kept.path("holderIdNumber").asText()).isEqualTo(kept.path("recordIdNumber").asText()).startsWith("#");
        assertThat(kept.path("holderPhone").asText()).isNotEqualTo(kept.path("recordPhone").asText()).startsWith("#");

        Decision again = rules.decide("membership-merge", kept);
        assertThat(made.reasonCodes()).contains("HOLDER_PHONE_MISMATCH");
        assertThat(again.getVerdict()).isEqualTo(made.getVerdict());
        assertThat(again.getRulesFired()).isEqualTo(made.getRulesFired());
    }

    @Test
    void aCardNumberInAnyFieldIsReplaced() {
        Decision made = rules.decide("tap-authorize", Map.of("readerId", "R-DEMO-1", "merchantId", "demo-shop",
                "merchantCategory", "5411", "cardUid", "6212340000000001", "cardStatus", "ACTIVE", "accountStatus", "OPEN",
                "balanceMinor", 100_000, "amountMinor", 100, "currency", "CNY"));
        assertThat(facts.record(made.facts()).facts()).doesNotContain("6212340000000001").contains("\"cardUid\":\"#1\"");
    }

    @Test
    void everyDecisionsInputReadsBackFromItsFacts() {
        DecisionCatalog catalog = DecisionCatalog.standard();
        for (String name : catalog.names()) {
            Object fresh;
            try {
                fresh = catalog.inputType(name).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(name + " input has no public no-argument constructor", e);
            }
            String text = facts.record(fresh).facts();
            assertThat(catalog.toInput(name, facts.read(text))).as(name).isInstanceOf(catalog.inputType(name));
        }
    }
}
