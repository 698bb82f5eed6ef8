package io.tapbus.runtime.checkout;

import java.time.Instant;

/**
 * One checkout payment as the writer holds it: who pays whom, and its amounts. Authorised money is held on the platform's
 * checkout hold account until it is captured (to the merchant) or released (back to the payer); refunds go from the
 * merchant back to the payer and never exceed what was captured.
 */
public record CheckoutPayment(String checkoutId, String merchantId, String orderId, String userId, String cardUid, String accountId,
                              String currency, long amountMinor, Status status, long authorizedMinor, long capturedMinor,
                              long refundedMinor, long releasedMinor, String basket, Instant createdAt, Instant expiresAt,
                              Instant updatedAt) {

    /** Where a checkout stands. */
    public enum Status {
        AWAITING_CONFIRMATION, DECLINED, EXPIRED, AUTHORIZED, PARTIALLY_CAPTURED, CAPTURED, CANCELED
    }

    /** What is still held for the merchant: authorised, neither captured nor released. */
    public long heldMinor() {
        return authorizedMinor - capturedMinor - releasedMinor;
    }

    /** What may still be refunded: captured, not yet refunded. */
    public long refundableMinor() {
        return capturedMinor - refundedMinor;
    }

    CheckoutPayment with(Status s, long authorized, long captured, long refunded, long released, Instant now) {
        return new CheckoutPayment(checkoutId, merchantId, orderId, userId, cardUid, accountId, currency, amountMinor, s, authorized,
                captured, refunded, released, basket, createdAt, expiresAt, now);
    }
}
