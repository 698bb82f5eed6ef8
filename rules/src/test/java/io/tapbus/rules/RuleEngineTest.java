package io.tapbus.rules;

import io.tapbus.rules.tap.CardStatus;
import io.tapbus.rules.tap.TapAuthorizationInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static io.tapbus.rules.TestDecisions.TAP;
import static io.tapbus.rules.TestDecisions.tap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleEngineTest {
    private static RuleEngine shipped;

    @BeforeAll
    static void loadShippedDecisions() {
        shipped = new RuleEngine(TestDecisions.SHIPPED, DecisionCatalog.standard());
    }

    @AfterAll
    static void close() {
        shipped.close();
    }

    @Test
    void rulesFiredAreTheRuleNamesInFiringOrder() {
        Decision approved = shipped.decide(TAP, tap(350));

        assertThat(approved.getVerdict()).isEqualTo(Decision.APPROVED);
        assertThat(approved.getRulesFired())
                .containsExactly("TapLimitsCNY", "ApproveWhenNothingDeclined", "ReportRemainingDailyLimit");
        assertThat(approved.getOutputs()).containsEntry("remainingDailyLimitMinor", 200_000L - 350);
    }

    @Test
    void everyApplicableDeclineIsAReasonAndApprovalDoesNotFire() {
        TapAuthorizationInput input = tap(60_000);
        input.setCardStatus(CardStatus.BLOCKED);
        input.setBalanceMinor(100);

        Decision declined = shipped.decide(TAP, input);

        assertThat(declined.getVerdict()).isEqualTo(Decision.DECLINED);
        assertThat(declined.reasonCodes())
                .containsExactlyInAnyOrder("CARD_NOT_ACTIVE", "OVER_SINGLE_TAP_LIMIT", "INSUFFICIENT_FUNDS");
        assertThat(declined.getRulesFired())
                .contains("DeclineWhenCardNotActive", "DeclineWhenOverSingleTapLimit", "DeclineWhenInsufficientFunds")
                .doesNotContain("ApproveWhenNothingDeclined", "ReportRemainingDailyLimit");
        assertThat(declined.getReasons()).allSatisfy(reason -> assertThat(reason.message()).isNotBlank());
    }

    @Test
    void aDecisionSaysWhichDecisionAndVersionRanAndWhen() {
        Decision first = shipped.decide(TAP, tap(100));
        Decision second = shipped.decide(TAP, tap(100));

        String serving = shipped.status().decisions().stream().filter(d -> d.name().equals(TAP)).findFirst().orElseThrow().version();
        assertThat(first.getDecisionName()).isEqualTo(TAP);
        assertThat(first.getRuleSetVersion()).isEqualTo(serving).matches("[0-9a-f]{12}");
        assertThat(UUID.fromString(first.getDecisionId())).isNotEqualTo(UUID.fromString(second.getDecisionId()));
        assertThat(first.getDecidedAt()).isNotNull().isBeforeOrEqualTo(second.getDecidedAt());
    }

    @Test
    void unknownDecisionIsUnavailable() {
        assertThatThrownBy(() -> shipped.decide("price-basket", tap(1)))
                .isInstanceOf(DecisionUnavailableException.class)
                .hasMessageContaining("unknown decision 'price-basket'")
                .hasMessageContaining(TAP);
    }

    @Test
    void inputMayBeAMapAndAMisspeltFieldIsRejected() {
        Map<String, Object> input = Map.of("cardStatus", "ACTIVE", "accountStatus", "OPEN", "balanceMinor", 500,
                "amountMinor", 200, "currency", "CNY");

        assertThat(shipped.decide(TAP, input).getVerdict()).isEqualTo(Decision.APPROVED);
        assertThatThrownBy(() -> shipped.decide(TAP, Map.of("amountMinr", 200)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amountMinr");
    }

    @Test
    void statusListsTheServingVersionAndItsFiles() {
        RuleStatus status = shipped.status();

        assertThat(status.healthy()).isTrue();
        assertThat(status.decisions()).extracting(RuleStatus.DecisionStatus::name)
                .containsExactly(DecisionCatalog.BASKET_PRICING, DecisionCatalog.PAYMENT_AUTHORIZE, DecisionCatalog.TAG_AUTHENTICITY, TAP);
        assertThat(status.decision(TAP)).satisfies(decision -> {
            assertThat(decision.available()).isTrue();
            assertThat(decision.files()).containsExactly("tap-authorize/tap-authorize.drl", "tap-authorize/tap-limits.csv");
            assertThat(decision.loadedAt()).isNotNull();
            assertThat(decision.lastProblems()).isEmpty();
        });
    }

    @Test
    void aDecisionThatNeverBuiltIsUnavailableAndReported(@TempDir Path dir) {
        TestDecisions.copyShipped(dir);
        TestDecisions.write(dir.resolve("ticket-validate/ticket.drl"), """
                package ticket
                rule "DeclineWhenExpired"
                when
                    NoSuchFact( )
                then
                end
                """);

        try (RuleEngine engine = new RuleEngine(dir, DecisionCatalog.standard())) {
            assertThat(engine.decide(TAP, tap(100)).getVerdict()).isEqualTo(Decision.APPROVED);
            assertThatThrownBy(() -> engine.decide("ticket-validate", new Object()))
                    .isInstanceOf(DecisionUnavailableException.class)
                    .hasMessageContaining("ticket-validate/ticket.drl:4");
            RuleStatus status = engine.status();
            assertThat(status.healthy()).isFalse();
            assertThat(status.decisions()).filteredOn(d -> d.name().equals("ticket-validate")).singleElement()
                    .satisfies(d -> {
                        assertThat(d.available()).isFalse();
                        assertThat(d.lastProblems()).extracting(RuleProblem::file, RuleProblem::line)
                                .contains(org.assertj.core.groups.Tuple.tuple("ticket-validate/ticket.drl", 4));
                    });
        }
    }

    @Test
    void aCatalogDecisionWithoutAFolderMakesTheEngineUnhealthy(@TempDir Path dir) {
        TestDecisions.copyShipped(dir);

        try (RuleEngine engine = new RuleEngine(dir, DecisionCatalog.standard().with("price-basket", Object.class))) {
            assertThat(engine.status().healthy()).isFalse();
            assertThat(engine.reload().problems()).extracting(RuleProblem::decision).containsExactly("price-basket");
            assertThatThrownBy(() -> engine.decide("price-basket", new Object()))
                    .isInstanceOf(DecisionUnavailableException.class).hasMessageContaining("no folder 'price-basket'");
        }
    }

    @Test
    void rulesThatKeepFiringFailTheDecisionInsteadOfHangingTheCaller(@TempDir Path dir) {
        TestDecisions.write(dir.resolve("looping/loop.drl"), """
                package looping
                import io.tapbus.rules.Decision
                rule "AddAReasonWhileThereAreReasons"
                when
                    $decision : Decision( reasons.size() >= 0 )
                then
                    modify($decision) { reason("AGAIN", "and again") }
                end
                """);

        try (RuleEngine engine = new RuleEngine(dir, DecisionCatalog.standard())) {
            assertThatThrownBy(() -> engine.decide("looping", "any input"))
                    .isInstanceOf(DecisionFailedException.class)
                    .hasMessageContaining("rules fired " + RuleEngine.MAX_RULE_FIRINGS + " times")
                    .hasMessageContaining("AddAReasonWhileThereAreReasons");
        }
    }

    @Test
    void aRuleThatThrowsFailsTheDecisionNamingTheRule(@TempDir Path dir) {
        TestDecisions.write(dir.resolve("failing/fail.drl"), """
                package failing
                import io.tapbus.rules.Decision
                rule "DivideByZero"
                when
                    $decision : Decision()
                then
                    int zero = 0;
                    modify($decision) { put("x", 1 / zero) }
                end
                """);

        try (RuleEngine engine = new RuleEngine(dir, DecisionCatalog.standard())) {
            assertThatThrownBy(() -> engine.decide("failing", "any input"))
                    .isInstanceOf(DecisionFailedException.class)
                    .hasMessageContaining("rule \"DivideByZero\" failed")
                    .hasRootCauseInstanceOf(ArithmeticException.class);
        }
    }

    @Test
    void anApprovalThatMissedADeclineFailsClosed(@TempDir Path dir) {
        // The decline changes the decision without modify(), so the approval rule never learns of it.
        TestDecisions.write(dir.resolve("careless/careless.drl"), """
                package careless
                import io.tapbus.rules.Decision
                rule "DeclineWithoutModify"
                when
                    $decision : Decision()
                then
                    $decision.decline("SOMETHING", "declined without modify");
                end
                rule "Approve"
                    salience -100
                when
                    $decision : Decision( verdict == null )
                then
                    modify($decision) { approve() }
                end
                """);

        try (RuleEngine engine = new RuleEngine(dir, DecisionCatalog.standard())) {
            assertThatThrownBy(() -> engine.decide("careless", "any input"))
                    .isInstanceOf(DecisionFailedException.class)
                    .hasMessageContaining("cannot approve a decision that is already DECLINED");
        }
    }

    @Test
    void closedEngineDecidesNothing(@TempDir Path dir) {
        TestDecisions.copyShipped(dir);
        RuleEngine engine = new RuleEngine(dir, DecisionCatalog.standard());
        engine.close();

        assertThatThrownBy(() -> engine.decide(TAP, tap(1))).isInstanceOf(DecisionUnavailableException.class);
        assertThat(engine.status().healthy()).isFalse();
    }
}
