package io.tapbus.bench.decisions;

import io.tapbus.rules.Decision;
import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.payment.MerchantDiscount;
import io.tapbus.rules.payment.PaymentAuthorizationInput;
import java.util.Map;

/**
 * The shipped payment-authorize decision (rules/decisions/payment-authorize: payment-authorize.drl,
 * payment-limits.csv, blocked-categories.csv, discounts.csv) written by hand in plain Java: the same checks, reasons,
 * messages and outputs, into the same {@link Decision}. DecisionAgreementTest keeps the two in step.
 */
public final class PaymentAuthorizeInJava {
    /** A row of payment-limits.csv, minor units (velocity: a count); null where the cell is empty. */
    private record Limits(Long single, Long daily, Long stepUp, Long offlineFloor, Long velocity) {
        boolean none() {
            return single == null && daily == null && stepUp == null && offlineFloor == null && velocity == null;
        }
    }

    private static final Map<String, Limits> LIMITS = Map.of(
            "CNY READER", new Limits(200_000L, 500_000L, 30_000L, 5_000L, 10L),
            "CNY POS", new Limits(500_000L, 1_000_000L, 100_000L, null, 20L),
            "CNY PHONE", new Limits(200_000L, 500_000L, 20_000L, null, 10L));

    private static final Map<String, String> BLOCKED_CATEGORIES = Map.of(
            "7995", "Betting and casino gambling",
            "4829", "Money transfer");

    private static final Map<String, MerchantDiscount> DISCOUNTS = Map.of(
            "demo-cafe", new MerchantDiscount("demo-cafe", 5, 2000, 1000));

    private PaymentAuthorizeInJava() {
    }

    public static Decision decide(PaymentAuthorizationInput pay) {
        Decision decision = new Decision(DecisionCatalog.PAYMENT_AUTHORIZE, "java");
        checkCryptogram(pay, decision);
        checkCardAndAccount(pay, decision);
        checkMerchant(pay, decision);
        Limits limits = pay.getCurrency() == null || pay.getChannel() == null ? null
                : LIMITS.get(pay.getCurrency() + " " + pay.getChannel());
        checkAmount(pay, limits == null ? new Limits(null, null, null, null, null) : limits, decision);
        if (decision.getVerdict() == null) {
            decision.approve();
        }
        MerchantDiscount discount = pay.getMerchantId() == null ? null : DISCOUNTS.get(pay.getMerchantId());
        boolean approvedOrReferred = Decision.APPROVED.equals(decision.getVerdict()) || Decision.REFERRED.equals(decision.getVerdict());
        if (discount != null && approvedOrReferred && discount.discountOn(pay.getAmountMinor()) > 0) {
            decision.put("discountMinor", discount.discountOn(pay.getAmountMinor()));
        }
        return decision;
    }

    private static void checkCryptogram(PaymentAuthorizationInput pay, Decision decision) {
        String cryptogram = pay.getCryptogram();
        if ("INVALID".equals(cryptogram) || "MALFORMED".equals(cryptogram)) {
            decision.decline("CRYPTOGRAM_INVALID", "The card's application cryptogram (ARQC) does not verify");
        }
        if ("REPLAYED".equals(cryptogram)) {
            decision.decline("ATC_REPLAYED", "The card's transaction counter is not above the last one seen: a replayed cryptogram");
        }
        if (!"PHONE".equals(pay.getChannel()) && "NOT_PRESENT".equals(cryptogram)) {
            decision.decline("CRYPTOGRAM_MISSING", "A card-present payment needs the card's cryptogram");
        }
    }

    private static void checkCardAndAccount(PaymentAuthorizationInput pay, Decision decision) {
        if (!pay.isCardKnown()) {
            decision.decline("CARD_UNKNOWN", "The card is not registered on the platform");
            return;
        }
        if (!"ACTIVE".equals(pay.getCardStatus())) {
            decision.decline("CARD_NOT_ACTIVE", "Card status is " + pay.getCardStatus() + ", only ACTIVE cards pay");
        }
        if ("STORED_VALUE".equals(pay.getFunding())) {
            if (!"OPEN".equals(pay.getAccountStatus())) {
                decision.decline("ACCOUNT_NOT_OPEN", "Account status is " + pay.getAccountStatus() + ", only OPEN accounts pay");
            }
            if (pay.getBalanceMinor() < pay.getAmountMinor()) {
                decision.decline("INSUFFICIENT_FUNDS", "Balance " + pay.getBalanceMinor() + " is below the amount " + pay.getAmountMinor());
            }
        }
    }

    private static void checkMerchant(PaymentAuthorizationInput pay, Decision decision) {
        if (pay.isMerchantBlocked()) {
            decision.decline("MERCHANT_BLOCKED", "Merchant " + pay.getMerchantId() + " may not take payments");
        }
        String why = pay.getMerchantCategory() == null ? null : BLOCKED_CATEGORIES.get(pay.getMerchantCategory());
        if (why != null) {
            decision.decline("MERCHANT_CATEGORY_BLOCKED", "Cards may not pay at category " + pay.getMerchantCategory() + " (" + why + ")");
        }
    }

    private static void checkAmount(PaymentAuthorizationInput pay, Limits limits, Decision decision) {
        long amount = pay.getAmountMinor();
        if (amount <= 0) {
            decision.decline("AMOUNT_INVALID", "Amount " + amount + " must be above zero");
        }
        if (limits.none()) {
            decision.decline("CURRENCY_UNSUPPORTED", "No limits for " + pay.getCurrency() + " payments by " + pay.getChannel());
        }
        if (limits.single() != null && amount > limits.single()) {
            decision.decline("OVER_SINGLE_LIMIT", "Amount " + amount + " is over the single-payment limit " + limits.single());
        }
        if (limits.daily() != null && pay.getDailySpentMinor() + amount > limits.daily()) {
            decision.decline("DAILY_LIMIT_EXCEEDED", "Spent today " + pay.getDailySpentMinor() + " plus " + amount
                    + " is over the daily limit " + limits.daily());
        }
        if (limits.velocity() != null && pay.getRecentPayments() >= limits.velocity()) {
            decision.decline("VELOCITY_EXCEEDED", pay.getRecentPayments() + " payments in ten minutes; at most " + limits.velocity());
        }
        if (pay.isOffline() && !(limits.offlineFloor() != null && amount <= limits.offlineFloor())) {
            decision.decline("OVER_OFFLINE_FLOOR_LIMIT", "Amount " + amount + " is over what a reader may approve offline");
        }
        if (!pay.isOffline() && !pay.isStepUpConfirmed() && limits.stepUp() != null && amount > limits.stepUp()) {
            decision.refer("STEP_UP_REQUIRED", "Amount " + amount + " is over " + limits.stepUp() + ": the card holder must confirm on the phone");
        }
    }
}
