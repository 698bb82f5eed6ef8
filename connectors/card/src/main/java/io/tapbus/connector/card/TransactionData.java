package io.tapbus.connector.card;

import io.tapbus.connector.common.Hex;
import java.time.LocalDate;

/**
 * The terminal's part of the cryptogram input, in TapBus's CDOL1 order: amount authorised (9F02, n12), amount other
 * (9F03, n12), terminal country code (9F1A, n3), TVR (95, 5 bytes), transaction currency code (5F2A, n3), transaction
 * date (9A, YYMMDD), transaction type (9C, n2) and unpredictable number (9F37, 4 bytes): 29 bytes in all.
 */
public record TransactionData(long amountAuthorised, long amountOther, int terminalCountry, byte[] tvr, int currency,
        LocalDate date, int type, byte[] unpredictableNumber) {

    public static final int CDOL1_LENGTH = 29;
    /** Offset of the unpredictable number (9F37) in the CDOL1 data. */
    public static final int UN_OFFSET = 25;

    public TransactionData {
        checkDigits(amountAuthorised, 12, "amount authorised");
        checkDigits(amountOther, 12, "amount other");
        checkDigits(terminalCountry, 3, "terminal country code");
        checkDigits(currency, 3, "currency code");
        checkDigits(type, 2, "transaction type");
        if (tvr.length != 5) {
            throw new IllegalArgumentException("the TVR is 5 bytes");
        }
        if (unpredictableNumber.length != 4) {
            throw new IllegalArgumentException("the unpredictable number is 4 bytes");
        }
        if (date.getYear() < 2000 || date.getYear() > 2099) {
            throw new IllegalArgumentException("the transaction date must be in 2000-2099");
        }
        tvr = tvr.clone();
        unpredictableNumber = unpredictableNumber.clone();
    }

    /** A purchase (type 00) with no other amount and a clean TVR. */
    public static TransactionData purchase(long amountMinor, int currency, int terminalCountry, LocalDate date,
            byte[] unpredictableNumber) {
        return new TransactionData(amountMinor, 0, terminalCountry, new byte[5], currency, date, 0,
                unpredictableNumber);
    }

    /** The 29 bytes sent in GENERATE AC and MACed by the card. */
    public byte[] cdol1() {
        String digits = bcd(amountAuthorised, 12) + bcd(amountOther, 12) + bcd(terminalCountry, 4) + Hex.of(tvr)
                + bcd(currency, 4) + bcd(date.getYear() % 100, 2) + bcd(date.getMonthValue(), 2)
                + bcd(date.getDayOfMonth(), 2) + bcd(type, 2) + Hex.of(unpredictableNumber);
        return Hex.parse(digits);
    }

    @Override
    public byte[] tvr() {
        return tvr.clone();
    }

    @Override
    public byte[] unpredictableNumber() {
        return unpredictableNumber.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransactionData that && java.util.Arrays.equals(cdol1(), that.cdol1());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(cdol1());
    }

    @Override
    public String toString() {
        return "TransactionData[amount=" + amountAuthorised + ", other=" + amountOther + ", currency=" + currency
                + ", country=" + terminalCountry + ", date=" + date + ", type=" + type + ", tvr=" + Hex.of(tvr)
                + ", un=" + Hex.of(unpredictableNumber) + "]";
    }

    private static String bcd(long value, int digits) {
        String text = Long.toString(value);
        return "0".repeat(digits - text.length()) + text;
    }

    private static void checkDigits(long value, int digits, String what) {
        if (value < 0 || Long.toString(value).length() > digits) {
            throw new IllegalArgumentException("the " + what + " is 0 to " + digits + " digits");
        }
    }
}
