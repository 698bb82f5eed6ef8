package io.tapbus.runtime.payment;

import io.tapbus.connector.common.Masking;

/**
 * One payment request, whatever the channel.
 *
 * @param channel        READER, POS or PHONE
 * @param idempotencyKey the same key always gets the same answer and posts once
 * @param pan            the card's PAN (card present) or null (phone payments name the card holder by MSISDN)
 * @param atc            the card's application transaction counter, with {@code arqc} and {@code arqcInput}
 * @param arqcInput      the exact data the card MACed (CDOL1 data || AIP || ATC || IAD)
 * @param offline        a reader that approved offline uploads the payment now
 */
public record PaymentCommand(String channel, String idempotencyKey, String merchantId, String readerId, String merchantCategory,
                             String pan, String psn, Integer atc, byte[] arqc, byte[] arqcInput, String msisdn, long amountMinor,
                             String currency, boolean offline) {

    /** Without the PAN: commands end up in logs. */
    @Override
    public String toString() {
        return "PaymentCommand[" + channel + " merchant=" + merchantId + " reader=" + readerId + " card="
                + (pan == null ? "-" : Masking.pan(pan)) + " atc=" + atc + " amount=" + amountMinor + " " + currency
                + (offline ? " offline" : "") + "]";
    }
}
