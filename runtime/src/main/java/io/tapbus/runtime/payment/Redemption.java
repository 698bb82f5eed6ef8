package io.tapbus.runtime.payment;

import io.tapbus.runtime.domain.ConcurrentChange;
import io.tapbus.runtime.write.Batch;

/**
 * What a priced basket redeems when its payment is approved (coupons, campaign budgets, per-person counts), recorded in
 * the payment's own write unit (docs/pricing.md). It checks against the writer's state: an offer that another payment
 * took meanwhile (the campaign's last unit, a coupon redeemed twice) throws {@link OfferUnavailable}, and the payment is
 * declined with OFFER_UNAVAILABLE, nothing redeemed; or, for a card basket ({@link #pricedAgainWhenTaken()}), nothing is
 * recorded and the channel prices the basket again without that offer.
 */
@FunctionalInterface
public interface Redemption {
    void redeem(Batch batch, String paymentId);

    /**
     * What the offers take off an amount the card authorised in full (a basket at the reader or a chained POS: the card
     * MACed the basket's total, the payment charges the total minus this); 0 when the command's amount is already the
     * payable one (phone payments).
     */
    default long discountMinor() {
        return 0;
    }

    /**
     * True when an offer taken meanwhile should not decline the payment but send it back, unrecorded, to be priced again
     * (a card basket at the reader or a chained POS: the card authorised the total, so it pays it without the offer,
     * {@link CardBasketPayments}); false (phone payments) declines it with OFFER_UNAVAILABLE.
     */
    default boolean pricedAgainWhenTaken() {
        return false;
    }

    /** An offer the basket was priced with is no longer available to this payment. */
    final class OfferUnavailable extends ConcurrentChange {
        public OfferUnavailable(String message) {
            super(message);
        }
    }
}
