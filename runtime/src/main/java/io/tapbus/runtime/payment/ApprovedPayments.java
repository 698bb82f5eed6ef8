package io.tapbus.runtime.payment;

import io.tapbus.runtime.write.Batch;

/**
 * Told of every approved payment inside its write unit (membership points earned at the merchant's programme). A
 * listener must not throw for business reasons: a failure fails the payment's unit.
 */
@FunctionalInterface
public interface ApprovedPayments {
    ApprovedPayments NONE = (batch, cardUid, merchantId, chargedMinor, currency, paymentId) -> { };

    /** @param cardUid the universal card that paid, or null when the payment was not by a universal card */
    void approved(Batch batch, String cardUid, String merchantId, long chargedMinor, String currency, String paymentId);
}
