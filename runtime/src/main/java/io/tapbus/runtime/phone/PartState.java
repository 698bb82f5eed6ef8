package io.tapbus.runtime.phone;

import io.tapbus.connector.phone.MessageState;

/**
 * Where one part of an outgoing SMS stands. QUEUED parts wait for a bound link; SUBMITTING is written durably
 * before the submit_sm goes on the wire; SUBMITTED carries the SMSC's message id; the receipt states (ENROUTE ...
 * REJECTED) come from deliver_sm receipts. The last four are TapBus's own ends: REFUSED (submit_sm_resp with an
 * error), OUTCOME_UNKNOWN (sent, no answer, or found SUBMITTING after a crash), EXPIRED_NO_RECEIPT (no final receipt
 * within the validity) and EXPIRED_UNSENT (the validity passed before a link took it).
 */
public enum PartState {
    QUEUED, SUBMITTING, SUBMITTED, ACCEPTED, ENROUTE, UNKNOWN, DELIVERED, UNDELIVERABLE, EXPIRED, DELETED, REJECTED,
    REFUSED, OUTCOME_UNKNOWN, EXPIRED_NO_RECEIPT, EXPIRED_UNSENT;

    /** The state a receipt reports. */
    public static PartState of(MessageState receipt) {
        return valueOf(receipt.name());
    }

    /** Nothing more will change it, except a late receipt for OUTCOME_UNKNOWN or EXPIRED_NO_RECEIPT. */
    public boolean isFinal() {
        return switch (this) {
            case DELIVERED, UNDELIVERABLE, EXPIRED, DELETED, REJECTED, REFUSED, OUTCOME_UNKNOWN, EXPIRED_NO_RECEIPT,
                    EXPIRED_UNSENT -> true;
            default -> false;
        };
    }

    /** The SMSC has it (or may have it) and a receipt is still expected. */
    public boolean awaitsReceipt() {
        return this == SUBMITTED || this == ACCEPTED || this == ENROUTE || this == UNKNOWN;
    }

    /** Failed for good. */
    public boolean isFailure() {
        return this == UNDELIVERABLE || this == EXPIRED || this == DELETED || this == REJECTED || this == REFUSED
                || this == EXPIRED_UNSENT;
    }

    /**
     * A message's state from its parts: the first failure; else OUTCOME_UNKNOWN or EXPIRED_NO_RECEIPT when a part
     * is so; DELIVERED when all are; QUEUED while none went; SENDING while some wait; else the least advanced of
     * SUBMITTED, ACCEPTED/UNKNOWN (as SUBMITTED) and ENROUTE.
     */
    public static String messageState(java.util.List<PartState> parts) {
        for (PartState p : parts) {
            if (p.isFailure()) {
                return p.name();
            }
        }
        if (parts.contains(OUTCOME_UNKNOWN)) {
            return OUTCOME_UNKNOWN.name();
        }
        if (parts.contains(EXPIRED_NO_RECEIPT)) {
            return EXPIRED_NO_RECEIPT.name();
        }
        if (parts.stream().allMatch(p -> p == DELIVERED)) {
            return DELIVERED.name();
        }
        if (parts.stream().allMatch(p -> p == QUEUED)) {
            return QUEUED.name();
        }
        if (parts.contains(QUEUED) || parts.contains(SUBMITTING)) {
            return "SENDING";
        }
        if (parts.contains(SUBMITTED) || parts.contains(ACCEPTED) || parts.contains(UNKNOWN)) {
            return SUBMITTED.name();
        }
        return ENROUTE.name();
    }

    /** Message states after which only a late receipt changes anything. */
    public static boolean messageFinal(String state) {
        return !state.equals("QUEUED") && !state.equals("SENDING") && !state.equals("SUBMITTED")
                && !state.equals("ENROUTE");
    }
}
