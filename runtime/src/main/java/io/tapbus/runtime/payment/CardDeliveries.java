package io.tapbus.runtime.payment;

import io.tapbus.connector.reader.CardWrite;
import java.util.List;

/**
 * What else an approved reader payment carries to the universal card besides its balance (docs/reader-protocol.md
 * §12.2 {@code cardWrites}): tickets issued to the card, for example. The payment flow asks for them when it answers a
 * PAYMENT_REQUEST and hands back each CARD_WRITE_RESULT of their kind.
 */
public interface CardDeliveries {
    /** The writes waiting for the card (at most {@code max}); empty when none. */
    List<CardWrite> pending(String cardUid, int max);

    /** Whether this kind of write is delivered here. */
    boolean delivers(CardWrite.Kind kind);

    /**
     * The card's answer to one delivered write, in the payment {@code paymentId} of card {@code cardUid}. A write the card
     * took is recorded once; a failed one stays pending for the next payment. Returns what happened, for the audit.
     */
    String report(String paymentId, String cardUid, CardWrite.Kind kind, String id, boolean ok);
}
