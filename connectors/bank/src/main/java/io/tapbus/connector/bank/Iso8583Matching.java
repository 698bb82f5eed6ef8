package io.tapbus.connector.bank;

import java.util.Optional;

/**
 * Pairs requests with responses and reversals with what they reverse. The STAN (field 11) is unique only per
 * terminal, so the STAN key includes the terminal id (field 41) when the message has one; the RRN (field 37) is
 * unique per acquirer and stands alone.
 */
public final class Iso8583Matching {

    public static final int STAN = 11;
    public static final int RRN = 37;
    public static final int TERMINAL_ID = 41;
    public static final int ORIGINAL_DATA = 90;

    private Iso8583Matching() {
    }

    /**
     * The MTI that answers a request or an advice, repeats included: 0100 to 0110, 0200 to 0210, 0400 and 0401 to
     * 0410, 0800 to 0810. Empty for a response (third digit odd) or a notification.
     */
    public static Optional<String> responseMti(String mti) {
        if (mti == null || !mti.matches("\\d{4}")) {
            return Optional.empty();
        }
        int function = mti.charAt(2) - '0';
        if (function != 0 && function != 2) {
            return Optional.empty();
        }
        return Optional.of(mti.substring(0, 2) + (function + 1) + "0");
    }

    public static boolean isRequest(String mti) {
        return responseMti(mti).isPresent();
    }

    /** {@code stan=000123;terminal=T0000001} (terminal left out when field 41 is absent); empty without field 11. */
    public static Optional<String> stanKey(Iso8583Message message) {
        return key(message.field(STAN), message.field(TERMINAL_ID));
    }

    /** {@code rrn=000000123456}; empty without field 37. */
    public static Optional<String> rrnKey(Iso8583Message message) {
        return Optional.ofNullable(message.field(RRN)).map(rrn -> "rrn=" + rrn);
    }

    /**
     * The STAN key of the message a reversal reverses: from the original STAN in field 90 (digits 5-10, after the
     * original MTI) when present, else from the reversal's own field 11, which many acquirers repeat.
     */
    public static Optional<String> originalStanKey(Iso8583Message reversal) {
        String original = reversal.field(ORIGINAL_DATA);
        String stan = original != null && original.length() >= 10 ? original.substring(4, 10) : reversal.field(STAN);
        return key(stan, reversal.field(TERMINAL_ID));
    }

    /** Whether {@code response} answers {@code request}: the matching MTI and the same STAN key. */
    public static boolean answers(Iso8583Message response, Iso8583Message request) {
        return responseMti(request.mti()).map(response.mti()::equals).orElse(false)
                && stanKey(request).isPresent() && stanKey(request).equals(stanKey(response));
    }

    private static Optional<String> key(String stan, String terminal) {
        if (stan == null) {
            return Optional.empty();
        }
        return Optional.of("stan=" + stan + (terminal == null ? "" : ";terminal=" + terminal));
    }
}
