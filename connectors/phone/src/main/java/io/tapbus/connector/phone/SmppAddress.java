package io.tapbus.connector.phone;

import io.tapbus.connector.phone.PhoneCodecException.Problem;

/**
 * An SMPP address: type of number (TON), numbering plan (NPI) and the address text (SMPP 3.4 §5.2.5, §5.2.6).
 */
public record SmppAddress(int ton, int npi, String address) {

    public static final int TON_UNKNOWN = 0x00;
    public static final int TON_INTERNATIONAL = 0x01;
    public static final int TON_NETWORK_SPECIFIC = 0x03;
    public static final int TON_ALPHANUMERIC = 0x05;
    public static final int NPI_UNKNOWN = 0x00;
    public static final int NPI_ISDN = 0x01;

    /** Longest address a submit_sm or deliver_sm carries: 20 characters and the terminating NUL. */
    public static final int MAX_ADDRESS = 20;

    /**
     * A phone number in E.164 form: an optional '+', then 7 to 15 digits with no leading zero (ITU-T E.164 §6: a
     * country code and a national number, 15 digits at most). It becomes TON international, NPI ISDN, digits only.
     */
    public static SmppAddress msisdn(String text) {
        String digits = text == null ? "" : text.strip();
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        if (!digits.matches("[0-9]{7,15}") || digits.charAt(0) == '0') {
            throw new PhoneCodecException(Problem.BAD_ADDRESS, "'" + text + "' is not an E.164 number: expected an"
                    + " optional + and 7 to 15 digits starting with the country code (not 0), such as +8613800138000");
        }
        return new SmppAddress(TON_INTERNATIONAL, NPI_ISDN, digits);
    }

    /**
     * The sender of outgoing messages: '+' and digits is an international number; digits alone a short code (TON
     * network specific, NPI unknown, as operators in China and elsewhere provision them); anything else an
     * alphanumeric sender of at most 11 characters (TON alphanumeric, TS 23.040 §9.1.2.5).
     */
    public static SmppAddress source(String text) {
        String s = text == null ? "" : text.strip();
        if (s.startsWith("+")) {
            return msisdn(s);
        }
        if (s.matches("[0-9]{1,20}")) {
            return new SmppAddress(TON_NETWORK_SPECIFIC, NPI_UNKNOWN, s);
        }
        if (s.isEmpty() || s.length() > 11 || !s.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw new PhoneCodecException(Problem.BAD_ADDRESS, "the sender '" + text + "' is neither a number nor"
                    + " an alphanumeric name of 1 to 11 printable ASCII characters");
        }
        return new SmppAddress(TON_ALPHANUMERIC, NPI_UNKNOWN, s);
    }
}
