package io.tapbus.bench.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.rules.Decision;
import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.RuleEngine;
import io.tapbus.rules.tap.AccountStatus;
import io.tapbus.rules.tap.CardStatus;
import io.tapbus.rules.tap.TapAuthorizationInput;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written tap-authorize gives what the shipped rules give, so the benchmark compares like with like. */
class TapAuthorizeAgreementTest {
    private static RuleEngine engine;

    @BeforeAll
    static void build() {
        engine = ShippedRules.engine();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** Approvals at and inside the limits, and each decline reason on its own and together. */
    static Map<String, TapAuthorizationInput> cases() {
        Map<String, TapAuthorizationInput> cases = new LinkedHashMap<>();
        cases.put("benchmark approved", SampleInputs.tap(SampleInputs.APPROVED));
        cases.put("benchmark declined", SampleInputs.tap(SampleInputs.DECLINED));
        cases.put("zero amount", tap(t -> t.setAmountMinor(0)));
        cases.put("at the single-tap limit", tap(t -> t.setAmountMinor(50_000)));
        cases.put("reaching the daily limit", tap(t -> {
            t.setDailySpentMinor(150_000);
            t.setAmountMinor(50_000);
        }));
        for (CardStatus status : CardStatus.values()) {
            if (status != CardStatus.ACTIVE) {
                cases.put("card " + status, tap(t -> t.setCardStatus(status)));
            }
        }
        cases.put("card status missing", tap(t -> t.setCardStatus(null)));
        for (AccountStatus status : AccountStatus.values()) {
            if (status != AccountStatus.OPEN) {
                cases.put("account " + status, tap(t -> t.setAccountStatus(status)));
            }
        }
        cases.put("negative amount", tap(t -> t.setAmountMinor(-1)));
        cases.put("currency USD", tap(t -> t.setCurrency("USD")));
        cases.put("currency missing", tap(t -> t.setCurrency(null)));
        cases.put("over the single-tap limit", tap(t -> t.setAmountMinor(50_001)));
        cases.put("over the daily limit", tap(t -> {
            t.setDailySpentMinor(199_000);
            t.setAmountMinor(1_001);
        }));
        cases.put("insufficient funds", tap(t -> t.setBalanceMinor(349)));
        cases.put("everything wrong", tap(t -> {
            t.setCardStatus(CardStatus.BLOCKED);
            t.setAccountStatus(AccountStatus.FROZEN);
            t.setAmountMinor(60_000);
            t.setDailySpentMinor(190_000);
            t.setBalanceMinor(10);
        }));
        cases.put("wrong currency and no money", tap(t -> {
            t.setCurrency("EUR");
            t.setBalanceMinor(0);
        }));
        return cases;
    }

    static Stream<Arguments> namedCases() {
        return cases().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedCases")
    void handWrittenAgreesWithTheRules(String name, TapAuthorizationInput tap) {
        SameDecision.assertSame(name, engine.decide(DecisionCatalog.TAP_AUTHORIZE, tap), TapAuthorizeInJava.decide(tap));
    }

    @Test
    void theCasesReachEveryVerdictAndReasonOfTheRules() {
        Set<String> seen = new TreeSet<>();
        for (TapAuthorizationInput tap : cases().values()) {
            Decision decision = engine.decide(DecisionCatalog.TAP_AUTHORIZE, tap);
            seen.add(decision.getVerdict());
            seen.addAll(decision.reasonCodes());
        }
        assertThat(seen).containsExactlyInAnyOrder(Decision.APPROVED, Decision.DECLINED, "CARD_NOT_ACTIVE",
                "ACCOUNT_NOT_OPEN", "AMOUNT_NEGATIVE", "CURRENCY_UNSUPPORTED", "OVER_SINGLE_TAP_LIMIT",
                "DAILY_LIMIT_EXCEEDED", "INSUFFICIENT_FUNDS");
    }

    @Test
    void theBenchmarkInputsAreAnApprovalAndADecline() {
        assertThat(TapAuthorizeInJava.decide(SampleInputs.tap(SampleInputs.APPROVED)).getVerdict()).isEqualTo(Decision.APPROVED);
        assertThat(TapAuthorizeInJava.decide(SampleInputs.tap(SampleInputs.DECLINED)).reasonCodes()).containsExactly("INSUFFICIENT_FUNDS");
    }

    @Test
    void randomTapsAroundTheLimitsAgree() {
        Random random = new Random(20261207);
        CardStatus[] cards = CardStatus.values();
        AccountStatus[] accounts = AccountStatus.values();
        String[] currencies = {"CNY", "CNY", "CNY", "USD"};
        for (int i = 0; i < 2_000; i++) {
            TapAuthorizationInput tap = SampleInputs.tap();
            tap.setCardStatus(random.nextInt(4) == 0 ? cards[random.nextInt(cards.length)] : CardStatus.ACTIVE);
            tap.setAccountStatus(random.nextInt(4) == 0 ? accounts[random.nextInt(accounts.length)] : AccountStatus.OPEN);
            tap.setCurrency(currencies[random.nextInt(currencies.length)]);
            tap.setAmountMinor(random.nextInt(60_000) - 1_000);
            tap.setDailySpentMinor(random.nextInt(210_000));
            tap.setBalanceMinor(random.nextInt(70_000));
            SameDecision.assertSame("random tap " + i + " " + tap, engine.decide(DecisionCatalog.TAP_AUTHORIZE, tap),
                    TapAuthorizeInJava.decide(tap));
        }
    }

    private static TapAuthorizationInput tap(Consumer<TapAuthorizationInput> change) {
        TapAuthorizationInput tap = SampleInputs.tap();
        change.accept(tap);
        return tap;
    }
}
