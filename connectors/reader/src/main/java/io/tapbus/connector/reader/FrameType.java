package io.tapbus.connector.reader;

import java.util.Optional;

/** The frame types of reader protocol v1 and their type byte. Replies have the high bit set. */
public enum FrameType {
    TAP_REQUEST(0x01),
    TAP_RESPONSE(0x81),
    HEARTBEAT(0x02),
    HEARTBEAT_ACK(0x82),
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
}
