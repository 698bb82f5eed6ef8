package io.tapbus.connector.reader;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The body of an ACCOUNT_QUERY (docs/reader-protocol.md §15): a card was tapped and its holder asks for the account,
 * {@code {"cardUid":"04A1B2C3D4E5F6","readerTime":"2026-11-25T18:00:00Z","correlationId":"bal-0001"}}.
 *
 * @param cardUid       the card UID as hex, 4, 7 or 10 bytes (ISO 14443)
 * @param readerTime    the reader's clock, ISO-8601 instant
 * @param correlationId optional, up to 64 characters, echoed in the answer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountQuery(String cardUid, String readerTime, String correlationId) {
    private static final Pattern CARD_UID = Pattern.compile("[0-9A-Fa-f]{8}|[0-9A-Fa-f]{14}|[0-9A-Fa-f]{20}");
    private static final int MAX_CORRELATION_ID = 64;

    public byte[] toJson() {
        return Json.write(this);
    }

    /** Parses and validates the body of an authenticated ACCOUNT_QUERY frame; problems become BAD_BODY. */
    public static AccountQuery parse(ReaderFrame frame) throws FrameException {
        try {
            return parse(frame.body());
        } catch (IllegalArgumentException e) {
            throw new FrameException(ErrorCode.BAD_BODY, e.getMessage(), frame.readerId(), frame.sequence());
        }
    }

    static AccountQuery parse(byte[] body) {
        JsonNode node = Json.object(body);
        String cardUid = Json.requiredText(node, "cardUid");
        if (!CARD_UID.matcher(cardUid).matches()) {
            throw new IllegalArgumentException("cardUid must be 8, 14 or 20 hex digits");
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
        return new AccountQuery(cardUid.toUpperCase(Locale.ROOT), readerTime, correlationId);
    }

    /** Leaves out most of the card UID: card identifiers must not reach logs. */
    @Override
    public String toString() {
        String tail = cardUid == null || cardUid.length() < 4 ? "" : cardUid.substring(cardUid.length() - 4);
        return "AccountQuery[card=..." + tail + " readerTime=" + readerTime + " correlationId=" + correlationId + "]";
    }
}
