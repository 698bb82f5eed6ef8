package io.tapbus.runtime.payment;

import io.tapbus.rules.Reason;
import java.util.List;

/**
 * What a payment request gets back. {@code status}: APPROVED, DECLINED, STEP_UP (the card holder must confirm on
 * the phone; ask again with the same idempotency key for the final answer), PENDING_BANK, REVERSED or EXPIRED.
 * {@code arpc} and {@code csu} (hex) go to the card (EXTERNAL AUTHENTICATE); {@code balanceMinor} is the stored
 * value after the payment, to be written to the card; {@code discountMinor} the loyalty discount the rules gave (the card
 * is charged the amount minus it).
 */
public record PaymentOutcome(String paymentId, String status, List<Reason> reasons, String decisionId, String arpc, String csu,
                             Long balanceMinor, String bankResponseCode, long discountMinor) {

    public boolean approved() {
        return "APPROVED".equals(status);
    }
}
