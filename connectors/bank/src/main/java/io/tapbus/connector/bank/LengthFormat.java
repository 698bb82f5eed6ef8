package io.tapbus.connector.bank;

/** How a field's length is known: fixed by the layout, or carried in a 2- or 3-digit prefix. */
public enum LengthFormat {
    FIXED(0, Integer.MAX_VALUE),
    LLVAR(2, 99),
    LLLVAR(3, 999);

    private final int prefixDigits;
    private final int maxLength;

    LengthFormat(int prefixDigits, int maxLength) {
        this.prefixDigits = prefixDigits;
        this.maxLength = maxLength;
    }

    public int prefixDigits() {
        return prefixDigits;
    }

    /** The largest length the prefix can express. */
    public int maxLength() {
        return maxLength;
    }

    public static LengthFormat ofCode(String code) {
        for (LengthFormat format : values()) {
            if (format.name().equalsIgnoreCase(code)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + code + "' (use fixed, LLVAR or LLLVAR)");
    }
}
