package io.tapbus.runtime.payment;

import java.util.function.Consumer;

/**
 * The operator that charges phone payments to the phone bill (CAMARA Carrier Billing). Every call names the payment by
 * its TapBus payment id, which the operator gets as {@code clientCorrelator}: asking again for the same payment never
 * charges the line twice.
 */
public interface CarrierBiller {

    /** What to charge: the paying line (E.164), the amount charged (after any discount), the merchant. */
    record CarrierCharge(String paymentId, String msisdn, long amountMinor, String currency, String merchantId) {
        @Override
        public String toString() {
            return "CarrierCharge[" + paymentId + " " + io.tapbus.connector.common.Masking.msisdn(msisdn) + " " + amountMinor + " "
                    + currency + "]";
        }
    }

    /** CHARGED: on the bill; NOT_CHARGED: refused, denied or cancelled, nothing charged; UNKNOWN: no answer, ask again later. */
    enum Result { CHARGED, NOT_CHARGED, UNKNOWN }

    /** The operator's answer: its payment id when it gave one, and what it said (a status or an error code) for the reasons. */
    record CarrierAnswer(Result result, String carrierPaymentId, String detail) {}

    /**
     * Charges the line: the amount reserved (prepare), then confirmed and read back. {@code known} gets the operator's payment
     * id as soon as the operator gives one, before it is charged. A refused confirmation cancels the reservation.
     */
    CarrierAnswer charge(CarrierCharge charge, Consumer<String> known);

    /**
     * Where a payment left without an answer stands (after a timeout or a crash): read back by the operator's id, or, when it
     * is not known, by asking prepare again with the same clientCorrelator (which returns what the first request made). Charged
     * stays charged; a reservation is cancelled; nothing there is NOT_CHARGED.
     */
    CarrierAnswer resolve(CarrierCharge charge, String carrierPaymentId);
}
