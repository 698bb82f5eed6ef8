package io.tapbus.runtime.tickets;

import java.time.Instant;

/**
 * An issued ticket as the write path holds it: what it is (fixed at issue) and the state that decides at a gate and
 * at a refund (status, uses left, last use). Immutable; the writer replaces it.
 *
 * @param uses      uses as issued, 0 for no limit
 * @param usesLeft  -1 for no limit
 * @param lastLine  the gate line of the last counted use, or null
 * @param lastUsedAt when that was (the gate's clock), or null when never used
 * @param onCardAt   when the universal card reported it took the ticket (CARD_WRITE_RESULT ok), or null
 * @param onCardPayment the payment whose card writes carried it onto the card, or null
 */
public record TicketState(String ticketId, String sellerId, String idempotencyKey, String kind, String product, String zones,
                          Instant validFrom, Instant validUntil, int uses, int usesLeft, String status, long priceMinor,
                          String currency, String accountId, String cardUid, String keyId, String payload, String txnId,
                          String refundTxnId, String lastLine, Instant lastUsedAt, Instant createdAt, Instant onCardAt,
                          String onCardPayment) {
    public static final String ISSUED = "ISSUED";
    public static final String REFUNDED = "REFUNDED";
    public static final String REVOKED = "REVOKED";

    /** Never presented at a gate with success (so it may be refunded). */
    public boolean unused() {
        return lastUsedAt == null;
    }

    /** The ticket after one counted use at a gate line. */
    public TicketState used(String line, Instant at) {
        return new TicketState(ticketId, sellerId, idempotencyKey, kind, product, zones, validFrom, validUntil, uses,
                usesLeft < 0 ? -1 : usesLeft - 1, status, priceMinor, currency, accountId, cardUid, keyId, payload, txnId,
                refundTxnId, line, lastUsedAt == null || at.isAfter(lastUsedAt) ? at : lastUsedAt, createdAt, onCardAt, onCardPayment);
    }

    public TicketState refunded(String refundTxn) {
        return new TicketState(ticketId, sellerId, idempotencyKey, kind, product, zones, validFrom, validUntil, uses, usesLeft,
                REFUNDED, priceMinor, currency, accountId, cardUid, keyId, payload, txnId, refundTxn, lastLine, lastUsedAt, createdAt,
                onCardAt, onCardPayment);
    }

    /** Waiting to be written to its universal card: issued to one, not on it yet. */
    public boolean awaitsCard() {
        return cardUid != null && onCardAt == null && ISSUED.equals(status);
    }

    /** The ticket once its universal card took it, in the card writes of {@code paymentId}. */
    public TicketState onCard(String paymentId, Instant at) {
        return new TicketState(ticketId, sellerId, idempotencyKey, kind, product, zones, validFrom, validUntil, uses, usesLeft,
                status, priceMinor, currency, accountId, cardUid, keyId, payload, txnId, refundTxnId, lastLine, lastUsedAt, createdAt,
                at, paymentId);
    }
}
