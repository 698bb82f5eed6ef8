package io.tapbus.runtime.payment;

import io.tapbus.runtime.write.Batch;

/**
 * The redemption of a basket a card authorised in full (reader, chained POS): the offers to redeem, the discount the
 * payment takes off the authorised total, and whether an offer taken meanwhile sends the payment back, unrecorded, to
 * be priced again ({@link CardBasketPayments}) rather than declining it.
 */
public record CardRedemption(Redemption offers, long discountMinor, boolean pricedAgainWhenTaken) implements Redemption {

    @Override
    public void redeem(Batch batch, String paymentId) {
        offers.redeem(batch, paymentId);
    }

    /** The same offers and discount, declined OFFER_UNAVAILABLE when an offer was taken (the last try). */
    public CardRedemption lastTry() {
        return new CardRedemption(offers, discountMinor, false);
    }
}
