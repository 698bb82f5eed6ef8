package io.tapbus.runtime.tags;

import io.tapbus.connector.common.Hex;
import io.tapbus.connector.tag.SunException;

final class HexInputs {
    private HexInputs() {
    }

    /** A plainly mirrored UID: 7 bytes as 14 hex digits. */
    static byte[] uid(String hex) throws SunException {
        if (hex == null || !hex.matches("[0-9A-Fa-f]{14}")) {
            throw new SunException("uid must be 14 hex digits (the 7-byte tag UID), got " + (hex == null ? "none" : hex.length() + " characters"));
        }
        return Hex.parse(hex);
    }
}
