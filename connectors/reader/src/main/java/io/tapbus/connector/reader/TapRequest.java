package io.tapbus.connector.reader;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The body of a TAP_REQUEST:
 * {@code {"cardUid":"04A1B2C3D4E5F6","amountMinor":1250,"currency":"CNY","readerTime":"2026-11-25T18:00:00Z","correlationId":"optional"}}.
 *
 * @param cardUid       the card UID as upper- or lower-case hex, 4, 7 or 10 bytes (ISO 14443)
 * @param amountMinor   the amount in minor units (fen for CNY), > 0
 * @param currency      ISO 4217 alphabetic code
 * @param readerTime    the reader's clock at the tap, ISO-8601 instant
 * @param correlationId optional, up to 64 characters, echoed in the response
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TapRequest(String cardUid, long amountMinor, String currency, String readerTime, String correlationId) {

    private static final Pattern CARD_UID = Pattern.compile("[0-9A-Fa-f]{8}|[0-9A-Fa-f]{14}|[0-9A-Fa-f]{20}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final int MAX_CORRELATION_ID = 64;

    public byte[] toJson() {
        return Json.write(this);
    }

    /** Parses and validates the body of an authenticated TAP_REQUEST frame; problems become BAD_BODY. */
    public static TapRequest parse(ReaderFrame frame) throws FrameException {
        try {
            return parse(frame.body());
        } catch (IllegalArgumentException e) {
            throw new FrameException(ErrorCode.BAD_BODY, e.getMessage(), frame.readerId(), frame.sequence());
        }
    }

    /** Unknown fields are ignored, so later minor revisions of v1 can add fields. */
    static TapRequest parse(byte[] body) {
        JsonNode node = Json.object(body);
        String cardUid = Json.requiredText(node, "cardUid");
        if (!CARD_UID.matcher(cardUid).matches()) {
            throw new IllegalArgumentException("cardUid must be 8, 14 or 20 hex digits");
        }
        Long amount = Json.integer(node, "amountMinor");
        if (amount == null || amount <= 0) {
            throw new IllegalArgumentException("amountMinor must be a positive integer");
        }
        String currency = Json.requiredText(node, "currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be a 3-letter ISO 4217 code");
        }
        String readerTime = Json.requiredText(node, "readerTime");
        try {
            Instant.parse(readerTime);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("readerTime must be an ISO-8601 instant such as 2026-11-25T18:00:00Z");
        }
        String correlationId = Json.text(node, "correlationId");
        if (correlationId != null && correlationId.length() > MAX_CORRELATION_ID) {
            throw new IllegalArgumentException("correlationId is longer than " + MAX_CORRELATION_ID + " characters");
        }
        return new TapRequest(cardUid.toUpperCase(Locale.ROOT), amount, currency, readerTime, correlationId);
    }

    /** Leaves out most of the card UID: card identifiers must not reach logs. */
    @Override
    public String toString() {
        String tail = cardUid == null || cardUid.length() < 4 ? "" : cardUid.substring(cardUid.length() - 4);
        return "TapRequest[card=..." + tail + " amountMinor=" + amountMinor + " " + currency
                + " readerTime=" + readerTime + " correlationId=" + correlationId + "]";
    }
}
