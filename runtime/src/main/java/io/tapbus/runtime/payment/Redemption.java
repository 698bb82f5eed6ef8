package io.tapbus.runtime.payment;

import io.tapbus.runtime.domain.ConcurrentChange;
import io.tapbus.runtime.write.Batch;

/**
 * What a priced basket redeems when its payment is approved (coupons, campaign budgets, per-person counts), recorded in
 * the payment's own write unit (docs/pricing.md). It checks against the writer's state: an offer that another payment
 * took meanwhile (the campaign's last unit, a coupon redeemed twice) throws {@link OfferUnavailable}, and the payment is
 * declined with OFFER_UNAVAILABLE, nothing redeemed.
 */
@FunctionalInterface
public interface Redemption {
    void redeem(Batch batch, String paymentId);

    /** An offer the basket was priced with is no longer available to this payment. */
    final class OfferUnavailable extends ConcurrentChange {
        public OfferUnavailable(String message) {
            super(message);
        }
    }
}
