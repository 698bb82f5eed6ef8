package io.tapbus.connector.phone;

import java.nio.charset.StandardCharsets;

/** An SMPP optional parameter (SMPP 3.4 §5.3): a 16-bit tag and its value. */
public record Tlv(int tag, byte[] value) {

    public static final int RECEIPTED_MESSAGE_ID = 0x001E;
    public static final int MESSAGE_PAYLOAD = 0x0424;
    public static final int MESSAGE_STATE = 0x0427;
    public static final int NETWORK_ERROR_CODE = 0x0423;
    public static final int USER_MESSAGE_REFERENCE = 0x0204;

    public Tlv {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The value as a C-Octet String: ASCII up to the first NUL, or all of it when there is none. */
    public String asCString() {
        int end = 0;
        while (end < value.length && value[end] != 0) {
            end++;
        }
        return new String(value, 0, end, StandardCharsets.ISO_8859_1);
    }
}
