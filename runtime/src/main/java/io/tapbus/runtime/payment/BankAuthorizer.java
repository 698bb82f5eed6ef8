package io.tapbus.runtime.payment;

import io.tapbus.connector.common.Masking;

/**
 * The bank behind bank-funded cards (an ISO 8583 link to the acquirer). {@link #authorize} answers or says why it
 * could not: a request that was sent and not answered in time is reversed by the implementation, never left open.
 */
public interface BankAuthorizer {

    record BankCall(String paymentId, String pan, String psn, long amountMinor, String currency, String merchantId, String terminalId,
                    String iccDataHex) {
        @Override
        public String toString() {
            return "BankCall[" + paymentId + " " + Masking.pan(pan) + " " + amountMinor + " " + currency + "]";
        }
    }

    /** APPROVED, DECLINED (with the bank's response code), TIMED_OUT (sent, reversal queued) or UNAVAILABLE (not sent). */
    record BankAnswer(String outcome, String responseCode, String authCode) {
        public boolean approved() {
            return "APPROVED".equals(outcome);
        }
    }

    BankAnswer authorize(BankCall call);

    /** Makes sure a payment sent earlier is reversed at the bank (after a crash left it without an answer). */
    void reverse(String paymentId);
}
