package io.tapbus.connector.bank;

import java.util.List;
import java.util.Optional;

/**
 * Answers a request that could not be decoded with response code 30, "format error", when enough of it was read:
 * its MTI must be a request MTI of the packager. The response echoes the matching fields (processing code, amount,
 * transmission time, STAN, local time and date, acquirer, RRN, terminal, merchant, currency, network code) that were
 * decoded before the failure. Without a readable request MTI there is nobody to answer: close the connection.
 */
public final class FormatErrorResponse {

    public static final String FORMAT_ERROR = ResponseCodes.FORMAT_ERROR;
    public static final int RESPONSE_CODE = 39;

    static final List<Integer> ECHOED = List.of(3, 4, 7, 11, 12, 13, 32, 37, 41, 42, 49, 70);

    private FormatErrorResponse() {
    }

    public static Optional<Iso8583Message> to(Iso8583Exception failure, Iso8583Packager packager) {
        Optional<Iso8583Message> partial = failure.partial();
        if (partial.isEmpty()) {
            return Optional.empty();
        }
        Iso8583Message request = partial.get();
        return Iso8583Matching.responseMti(request.mti())
                .filter(packager.messageTypes()::contains)
                .map(mti -> {
                    Iso8583Message response = Iso8583Message.of(mti);
                    for (int field : ECHOED) {
                        if (request.has(field)) {
                            response = response.with(field, request.field(field));
                        }
                    }
                    return response.with(RESPONSE_CODE, FORMAT_ERROR);
                });
    }
}
