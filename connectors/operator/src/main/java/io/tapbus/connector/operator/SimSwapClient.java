package io.tapbus.connector.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * CAMARA SIM Swap: has the SIM behind a phone number changed recently? Two-legged token, the number in the body.
 *
 * <pre>
 *   POST {root}/sim-swap/v1/check          {"phoneNumber": "+86...", "maxAge": 24}  ->  {"swapped": true}
 *   POST {root}/sim-swap/v1/retrieve-date  {"phoneNumber": "+86..."}                 ->  {"latestSimChange": "2026-...Z" | null,
 *                                                                                          "monitoredPeriod": 120}
 * </pre>
 */
public final class SimSwapClient {
    /** CAMARA's range for maxAge, hours. */
    public static final int MAX_AGE_MIN = 1;
    public static final int MAX_AGE_MAX = 2400;

    private final CamaraHttp http;

    public SimSwapClient(CamaraHttp http) {
        this.http = http;
    }

    /** True when the number's SIM changed within the last {@code maxAgeHours} hours (1..2400). */
    public boolean check(String phoneNumber, int maxAgeHours) {
        PhoneNumbers.requireE164(phoneNumber);
        if (maxAgeHours < MAX_AGE_MIN || maxAgeHours > MAX_AGE_MAX) {
            throw new IllegalArgumentException("maxAge must be 1 to 2400 hours, was " + maxAgeHours);
        }
        JsonNode answer = http.post(uri("/check"), Map.of("phoneNumber", phoneNumber, "maxAge", maxAgeHours));
        if (answer == null || !answer.path("swapped").isBoolean()) {
            throw new CamaraException.Unavailable(200, "BAD_ANSWER", "check answered without a boolean 'swapped'", null);
        }
        return answer.get("swapped").asBoolean();
    }

    /**
     * The latest SIM change of the number. {@code latestSimChange} is null when the operator may not say (its
     * monitored period, in days, then tells how far back there was none, when it gives one).
     */
    public SimSwapInfo retrieveDate(String phoneNumber) {
        PhoneNumbers.requireE164(phoneNumber);
        JsonNode answer = http.post(uri("/retrieve-date"), Map.of("phoneNumber", phoneNumber));
        if (answer == null || !answer.has("latestSimChange")) {
            throw new CamaraException.Unavailable(200, "BAD_ANSWER", "retrieve-date answered without 'latestSimChange'", null);
        }
        JsonNode date = answer.get("latestSimChange");
        Instant latest;
        try {
            latest = date.isNull() ? null : OffsetDateTime.parse(date.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new CamaraException.Unavailable(200, "BAD_ANSWER", "latestSimChange is not an RFC 3339 date-time with a zone", e);
        }
        Integer monitored = answer.path("monitoredPeriod").isInt() ? answer.get("monitoredPeriod").asInt() : null;
        return new SimSwapInfo(latest, monitored);
    }

    /** The answer of retrieve-date: the latest SIM change (null when not disclosed) and the monitored period in days (null when not given). */
    public record SimSwapInfo(Instant latestSimChange, Integer monitoredPeriodDays) {}

    private java.net.URI uri(String operation) {
        return http.settings().resolve(http.settings().simSwapPath(), operation);
    }
}
