package io.tapbus.runtime.pricing;

import io.tapbus.rules.pricing.PersonCoupon;
import java.time.Instant;

/**
 * A coupon: a code for one person and one campaign, its state (ISSUED, CLAIMED, REDEEMED, REVOKED; shown EXPIRED once
 * past {@code validUntil} unless redeemed or revoked), how it was issued and the payment that redeemed it.
 */
public record Coupon(String code, String campaignId, String personId, String state, String issuedVia, Instant validUntil,
                     String paymentId, Instant issuedAt, Instant changedAt) {
    /** The state as people see it: EXPIRED after the date. */
    public String shownState(Instant now) {
        boolean open = state.equals("ISSUED") || state.equals("CLAIMED");
        return open && validUntil != null && !now.isBefore(validUntil) ? "EXPIRED" : state;
    }

    boolean usable(Instant now) {
        String s = shownState(now);
        return s.equals("ISSUED") || s.equals("CLAIMED");
    }

    Coupon moved(String newState, String payment, Instant at) {
        return new Coupon(code, campaignId, personId, newState, issuedVia, validUntil, payment, issuedAt, at);
    }

    PersonCoupon fact(Instant now) {
        return new PersonCoupon(code, campaignId, shownState(now), validUntil);
    }
}
