package io.tapbus.connector.phone;

import java.util.Locale;

/**
 * The state of a submitted message (SMPP 3.4 §5.2.28 message_state), with the value of the message_state TLV and
 * the stat: text of a delivery receipt (Appendix B).
 */
public enum MessageState {
    ENROUTE(1, "ENROUTE"),
    DELIVERED(2, "DELIVRD"),
    EXPIRED(3, "EXPIRED"),
    DELETED(4, "DELETED"),
    UNDELIVERABLE(5, "UNDELIV"),
    ACCEPTED(6, "ACCEPTD"),
    UNKNOWN(7, "UNKNOWN"),
    REJECTED(8, "REJECTD");

    private final int code;
    private final String receiptText;

    MessageState(int code, String receiptText) {
        this.code = code;
        this.receiptText = receiptText;
    }

    public int code() {
        return code;
    }

    public String receiptText() {
        return receiptText;
    }

    /** True when the SMSC will send nothing more about the message. */
    public boolean isFinal() {
        return this != ENROUTE && this != ACCEPTED && this != UNKNOWN;
    }

    /** The state of a message_state TLV value; values outside 1-8 are {@link #UNKNOWN}. */
    public static MessageState ofCode(int code) {
        for (MessageState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return UNKNOWN;
    }

    /**
     * The state of a receipt's stat: text (case ignored); also the full names some SMSCs write (DELIVERED,
     * UNDELIVERABLE, ACCEPTED, REJECTED). Anything else is {@link #UNKNOWN}.
     */
    public static MessageState ofReceiptText(String stat) {
        String s = stat.strip().toUpperCase(Locale.ROOT);
        for (MessageState state : values()) {
            if (state.receiptText.equals(s) || state.name().equals(s)) {
                return state;
            }
        }
        return UNKNOWN;
    }
}
