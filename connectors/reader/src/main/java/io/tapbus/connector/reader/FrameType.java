package io.tapbus.connector.reader;

import java.util.Optional;

/**
 * The frame types of reader protocol v1 and their type byte. Replies have the high bit set: a reply's code is
 * its request's code + 0x80. Codes 0x10 / 0x11 (and replies 0x90 / 0x91) are the payment exchange (§12 of
 * docs/reader-protocol.md); 0x12 / 0x13 (replies 0x92 / 0x93) the e-ticket gates (§14, docs/tickets.md); 0x15 (reply
 * 0x95) a retailer card added to the universal card by tap (§16, docs/membership.md).
 */
public enum FrameType {
    TAP_REQUEST(0x01),
    TAP_RESPONSE(0x81),
    HEARTBEAT(0x02),
    HEARTBEAT_ACK(0x82),
    PAYMENT_REQUEST(0x10),
    PAYMENT_RESPONSE(0x90),
    CARD_WRITE_RESULT(0x11),
    CARD_WRITE_ACK(0x91),
    TICKET_VALIDATE(0x12),
    TICKET_RESULT(0x92),
    TICKET_SYNC(0x13),
    TICKET_SYNC_ACK(0x93),
    ACCOUNT_QUERY(0x14),
    ACCOUNT_ANSWER(0x94),
    MEMBERSHIP_ADD(0x15),
    MEMBERSHIP_RESULT(0x95),
    ERROR(0x7F);

    private final byte code;

    FrameType(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** The type for a type byte, or empty when v1 does not define it (answered with UNKNOWN_TYPE). */
    public static Optional<FrameType> fromCode(byte code) {
        for (FrameType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Only heartbeats may travel without a JSON body. */
    public boolean requiresBody() {
        return this != HEARTBEAT && this != HEARTBEAT_ACK;
    }

    /** The reply type a server answers this request type with (besides ERROR); empty for replies and ERROR. */
    public Optional<FrameType> replyType() {
        return switch (this) {
            case TAP_REQUEST -> Optional.of(TAP_RESPONSE);
            case HEARTBEAT -> Optional.of(HEARTBEAT_ACK);
            case PAYMENT_REQUEST -> Optional.of(PAYMENT_RESPONSE);
            case CARD_WRITE_RESULT -> Optional.of(CARD_WRITE_ACK);
            case TICKET_VALIDATE -> Optional.of(TICKET_RESULT);
            case TICKET_SYNC -> Optional.of(TICKET_SYNC_ACK);
            case ACCOUNT_QUERY -> Optional.of(ACCOUNT_ANSWER);
            case MEMBERSHIP_ADD -> Optional.of(MEMBERSHIP_RESULT);
            default -> Optional.empty();
        };
    }

    /** Whether a reader may send this type (replies and ERROR are the server's). */
    public boolean isRequest() {
        return replyType().isPresent();
    }
}
