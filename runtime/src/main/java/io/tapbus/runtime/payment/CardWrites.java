package io.tapbus.runtime.payment;

import io.tapbus.connector.reader.ReasonCode;
import io.tapbus.rules.Reason;
import io.tapbus.runtime.write.WritePath;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the card did with an approved payment's balance write (the reader's CARD_WRITE_RESULT), and what the platform
 * does so that the card's stored balance and the account never disagree silently. The card's balance is written as
 * the account's balance (absolute, not a difference), so a write that worked needs nothing more. A write that failed
 * (the card refused the ARPC, the card left before UPDATE RECORD, a status word other than 9000) leaves the card at
 * its old balance: the payment is reversed (reason {@code CARD_WRITE_FAILED}: the account refunded, the merchant
 * debited, in one write-path unit, never twice), so the account is back at what the card holds. Once a card has taken
 * a payment's balance, a failure reported later for the same payment (a stale report) reverses nothing.
 */
public final class CardWrites {
    private static final Logger LOG = LoggerFactory.getLogger(CardWrites.class);

    /** What a CARD_WRITE_RESULT led to. */
    public enum Result {
        /** The card took the balance: recorded. */
        WRITTEN,
        /** The card did not: the payment is reversed now. */
        REVERSED,
        /** Recorded, nothing to reconcile (not a balance write, not an approved payment, or the card was written before). */
        NOTED,
        /** No such payment. */
        UNKNOWN
    }

    private final PaymentBook book;
    private final WritePath writes;
    private final PaymentReversals reversals;

    public CardWrites(PaymentBook book, WritePath writes, PaymentReversals reversals) {
        this.book = book;
        this.writes = writes;
        this.reversals = reversals;
    }

    /** The universal card a payment was made with, or null when the payment is unknown (or made with no such card). */
    public String cardUidOf(String paymentId) {
        return book.byId(paymentId).map(p -> (String) p.get("card_uid")).orElse(null);
    }

    /** @param sw the card's status word (hex) or null when no command reached the card; {@code detail} the reader's words */
    public Result report(String paymentId, String kind, boolean ok, String sw, String detail) {
        Optional<Map<String, Object>> found = book.byId(paymentId);
        if (found.isEmpty()) {
            return Result.UNKNOWN;
        }
        Map<String, Object> payment = found.get();
        PaymentStatus status = PaymentBook.status(payment);
        if (!"BALANCE".equals(kind)) {
            return Result.NOTED; // the card holds only a balance: other writes change nothing the ledger knows
        }
        if (ok) {
            writes.execute(batch -> {
                book.cardWritten(batch, paymentId);
                return null;
            });
            if (status != PaymentStatus.APPROVED) {
                LOG.warn("payment {} is {} but the card took its balance: the card is ahead of the account until its next approved"
                        + " payment writes the account's balance", paymentId, status);
                return Result.NOTED;
            }
            return Result.WRITTEN;
        }
        boolean news = writes.execute(batch -> book.cardWriteFailed(batch, paymentId));
        if (!news || status != PaymentStatus.APPROVED) {
            return Result.NOTED;
        }
        Reason why = new Reason(ReasonCode.CARD_WRITE_FAILED.name(), "the card did not take the new balance ("
                + (sw == null ? "no command reached the card" : "status " + sw) + (detail == null ? "" : ": " + detail)
                + "); the payment is reversed so the card's balance and the account agree");
        PaymentReversals.Reversal reversal = reversals.reverse((String) payment.get("idempotency_key"), why);
        LOG.warn("payment {}: the card did not take the new balance (sw {}); {}", paymentId, sw == null ? "-" : sw, reversal.result());
        return reversal.result() == PaymentReversals.Result.REVERSED ? Result.REVERSED : Result.NOTED;
    }
}
