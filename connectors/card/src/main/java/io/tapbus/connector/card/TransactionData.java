package io.tapbus.connector.card;

import io.tapbus.connector.common.Hex;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The terminal's part of the cryptogram input, in TapBus's CDOL1 order: amount authorised (9F02, n12), amount other
 * (9F03, n12), terminal country code (9F1A, n3), TVR (95, 5 bytes), transaction currency code (5F2A, n3), transaction
 * date (9A, YYMMDD), transaction type (9C, n2) and unpredictable number (9F37, 4 bytes): 29 bytes in all, as
 * {@link Dol#TAPBUS_CDOL1} lists them.
 */
public record TransactionData(long amountAuthorised, long amountOther, int terminalCountry, byte[] tvr, int currency,
        LocalDate date, int type, byte[] unpredictableNumber) {

    public static final int CDOL1_LENGTH = Dol.TAPBUS_CDOL1.length();
    /** Offset of the unpredictable number (9F37) in the CDOL1 data. */
    public static final int UN_OFFSET = Dol.TAPBUS_CDOL1.offset(0x9F37);

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
        Map<Integer, byte[]> values = new HashMap<>();
        values.put(0x9F02, Hex.parse(bcd(amountAuthorised, 12)));
        values.put(0x9F03, Hex.parse(bcd(amountOther, 12)));
        values.put(0x9F1A, Hex.parse(bcd(terminalCountry, 4)));
        values.put(0x95, tvr);
        values.put(0x5F2A, Hex.parse(bcd(currency, 4)));
        values.put(0x9A, Hex.parse(bcd(date.getYear() % 100, 2) + bcd(date.getMonthValue(), 2)
                + bcd(date.getDayOfMonth(), 2)));
        values.put(0x9C, Hex.parse(bcd(type, 2)));
        values.put(0x9F37, unpredictableNumber);
        return Dol.TAPBUS_CDOL1.join(values);
    }

    /**
     * Reads the terminal data out of TapBus CDOL1 data.
     *
     * @throws IllegalArgumentException naming the data element when the data is not 29 bytes, a number is not BCD,
     *                                  a country or currency code not n3, or the date not a date
     */
    public static TransactionData fromCdol1(byte[] cdol1) {
        Map<Integer, byte[]> values = Dol.TAPBUS_CDOL1.split(cdol1);
        long amount = Long.parseLong(digits(values, 0x9F02));
        long other = Long.parseLong(digits(values, 0x9F03));
        int country = n3(values, 0x9F1A);
        int currency = n3(values, 0x5F2A);
        String date = digits(values, 0x9A);
        int type = Integer.parseInt(digits(values, 0x9C));
        LocalDate day;
        try {
            day = LocalDate.of(2000 + Integer.parseInt(date.substring(0, 2)), Integer.parseInt(date.substring(2, 4)),
                    Integer.parseInt(date.substring(4, 6)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(label(0x9A) + " is not a date YYMMDD");
        }
        return new TransactionData(amount, other, country, values.get(0x95), currency, day, type,
                values.get(0x9F37));
    }

    private static String digits(Map<Integer, byte[]> values, int tag) {
        String digits = Hex.of(values.get(tag));
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) > '9') {
                throw new IllegalArgumentException(label(tag) + " is not BCD");
            }
        }
        return digits;
    }

    /** A 3-digit code in 2 bytes of BCD: the first digit is a 0. */
    private static int n3(Map<Integer, byte[]> values, int tag) {
        String digits = digits(values, tag);
        if (digits.charAt(0) != '0') {
            throw new IllegalArgumentException(label(tag) + " is not n3 (a leading 0 digit)");
        }
        return Integer.parseInt(digits);
    }

    private static String label(int tag) {
        return Dol.TAPBUS_CDOL1.element(tag).name() + " (" + BerTlv.name(tag) + ")";
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
