package io.tapbus.connector.reader;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of a CARD_WRITE_ACK (docs/reader-protocol.md §12.3): {@code {"transactionId":"T-2","recorded":true}}.
 * {@code recorded} is false when the server knows no such transaction; the reader need not send the result again.
 */
public record CardWriteAck(String transactionId, boolean recorded) {

    public byte[] toJson() {
        return Json.write(this);
    }

    /** Parses a CARD_WRITE_ACK body (what a reader does with the reply); problems become BAD_BODY. */
    public static CardWriteAck parse(byte[] body) throws FrameException {
        try {
            JsonNode node = Json.object(body);
            Boolean recorded = Json.bool(node, "recorded");
            if (recorded == null) {
                throw new IllegalArgumentException("recorded is required");
            }
            return new CardWriteAck(Json.requiredText(node, "transactionId"), recorded);
        } catch (IllegalArgumentException e) {
            throw new FrameException(ErrorCode.BAD_BODY, e.getMessage());
        }
    }
}
