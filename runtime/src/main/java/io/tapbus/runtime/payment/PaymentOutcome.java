package io.tapbus.runtime.payment;

import io.tapbus.rules.Reason;
import java.util.List;

/**
 * What a payment request gets back. {@code arpc} and {@code csu} (hex) go to the card (EXTERNAL AUTHENTICATE);
 * {@code balanceMinor} is the stored value after the payment, to be written to the card; {@code discountMinor} the
 * loyalty discount the rules gave (the card is charged the amount minus it).
 */
public record PaymentOutcome(String paymentId, PaymentStatus status, List<Reason> reasons, String decisionId, String arpc, String csu,
                             Long balanceMinor, String bankResponseCode, long discountMinor) {

    public boolean approved() {
        return status == PaymentStatus.APPROVED;
    }
}
