package io.tapbus.bench.decisions;

import io.tapbus.rules.Decision;
import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.tap.AccountStatus;
import io.tapbus.rules.tap.CardStatus;
import io.tapbus.rules.tap.TapAuthorizationInput;
import java.util.Map;

/**
 * The shipped tap-authorize decision (rules/decisions/tap-authorize: tap-authorize.drl and tap-limits.csv) written
 * by hand in plain Java: the same checks, reasons, messages and outputs, into the same {@link Decision}. The yardstick
 * for the Drools decision's cost; DecisionAgreementTest keeps the two in step.
 */
public final class TapAuthorizeInJava {
    /** A row of tap-limits.csv, minor units; null where the cell is empty (no limit of that kind). */
    private record Limits(Long singleTap, Long daily) {
    }

    private static final Map<String, Limits> LIMITS = Map.of("CNY", new Limits(50_000L, 200_000L));

    private TapAuthorizeInJava() {
    }

    public static Decision decide(TapAuthorizationInput tap) {
        Decision decision = new Decision(DecisionCatalog.TAP_AUTHORIZE, "java");
        if (tap.getCardStatus() != CardStatus.ACTIVE) {
            decision.decline("CARD_NOT_ACTIVE", "Card status is " + tap.getCardStatus() + ", only ACTIVE cards pay");
        }
        if (tap.getAccountStatus() != AccountStatus.OPEN) {
            decision.decline("ACCOUNT_NOT_OPEN", "Account status is " + tap.getAccountStatus() + ", only OPEN accounts pay");
        }
        long amount = tap.getAmountMinor();
        if (amount < 0) {
            decision.decline("AMOUNT_NEGATIVE", "Amount " + amount + " is negative");
        }
        Limits limits = tap.getCurrency() == null ? null : LIMITS.get(tap.getCurrency());
        if (limits == null || limits.singleTap() == null && limits.daily() == null) {
            decision.decline("CURRENCY_UNSUPPORTED", "Currency " + tap.getCurrency() + " is not accepted for taps");
        } else {
            if (limits.singleTap() != null && amount > limits.singleTap()) {
                decision.decline("OVER_SINGLE_TAP_LIMIT", "Amount " + amount + " is over the single-tap limit " + limits.singleTap());
            }
            if (limits.daily() != null && tap.getDailySpentMinor() + amount > limits.daily()) {
                decision.decline("DAILY_LIMIT_EXCEEDED", "Spent today " + tap.getDailySpentMinor() + " plus " + amount
                        + " is over the daily limit " + limits.daily());
            }
        }
        if (tap.getBalanceMinor() < amount) {
            decision.decline("INSUFFICIENT_FUNDS", "Balance " + tap.getBalanceMinor() + " is below the amount " + amount);
        }
        if (decision.getVerdict() == null) {
            decision.approve();
            if (limits != null && limits.daily() != null) {
                decision.put("remainingDailyLimitMinor", limits.daily() - tap.getDailySpentMinor() - amount);
            }
        }
        return decision;
    }
}
