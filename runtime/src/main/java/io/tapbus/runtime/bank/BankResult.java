package io.tapbus.runtime.bank;

import io.tapbus.connector.bank.ResponseCodes;
import java.util.Optional;

/**
 * The bank's answer to a {@link BankRequest}, or why there is none.
 *
 * @param stan             field 11 of the request; null when nothing was sent
 * @param rrn              retrieval reference number (field 37); null when nothing was sent
 * @param responseCode     field 39 of the answer (00 approved); null without an answer
 * @param authCode         field 38 of an approval; else null
 * @param additionalAmounts field 54 of a balance inquiry's answer; else null
 * @param reversalQueued   a reversal of the request is in the reversal journal (TIMED_OUT of a request that moves money)
 */
public record BankResult(Outcome outcome, String paymentId, String stan, String rrn, String responseCode,
                         String authCode, String additionalAmounts, boolean reversalQueued) {

    public enum Outcome {
        /** 39 = 00. */
        APPROVED,
        /** Any other response code but 30; see {@link #responseCode()}. */
        DECLINED,
        /** Sent, and no answer in time (or the link dropped after the send): a reversal is queued. */
        TIMED_OUT,
        /** Not sent, nothing to reverse: no signed-on link to the bank. */
        UNAVAILABLE,
        /** The bank answered 39 = 30, or the request did not encode (then nothing was sent). */
        FORMAT_ERROR
    }

    static final String APPROVED_CODE = ResponseCodes.APPROVED;
    static final String FORMAT_ERROR_CODE = ResponseCodes.FORMAT_ERROR;

    static BankResult unavailable(String paymentId) {
        return new BankResult(Outcome.UNAVAILABLE, paymentId, null, null, null, null, null, false);
    }

    /** The result of an answer with response code {@code responseCode}: 00 approved, 30 format error, else declined. */
    static BankResult answered(String paymentId, String stan, String rrn, String responseCode, String authCode,
                               String additionalAmounts) {
        Outcome outcome = switch (responseCode) {
            case APPROVED_CODE -> Outcome.APPROVED;
            case FORMAT_ERROR_CODE -> Outcome.FORMAT_ERROR;
            default -> Outcome.DECLINED;
        };
        return new BankResult(outcome, paymentId, stan, rrn, responseCode,
                outcome == Outcome.APPROVED ? authCode : null, additionalAmounts, false);
    }

    static BankResult timedOut(String paymentId, String stan, String rrn, boolean reversalQueued) {
        return new BankResult(Outcome.TIMED_OUT, paymentId, stan, rrn, null, null, null, reversalQueued);
    }

    public boolean approved() {
        return outcome == Outcome.APPROVED;
    }

    /**
     * The available balance of a balance inquiry's answer: field 54 as the simulator and most hosts send it, account
     * type (2), amount type 02 (available), currency (3), C or D, 12 digits.
     */
    public Optional<Long> availableBalanceMinor() {
        if (additionalAmounts == null) {
            return Optional.empty();
        }
        for (int at = 0; at + 20 <= additionalAmounts.length(); at += 20) {
            String amount = additionalAmounts.substring(at, at + 20);
            if (amount.startsWith("02", 2) && amount.substring(8).matches("\\d{12}")) {
                long minor = Long.parseLong(amount.substring(8));
                return Optional.of(amount.charAt(7) == 'D' ? -minor : minor);
            }
        }
        return Optional.empty();
    }
}
