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
 * @param fundingSource  null (the card's own funding) or {@link #CARRIER_BILLING}: a phone payment charged to the paying
 *                       line's phone bill through the operator
 */
public record PaymentCommand(String channel, String idempotencyKey, String merchantId, String readerId, String merchantCategory,
                             String pan, String psn, Integer atc, byte[] arqc, byte[] arqcInput, String msisdn, long amountMinor,
                             String currency, boolean offline, String fundingSource) {
    /** A phone payment charged to the phone bill (CAMARA Carrier Billing). */
    public static final String CARRIER_BILLING = "CARRIER_BILLING";

    /** A payment funded as its card is (stored value or bank). */
    public PaymentCommand(String channel, String idempotencyKey, String merchantId, String readerId, String merchantCategory, String pan,
                          String psn, Integer atc, byte[] arqc, byte[] arqcInput, String msisdn, long amountMinor, String currency,
                          boolean offline) {
        this(channel, idempotencyKey, merchantId, readerId, merchantCategory, pan, psn, atc, arqc, arqcInput, msisdn, amountMinor, currency,
                offline, null);
    }

    public boolean carrierBilled() {
        return CARRIER_BILLING.equals(fundingSource);
    }

    /** Without the PAN: commands end up in logs. */
    @Override
    public String toString() {
        return "PaymentCommand[" + channel + " merchant=" + merchantId + " reader=" + readerId + " card="
                + (pan == null ? "-" : Masking.pan(pan)) + " atc=" + atc + " amount=" + amountMinor + " " + currency
                + (offline ? " offline" : "") + (carrierBilled() ? " carrier-billed" : "") + "]";
    }
}
