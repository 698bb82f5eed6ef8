package io.tapbus.samples.bank;

import java.time.Instant;

/**
 * One thing the host did. {@code maskedPan} shows the first 6 and last 4 digits only.
 *
 * @param stanKey the request's STAN key ({@code stan=...;terminal=...}); for a reversal, that of the original
 */
public record JournalEntry(Kind kind, String mti, String stanKey, String rrn, String amount, String maskedPan,
                           String responseCode, Instant at) {

    public enum Kind {
        /** An authorization or financial request approved (39=00). */
        APPROVED,
        /** An authorization or financial request declined (39 = the rule's code). */
        DECLINED,
        /** A balance inquiry answered. */
        BALANCE,
        /** A reversal that reversed an approved transaction. */
        REVERSED,
        /** A reversal of a transaction already reversed (or declined): acknowledged, nothing changed. */
        REVERSAL_REPEATED,
        /** A reversal of a transaction the host does not know (39=25). */
        REVERSAL_UNKNOWN,
        /** A network management request (sign-on, echo, sign-off). */
        NETWORK,
        /** A message that did not decode: answered with 39=30, or the connection closed. */
        FORMAT_ERROR
    }
}
