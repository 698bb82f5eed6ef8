package io.tapbus.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecisionTest {

    @Test
    void aDeclineWinsOverEverythingElse() {
        Decision decision = new Decision("tap-authorize", "abc");
        decision.approve();
        decision.decline("CARD_NOT_ACTIVE", "blocked");
        decision.refer("LARGE_AMOUNT", "check by hand");

        assertThat(decision.getVerdict()).isEqualTo(Decision.DECLINED);
        assertThat(decision.reasonCodes()).containsExactly("CARD_NOT_ACTIVE", "LARGE_AMOUNT");
        assertThatThrownBy(decision::approve).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReferralCannotBeTurnedIntoAnApproval() {
        Decision decision = new Decision("tap-authorize", "abc");
        decision.refer("LARGE_AMOUNT", "check by hand");

        assertThat(decision.getVerdict()).isEqualTo(Decision.REFERRED);
        assertThatThrownBy(decision::approve).hasMessageContaining("already REFERRED");
    }

    @Test
    void otherDecisionsUseTheirOwnVerdicts() {
        Decision decision = new Decision("tag-scan-verify", "abc");
        decision.verdict("SUSPECT");
        decision.reason("COUNTER_REPLAYED", "SDM read counter went backwards");
        decision.put("productId", "P-1");

        assertThat(decision.getVerdict()).isEqualTo("SUSPECT");
        assertThat(decision.getOutputs()).containsEntry("productId", "P-1");
        assertThatThrownBy(() -> decision.getReasons().add(new Reason("X", "y")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void jsonHasTheFieldsTheRuntimePublishesAndReadsBack() throws Exception {
        Decision decision = new Decision("tap-authorize", "0123456789ab");
        decision.decline("INSUFFICIENT_FUNDS", "Balance 1 is below the amount 2");
        decision.put("remainingDailyLimitMinor", 5L);
        decision.finish(List.of("DeclineWhenInsufficientFunds"), Instant.parse("2026-01-02T03:04:05Z"));
        ObjectMapper json = DecisionCatalog.json();

        JsonNode tree = json.valueToTree(decision);

        assertThat(tree.fieldNames()).toIterable().containsExactlyInAnyOrder("decisionId", "decisionName",
                "ruleSetVersion", "verdict", "reasons", "rulesFired", "outputs", "decidedAt");
        assertThat(tree.at("/reasons/0/code").asText()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(tree.at("/rulesFired/0").asText()).isEqualTo("DeclineWhenInsufficientFunds");
        Decision back = json.treeToValue(tree, Decision.class);
        assertThat(back.getDecisionId()).isEqualTo(decision.getDecisionId());
        assertThat(back.getReasons()).isEqualTo(decision.getReasons());
        assertThat(back.getDecidedAt()).isEqualTo(decision.getDecidedAt());
        assertThat(back.getRuleSetVersion()).isEqualTo("0123456789ab");
    }
}
