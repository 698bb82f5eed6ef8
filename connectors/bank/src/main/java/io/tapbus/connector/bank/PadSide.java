package io.tapbus.connector.bank;

/**
 * Where the binary encoding puts the pad nibble of an odd number of BCD digits: before them (fixed n fields, MTI,
 * length prefixes) or after them (jPOS's ISO87BPackager does that for its LLVAR numbers, IFB_LLNUM: fields 2, 32,
 * 33, 35, 99, 100). The pad nibble written is 0; read, it must be 0, or F after the digits.
 */
public enum PadSide {
    LEFT,
    RIGHT;

    public static PadSide ofCode(String code) {
        for (PadSide side : values()) {
            if (side.name().equalsIgnoreCase(code)) {
                return side;
            }
        }
        throw new IllegalArgumentException("unknown pad '" + code + "' (use left or right)");
    }
}
