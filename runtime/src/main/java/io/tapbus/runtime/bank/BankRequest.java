package io.tapbus.runtime.bank;

import io.tapbus.connector.common.Masking;
import java.util.Objects;

/**
 * What the payment flow asks the bank. {@link #toString()} masks the PAN and leaves out the expiry and the ICC data.
 *
 * @param paymentId         our idempotency id: a second call with the same id and kind gets the recorded answer
 * @param pan               primary account number, 12 to 19 digits (field 2)
 * @param panSequenceNumber card sequence number, 1 to 3 digits, or null (field 23)
 * @param expiry            YYMM, or null (field 14)
 * @param amountMinor       minor units (fen for CNY), field 4
 * @param currency          ISO 4217 numeric, e.g. 156 for CNY (field 49)
 * @param merchantId        card acceptor id, up to 15 characters (field 42)
 * @param terminalId        the terminal; with {@code tapbus.bank.terminal-id-prefix} at most 8 characters (field 41)
 * @param iccData           EMV data (ARQC, ATC, ... as TLV), upper-case hex, or null (field 55)
 */
public record BankRequest(Kind kind, String paymentId, String pan, String panSequenceNumber, String expiry,
                          long amountMinor, String currency, String merchantId, String terminalId, String iccData) {

    /** The message a request becomes: its MTI and processing code (field 3). */
    public enum Kind {
        AUTHORIZATION("0100", "000000", true),
        FINANCIAL("0200", "000000", true),
        BALANCE_INQUIRY("0100", "310000", false);

        private final String mti;
        private final String processingCode;
        private final boolean movesMoney;

        Kind(String mti, String processingCode, boolean movesMoney) {
            this.mti = mti;
            this.processingCode = processingCode;
            this.movesMoney = movesMoney;
        }

        public String mti() {
            return mti;
        }

        public String processingCode() {
            return processingCode;
        }

        /** Whether an unanswered request must be reversed (a balance inquiry moves nothing). */
        public boolean movesMoney() {
            return movesMoney;
        }
    }

    public BankRequest {
        Objects.requireNonNull(kind, "kind");
        require(paymentId != null && !paymentId.isBlank() && paymentId.length() <= 64, "paymentId: 1-64 characters");
        require(pan != null && pan.matches("\\d{12,19}"), "pan: 12 to 19 digits");
        require(panSequenceNumber == null || panSequenceNumber.matches("\\d{1,3}"), "panSequenceNumber: 1 to 3 digits");
        require(expiry == null || expiry.matches("\\d{2}(0[1-9]|1[0-2])"), "expiry: YYMM");
        require(amountMinor >= 0 && amountMinor <= 999_999_999_999L, "amountMinor: 0 to 12 digits");
        require(currency != null && currency.matches("\\d{3}"), "currency: 3 digits (ISO 4217 numeric)");
        require(merchantId != null && !merchantId.isBlank() && merchantId.length() <= 15, "merchantId: 1-15 characters");
        require(terminalId != null && !terminalId.isBlank() && terminalId.length() <= 8, "terminalId: 1-8 characters");
        require(iccData == null || (iccData.matches("([0-9A-F]{2}){1,255}")), "iccData: upper-case hex, 1-255 bytes");
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("bank request " + what);
        }
    }

    @Override
    public String toString() {
        return "BankRequest[kind=" + kind + ", paymentId=" + paymentId + ", pan=" + Masking.pan(pan)
                + ", amountMinor=" + amountMinor + ", currency=" + currency + ", merchantId=" + merchantId
                + ", terminalId=" + terminalId + "]";
    }
}
