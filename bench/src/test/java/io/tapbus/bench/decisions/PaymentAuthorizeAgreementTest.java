package io.tapbus.bench.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.rules.Decision;
import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.RuleEngine;
import io.tapbus.rules.payment.PaymentAuthorizationInput;
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

/** The hand-written payment-authorize gives what the shipped rules give, so the benchmark compares like with like. */
class PaymentAuthorizeAgreementTest {
    private static RuleEngine engine;

    @BeforeAll
    static void build() {
        engine = ShippedRules.engine();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** Approvals, referrals, discounts, and each decline reason on its own and together. */
    static Map<String, PaymentAuthorizationInput> cases() {
        Map<String, PaymentAuthorizationInput> cases = new LinkedHashMap<>();
        cases.put("benchmark approved", SampleInputs.payment(SampleInputs.APPROVED));
        cases.put("benchmark declined", SampleInputs.payment(SampleInputs.DECLINED));
        cases.put("bank card ignores the balance", pay(p -> {
            p.setFunding("BANK");
            p.setAccountStatus(null);
            p.setBalanceMinor(0);
        }));
        cases.put("pos payment", pay(p -> p.setChannel("POS")));
        cases.put("phone payment without cryptogram", pay(p -> {
            p.setChannel("PHONE");
            p.setCryptogram("NOT_PRESENT");
        }));
        cases.put("loyalty discount", pay(p -> {
            p.setMerchantId("demo-cafe");
            p.setAmountMinor(2_500);
        }));
        cases.put("loyalty discount below its minimum", pay(p -> {
            p.setMerchantId("demo-cafe");
            p.setAmountMinor(1_999);
        }));
        cases.put("loyalty discount capped, referred", pay(p -> {
            p.setMerchantId("demo-cafe");
            p.setAmountMinor(40_000);
        }));
        cases.put("no discount when declined", pay(p -> {
            p.setMerchantId("demo-cafe");
            p.setBalanceMinor(0);
        }));
        cases.put("step-up required", pay(p -> p.setAmountMinor(30_001)));
        cases.put("step-up confirmed", pay(p -> {
            p.setAmountMinor(30_001);
            p.setStepUpConfirmed(true);
        }));
        cases.put("step-up never weakens a decline", pay(p -> {
            p.setAmountMinor(30_001);
            p.setBalanceMinor(30_000);
        }));
        cases.put("offline under the floor", pay(p -> {
            p.setOffline(true);
            p.setAmountMinor(5_000);
        }));
        cases.put("offline over the floor", pay(p -> {
            p.setOffline(true);
            p.setAmountMinor(35_000);
        }));
        cases.put("offline at a pos", pay(p -> {
            p.setChannel("POS");
            p.setOffline(true);
            p.setAmountMinor(100);
        }));
        cases.put("cryptogram invalid", pay(p -> p.setCryptogram("INVALID")));
        cases.put("cryptogram malformed", pay(p -> p.setCryptogram("MALFORMED")));
        cases.put("cryptogram replayed", pay(p -> p.setCryptogram("REPLAYED")));
        cases.put("card present without cryptogram", pay(p -> p.setCryptogram("NOT_PRESENT")));
        cases.put("unknown card", pay(p -> {
            p.setCardKnown(false);
            p.setCardStatus(null);
            p.setAccountStatus(null);
        }));
        cases.put("blocked card", pay(p -> p.setCardStatus("BLOCKED")));
        cases.put("frozen account", pay(p -> p.setAccountStatus("FROZEN")));
        cases.put("insufficient funds", pay(p -> p.setBalanceMinor(3_499)));
        cases.put("blocked merchant", pay(p -> p.setMerchantBlocked(true)));
        cases.put("gambling", pay(p -> p.setMerchantCategory("7995")));
        cases.put("money transfer", pay(p -> p.setMerchantCategory("4829")));
        cases.put("zero amount", pay(p -> p.setAmountMinor(0)));
        cases.put("negative amount", pay(p -> p.setAmountMinor(-5)));
        cases.put("currency USD", pay(p -> p.setCurrency("USD")));
        cases.put("unknown channel", pay(p -> p.setChannel("KIOSK")));
        cases.put("over the single limit", pay(p -> {
            p.setAmountMinor(200_001);
            p.setBalanceMinor(300_000);
        }));
        cases.put("over the daily limit", pay(p -> p.setDailySpentMinor(497_000)));
        cases.put("too many payments", pay(p -> p.setRecentPayments(10)));
        cases.put("everything wrong", pay(p -> {
            p.setCryptogram("REPLAYED");
            p.setCardStatus("REPLACED");
            p.setAccountStatus("CLOSED");
            p.setBalanceMinor(0);
            p.setMerchantBlocked(true);
            p.setMerchantCategory("7995");
            p.setAmountMinor(600_000);
            p.setRecentPayments(30);
            p.setOffline(true);
        }));
        return cases;
    }

    static Stream<Arguments> namedCases() {
        return cases().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedCases")
    void handWrittenAgreesWithTheRules(String name, PaymentAuthorizationInput pay) {
        SameDecision.assertSame(name, engine.decide(DecisionCatalog.PAYMENT_AUTHORIZE, pay), PaymentAuthorizeInJava.decide(pay));
    }

    @Test
    void theCasesReachEveryVerdictReasonAndOutputOfTheRules() {
        Set<String> seen = new TreeSet<>();
        for (PaymentAuthorizationInput pay : cases().values()) {
            Decision decision = engine.decide(DecisionCatalog.PAYMENT_AUTHORIZE, pay);
            seen.add(decision.getVerdict());
            seen.addAll(decision.reasonCodes());
            seen.addAll(decision.getOutputs().keySet());
        }
        assertThat(seen).containsExactlyInAnyOrder(Decision.APPROVED, Decision.DECLINED, Decision.REFERRED,
                "CRYPTOGRAM_INVALID", "ATC_REPLAYED", "CRYPTOGRAM_MISSING", "CARD_UNKNOWN", "CARD_NOT_ACTIVE",
                "ACCOUNT_NOT_OPEN", "INSUFFICIENT_FUNDS", "MERCHANT_BLOCKED", "MERCHANT_CATEGORY_BLOCKED",
                "AMOUNT_INVALID", "CURRENCY_UNSUPPORTED", "OVER_SINGLE_LIMIT", "DAILY_LIMIT_EXCEEDED",
                "VELOCITY_EXCEEDED", "OVER_OFFLINE_FLOOR_LIMIT", "STEP_UP_REQUIRED", "discountMinor");
    }

    @Test
    void theBenchmarkInputsAreAnApprovalAndADecline() {
        assertThat(PaymentAuthorizeInJava.decide(SampleInputs.payment(SampleInputs.APPROVED)).getVerdict()).isEqualTo(Decision.APPROVED);
        assertThat(PaymentAuthorizeInJava.decide(SampleInputs.payment(SampleInputs.DECLINED)).reasonCodes())
                .containsExactly("INSUFFICIENT_FUNDS");
    }

    @Test
    void randomPaymentsAroundTheLimitsAgree() {
        Random random = new Random(20261207);
        String[] channels = {"READER", "READER", "POS", "PHONE", "KIOSK"};
        String[] currencies = {"CNY", "CNY", "CNY", "USD"};
        String[] cryptograms = {"VALID", "VALID", "VALID", "INVALID", "REPLAYED", "MALFORMED", "NOT_PRESENT"};
        String[] cardStatuses = {"ACTIVE", "ACTIVE", "ACTIVE", "ISSUED", "BLOCKED", null};
        String[] accountStatuses = {"OPEN", "OPEN", "OPEN", "FROZEN", "CLOSED", null};
        String[] merchants = {"M-BENCH-1", "demo-cafe"};
        String[] categories = {"5411", "5411", "7995", "4829"};
        for (int i = 0; i < 2_000; i++) {
            PaymentAuthorizationInput pay = SampleInputs.payment();
            pay.setChannel(channels[random.nextInt(channels.length)]);
            pay.setCurrency(currencies[random.nextInt(currencies.length)]);
            pay.setCryptogram(cryptograms[random.nextInt(cryptograms.length)]);
            pay.setCardKnown(random.nextInt(8) != 0);
            pay.setCardStatus(cardStatuses[random.nextInt(cardStatuses.length)]);
            pay.setAccountStatus(accountStatuses[random.nextInt(accountStatuses.length)]);
            pay.setFunding(random.nextBoolean() ? "STORED_VALUE" : "BANK");
            pay.setMerchantId(merchants[random.nextInt(merchants.length)]);
            pay.setMerchantCategory(categories[random.nextInt(categories.length)]);
            pay.setMerchantBlocked(random.nextInt(10) == 0);
            pay.setAmountMinor(random.nextInt(3) == 0 ? random.nextInt(600_000) - 1_000 : random.nextInt(40_000) - 100);
            pay.setBalanceMinor(random.nextInt(300_000));
            pay.setDailySpentMinor(random.nextInt(1_000_000));
            pay.setRecentPayments(random.nextInt(25));
            pay.setOffline(random.nextInt(5) == 0);
            pay.setStepUpConfirmed(random.nextInt(4) == 0);
            SameDecision.assertSame("random payment " + i + " " + pay, engine.decide(DecisionCatalog.PAYMENT_AUTHORIZE, pay),
                    PaymentAuthorizeInJava.decide(pay));
        }
    }

    private static PaymentAuthorizationInput pay(Consumer<PaymentAuthorizationInput> change) {
        PaymentAuthorizationInput pay = SampleInputs.payment();
        change.accept(pay);
        return pay;
    }
}
