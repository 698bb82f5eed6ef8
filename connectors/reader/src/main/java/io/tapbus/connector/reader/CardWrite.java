package io.tapbus.connector.reader;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One instruction of a PAYMENT_RESPONSE's {@code cardWrites} (docs/reader-protocol.md §12.2): what the reader writes
 * to the card after the card accepted the issuer's ARPC (EXTERNAL AUTHENTICATE). Null fields are left out.
 *
 * @param kind       BALANCE, TICKET or COUPON
 * @param valueMinor BALANCE only: the new stored-value balance in minor units, 0 to 4294967295
 * @param id         TICKET / COUPON only: the platform's id of the ticket or coupon, up to 64 characters
 * @param data       TICKET / COUPON only: the bytes to store on the card, hex, up to 240 bytes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CardWrite(Kind kind, Long valueMinor, String id, String data) {

    public enum Kind { BALANCE, TICKET, COUPON }

    /** The largest balance the TapBus card's 4-byte balance record holds. */
    public static final long MAX_BALANCE = 0xFFFF_FFFFL;
    static final int MAX_ID = 64;
    static final int MAX_DATA_HEX = 480;

    public static CardWrite balance(long valueMinor) {
        return new CardWrite(Kind.BALANCE, valueMinor, null, null);
    }

    public static CardWrite ticket(String id, String dataHex) {
        return new CardWrite(Kind.TICKET, null, id, dataHex);
    }

    public static CardWrite coupon(String id, String dataHex) {
        return new CardWrite(Kind.COUPON, null, id, dataHex);
    }

    /** Reads one element of {@code cardWrites}; the messages name the field without the array index. */
    static CardWrite parse(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("must be an object");
        }
        Kind kind = kind(node);
        if (kind == Kind.BALANCE) {
            Long value = Json.integer(node, "valueMinor");
            if (value == null || value < 0 || value > MAX_BALANCE) {
                throw new IllegalArgumentException("valueMinor of a BALANCE write must be 0 to " + MAX_BALANCE);
            }
            return balance(value);
        }
        String id = Json.requiredText(node, "id");
        if (id.length() > MAX_ID) {
            throw new IllegalArgumentException("id is longer than " + MAX_ID + " characters");
        }
        String data = Json.requiredHex(node, "data", 2, MAX_DATA_HEX, "2 to " + MAX_DATA_HEX + " hex digits");
        return new CardWrite(kind, null, id, data);
    }

    static Kind kind(JsonNode node) {
        String text = Json.requiredText(node, "kind");
        try {
            return Kind.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind must be BALANCE, TICKET or COUPON");
        }
    }
}
