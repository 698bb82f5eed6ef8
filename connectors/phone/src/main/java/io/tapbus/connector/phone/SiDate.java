package io.tapbus.connector.phone;

import io.tapbus.connector.phone.PhoneCodecException.Problem;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * The date of the SI attributes created and si-expires in WBXML (WAP-167 §8.2.2): the 14 digits of
 * "YYYY-MM-DDThh:mm:ssZ" (UTC) as 7 octets of two decimal digits each, trailing zero octets left out, carried as
 * OPAQUE data.
 */
public final class SiDate {

    private SiDate() {
    }

    public static byte[] encode(String date) {
        String d = date.strip();
        if (!d.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")) {
            throw new PhoneCodecException(Problem.XML_INVALID, "the date '" + date
                    + "' is not in the form YYYY-MM-DDThh:mm:ssZ (UTC) that WAP-167 requires");
        }
        try {
            LocalDateTime.parse(d.substring(0, 19));
        } catch (DateTimeParseException e) {
            throw new PhoneCodecException(Problem.XML_INVALID, "the date '" + date + "' is not a valid date and time");
        }
        String digits = d.replaceAll("[^0-9]", "");
        byte[] octets = new byte[7];
        for (int i = 0; i < 7; i++) {
            octets[i] = (byte) (((digits.charAt(2 * i) - '0') << 4) | (digits.charAt(2 * i + 1) - '0'));
        }
        int length = 7;
        while (length > 0 && octets[length - 1] == 0) {
            length--;
        }
        return java.util.Arrays.copyOf(octets, length);
    }

    public static String decode(byte[] opaque) {
        if (opaque.length == 0 || opaque.length > 7) {
            throw new PhoneCodecException(Problem.WBXML_MALFORMED, "a date is 1 to 7 octets, got " + opaque.length);
        }
        StringBuilder digits = new StringBuilder(14);
        for (byte b : opaque) {
            int high = (b >> 4) & 0x0F;
            int low = b & 0x0F;
            if (high > 9 || low > 9) {
                throw new PhoneCodecException(Problem.WBXML_MALFORMED, "a date octet is not two decimal digits");
            }
            digits.append(high).append(low);
        }
        while (digits.length() < 14) {
            digits.append('0');
        }
        String s = digits.toString();
        return s.substring(0, 4) + "-" + s.substring(4, 6) + "-" + s.substring(6, 8) + "T" + s.substring(8, 10) + ":"
                + s.substring(10, 12) + ":" + s.substring(12, 14) + "Z";
    }
}
