package io.tapbus.runtime.payment;

/**
 * Where a payment stands. STEP_UP, PENDING_BANK and PENDING_CARRIER wait for someone (the card holder on the phone, the bank, the operator);
 * the others are final. A payment only moves from a waiting state, and only once (the write checks the state it
 * moves from).
 */
public enum PaymentStatus {
    /** The card holder must confirm on the phone; ask again with the same idempotency key for the final answer. */
    STEP_UP,
    /** Recorded before the bank is asked; finished (or reversed) when it answers, or by recovery after a crash. */
    PENDING_BANK,
    /** A phone payment charged to the phone bill: recorded before the operator is asked; finished with its answer or by recovery. */
    PENDING_CARRIER,
    APPROVED,
    DECLINED,
    /** Undone: by the paying party, or because the bank did not answer in time. */
    REVERSED,
    /** A step-up the card holder did not confirm in time. */
    EXPIRED;

    public boolean waiting() {
        return this == STEP_UP || this == PENDING_BANK || this == PENDING_CARRIER;
    }

    /** The name as stored in {@code payment.status} and used in event types (lower case). */
    public String eventName() {
        return name().toLowerCase();
    }
}
