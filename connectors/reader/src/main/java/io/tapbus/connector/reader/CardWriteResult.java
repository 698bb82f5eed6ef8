package io.tapbus.connector.reader;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of a CARD_WRITE_RESULT (docs/reader-protocol.md §12.3): how one of a PAYMENT_RESPONSE's
 * {@code cardWrites} went on the card. One frame per write. Null fields are left out.
 *
 * @param transactionId the PAYMENT_RESPONSE's transactionId
 * @param kind          the write's kind
 * @param id            the write's id (TICKET, COUPON); absent for BALANCE
 * @param ok            whether the card accepted the write
 * @param sw            the card's status word, 4 hex digits ("9000"); absent when no command reached the card
 * @param detail        optional text for logs and screens, up to 200 characters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CardWriteResult(String transactionId, CardWrite.Kind kind, String id, boolean ok, String sw,
                              String detail) {

    private static final int MAX_TRANSACTION_ID = 64;
    private static final int MAX_DETAIL = 200;

    public byte[] toJson() {
        return Json.write(this);
    }

    /** Parses and validates the body of an authenticated CARD_WRITE_RESULT frame; problems become BAD_BODY. */
    public static CardWriteResult parse(ReaderFrame frame) throws FrameException {
        try {
            return parse(frame.body());
        } catch (IllegalArgumentException e) {
            throw new FrameException(ErrorCode.BAD_BODY, e.getMessage(), frame.readerId(), frame.sequence());
        }
    }

    static CardWriteResult parse(byte[] body) {
        JsonNode node = Json.object(body);
        String transactionId = Json.requiredText(node, "transactionId");
        if (transactionId.length() > MAX_TRANSACTION_ID) {
            throw new IllegalArgumentException("transactionId is longer than " + MAX_TRANSACTION_ID + " characters");
        }
        CardWrite.Kind kind = CardWrite.kind(node);
        String id = Json.text(node, "id");
        if (id != null && id.length() > CardWrite.MAX_ID) {
            throw new IllegalArgumentException("id is longer than " + CardWrite.MAX_ID + " characters");
        }
        Boolean ok = Json.bool(node, "ok");
        if (ok == null) {
            throw new IllegalArgumentException("ok is required");
        }
        String sw = Json.hex(node, "sw", 4, 4, "4 hex digits");
        String detail = Json.text(node, "detail");
        if (detail != null && detail.length() > MAX_DETAIL) {
            throw new IllegalArgumentException("detail is longer than " + MAX_DETAIL + " characters");
        }
        return new CardWriteResult(transactionId, kind, id, ok, sw, detail);
    }
}
