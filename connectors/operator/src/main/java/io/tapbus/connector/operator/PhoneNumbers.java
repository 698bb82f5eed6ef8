package io.tapbus.connector.operator;

import java.util.regex.Pattern;

/** Phone numbers as CAMARA wants them (E.164 with a leading '+', the APIs' own pattern) and as logs may show them. */
public final class PhoneNumbers {
    /** CAMARA's PhoneNumber schema: {@code ^\+[1-9][0-9]{4,14}$}. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{4,14}");

    private PhoneNumbers() {}

    public static boolean isE164(String number) {
        return number != null && E164.matcher(number).matches();
    }

    /** The number itself when it is E.164; else an {@link IllegalArgumentException} that names it masked. */
    public static String requireE164(String number) {
        if (!isE164(number)) {
            throw new IllegalArgumentException("phone number " + mask(number) + " is not E.164 (+ country code and number, 5 to 15 digits)");
        }
        return number;
    }

    /** For logs: the country code part and the last two digits only, e.g. {@code +8613******01}. */
    public static String mask(String number) {
        if (number == null) {
            return "null";
        }
        if (number.length() <= 6) {
            return "*".repeat(number.length());
        }
        return number.substring(0, 4) + "*".repeat(number.length() - 6) + number.substring(number.length() - 2);
    }
}
