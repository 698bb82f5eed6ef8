package io.tapbus.runtime.pos;

import io.tapbus.rules.Reason;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.payment.PaymentOutcome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a POS terminal is told (field 39, ISO 8583:1987 response codes) for a TapBus payment outcome. A decline often
 * has several reasons; the code is that of the first group below the outcome has a reason in, so the answer names
 * what cannot be cured by trying again first: the card, its proof, the merchant, the limits, then the funds.
 * The table is in docs/payments.md ("POS chaining").
 */
final class PosResponseCodes {
    static final String APPROVED = "00";
    static final String INVALID_MERCHANT = "03";
    static final String DO_NOT_HONOUR = "05";
    static final String INVALID_TRANSACTION = "12";
    static final String INVALID_AMOUNT = "13";
    static final String INVALID_CARD_NUMBER = "14";
    static final String NO_ORIGINAL = "25";
    static final String FORMAT_ERROR = "30";
    static final String INSUFFICIENT_FUNDS = "51";
    static final String NOT_PERMITTED_TO_CARDHOLDER = "57";
    static final String NOT_PERMITTED_TO_TERMINAL = "58";
    static final String EXCEEDS_AMOUNT_LIMIT = "61";
    static final String RESTRICTED_CARD = "62";
    static final String EXCEEDS_FREQUENCY_LIMIT = "65";
    static final String ISSUER_UNAVAILABLE = "91";
    static final String DUPLICATE_TRANSMISSION = "94";
    static final String SYSTEM_MALFUNCTION = "96";
    /** Soft decline: additional customer authentication required (the card holder confirms on the phone). */
    static final String STEP_UP = "1A";

    /** Reason groups in priority order: the first group with a reason of the outcome gives the code. */
    private static final List<Map.Entry<Set<String>, String>> BY_REASON = List.of(
            Map.entry(Set.of("ISSUER_TIMEOUT", "ISSUER_UNAVAILABLE", "BANK_LINK_DOWN"), ISSUER_UNAVAILABLE),
            Map.entry(Set.of("CARD_UNKNOWN"), INVALID_CARD_NUMBER),
            Map.entry(Set.of("CARD_NOT_ACTIVE", "ACCOUNT_NOT_OPEN"), RESTRICTED_CARD),
            Map.entry(Set.of("CRYPTOGRAM_INVALID", "ATC_REPLAYED", "CRYPTOGRAM_MISSING"), DO_NOT_HONOUR),
            Map.entry(Set.of("MERCHANT_BLOCKED", "MERCHANT_CATEGORY_BLOCKED"), NOT_PERMITTED_TO_CARDHOLDER),
            Map.entry(Set.of("OVER_SINGLE_LIMIT", "DAILY_LIMIT_EXCEEDED"), EXCEEDS_AMOUNT_LIMIT),
            Map.entry(Set.of("VELOCITY_EXCEEDED"), EXCEEDS_FREQUENCY_LIMIT),
            Map.entry(Set.of("INSUFFICIENT_FUNDS"), INSUFFICIENT_FUNDS),
            Map.entry(Set.of("AMOUNT_INVALID"), INVALID_AMOUNT));

    private PosResponseCodes() {
    }

    /** A request the platform refused before any decision: the terminal learns the reason, not "system malfunction". */
    static String of(DomainError error) {
        return switch (error.code()) {
            case INVALID_INPUT -> INVALID_TRANSACTION;
            case NOT_FOUND -> INVALID_MERCHANT; // what a terminal's request names: its merchant
            case CONFLICT -> DO_NOT_HONOUR;
            case DUPLICATE -> DUPLICATE_TRANSMISSION;
            case FORBIDDEN -> NOT_PERMITTED_TO_TERMINAL;
            case SYSTEM_UNAVAILABLE -> ISSUER_UNAVAILABLE;
        };
    }

    static String of(PaymentOutcome outcome) {
        switch (outcome.status()) {
            case APPROVED:
                return APPROVED;
            case STEP_UP:
                return STEP_UP;
            case PENDING_BANK:
                return ISSUER_UNAVAILABLE; // the bank is still deciding: the terminal reverses or asks again later
            default:
                break;
        }
        Set<String> reasons = outcome.reasons().stream().map(Reason::code).collect(Collectors.toSet());
        if (reasons.contains("BANK_DECLINED")) {
            String bank = outcome.bankResponseCode();
            return bank != null && bank.matches("[0-9A-Z]{2}") ? bank : DO_NOT_HONOUR;
        }
        for (Map.Entry<Set<String>, String> group : BY_REASON) {
            if (group.getKey().stream().anyMatch(reasons::contains)) {
                return group.getValue();
            }
        }
        return DO_NOT_HONOUR;
    }
}
