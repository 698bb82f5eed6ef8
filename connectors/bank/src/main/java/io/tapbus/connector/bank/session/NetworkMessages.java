package io.tapbus.connector.bank.session;

import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.bank.ResponseCodes;
import java.time.Instant;
import java.util.TreeMap;

/** Network management (0800/0810): sign-on and echo test, ours and the bank's. */
public final class NetworkMessages {

    /** Field 70: sign-on. */
    public static final String SIGN_ON = "001";
    /** Field 70: echo test. */
    public static final String ECHO = "301";

    private static final int[] ECHOED_FIELDS = {7, 11, 70};

    private NetworkMessages() {
    }

    /** A network management request: transmission time, STAN and the code; no terminal. */
    public static Iso8583Message request(String code, String stan, Instant at) {
        TreeMap<Integer, String> f = new TreeMap<>();
        f.put(7, TimeFields.transmissionTime(at));
        f.put(11, stan);
        f.put(70, code);
        return Iso8583Message.of("0800", f);
    }

    /** The approving 0810 to the bank's own 0800: its transmission time, STAN and code back, field 39 {@code 00}. */
    public static Iso8583Message approve(Iso8583Message request) {
        Iso8583Message answer = Iso8583Message.of("0810");
        for (int field : ECHOED_FIELDS) {
            if (request.has(field)) {
                answer = answer.with(field, request.field(field));
            }
        }
        return answer.with(39, ResponseCodes.APPROVED);
    }
}
