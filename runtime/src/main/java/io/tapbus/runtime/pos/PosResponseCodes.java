package io.tapbus.runtime.pos;

import io.tapbus.connector.bank.ResponseCodes;
import io.tapbus.connector.reader.ReasonCode;
import io.tapbus.rules.Reason;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.payment.PaymentOutcome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a POS terminal is told (field 39, ISO 8583:1987 response codes) for a TapBus payment outcome. A decline often
 * has several reasons; the code is that of the first group below the outcome has a reason in, so the answer names
 * what cannot be cured by trying again first: the card, its proof, the merchant, the limits, then the funds.
 * The table is in docs/payments.md ("POS chaining").
 */
final class PosResponseCodes {
    /** Reason groups in priority order: the first group with a reason of the outcome gives the code. */
    private static final List<Map.Entry<Set<String>, String>> BY_REASON = List.of(
            group(ResponseCodes.ISSUER_UNAVAILABLE, ReasonCode.ISSUER_TIMEOUT, ReasonCode.ISSUER_UNAVAILABLE, ReasonCode.BANK_LINK_DOWN),
            group(ResponseCodes.INVALID_CARD_NUMBER, ReasonCode.CARD_UNKNOWN),
            group(ResponseCodes.RESTRICTED_CARD, ReasonCode.CARD_NOT_ACTIVE, ReasonCode.ACCOUNT_NOT_OPEN),
            group(ResponseCodes.DO_NOT_HONOUR, ReasonCode.CRYPTOGRAM_INVALID, ReasonCode.ATC_REPLAYED, ReasonCode.CRYPTOGRAM_MISSING),
            group(ResponseCodes.NOT_PERMITTED_TO_CARDHOLDER, ReasonCode.MERCHANT_BLOCKED, ReasonCode.MERCHANT_CATEGORY_BLOCKED),
            group(ResponseCodes.EXCEEDS_AMOUNT_LIMIT, ReasonCode.OVER_SINGLE_LIMIT, ReasonCode.DAILY_LIMIT_EXCEEDED),
            group(ResponseCodes.EXCEEDS_FREQUENCY_LIMIT, ReasonCode.VELOCITY_EXCEEDED),
            group(ResponseCodes.INSUFFICIENT_FUNDS, ReasonCode.INSUFFICIENT_FUNDS),
            group(ResponseCodes.INVALID_AMOUNT, ReasonCode.AMOUNT_INVALID));

    private PosResponseCodes() {
    }

    private static Map.Entry<Set<String>, String> group(String responseCode, ReasonCode... reasons) {
        return Map.entry(Stream.of(reasons).map(ReasonCode::name).collect(Collectors.toSet()), responseCode);
    }

    /** A request the platform refused before any decision: the terminal learns the reason, not "system malfunction". */
    static String of(DomainError error) {
        return switch (error.code()) {
            case INVALID_INPUT -> ResponseCodes.INVALID_TRANSACTION;
            case NOT_FOUND -> ResponseCodes.INVALID_MERCHANT; // what a terminal's request names: its merchant
            case CONFLICT -> ResponseCodes.DO_NOT_HONOUR;
            case DUPLICATE -> ResponseCodes.DUPLICATE_TRANSMISSION;
            case FORBIDDEN -> ResponseCodes.NOT_PERMITTED_TO_TERMINAL;
            case SYSTEM_UNAVAILABLE -> ResponseCodes.ISSUER_UNAVAILABLE;
        };
    }

    static String of(PaymentOutcome outcome) {
        switch (outcome.status()) {
            case APPROVED:
                return ResponseCodes.APPROVED;
            case STEP_UP:
                return ResponseCodes.STEP_UP;
            case PENDING_BANK:
                return ResponseCodes.ISSUER_UNAVAILABLE; // the bank is still deciding: the terminal reverses or asks again later
            default:
                break;
        }
        Set<String> reasons = outcome.reasons().stream().map(Reason::code).collect(Collectors.toSet());
        if (reasons.contains(ReasonCode.BANK_DECLINED.name())) {
            String bank = outcome.bankResponseCode();
            return bank != null && bank.matches("[0-9A-Z]{2}") ? bank : ResponseCodes.DO_NOT_HONOUR;
        }
        for (Map.Entry<Set<String>, String> group : BY_REASON) {
            if (group.getKey().stream().anyMatch(reasons::contains)) {
                return group.getValue();
            }
        }
        return ResponseCodes.DO_NOT_HONOUR;
    }
}
