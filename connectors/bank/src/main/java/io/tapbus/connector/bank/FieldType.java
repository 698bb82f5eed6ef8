package io.tapbus.connector.bank;

/**
 * ISO 8583 data element types (the attribute of a field in the layout file: "n", "z", "x+n", "an", "ans", "b").
 */
public enum FieldType {
    /** Numeric digits 0-9; BCD in the binary encoding. */
    N("n"),
    /** Track 2 and 3 code set: digits and the field separator '='; BCD in the binary encoding, '=' as nibble D. */
    Z("z"),
    /** An amount with its sign: 'C' (credit) or 'D' (debit), then digits; the length counts the sign. */
    XN("x+n"),
    /** Letters and digits; space is allowed too, as fixed an fields are space padded. */
    AN("an"),
    /** Printable ASCII, space to tilde. */
    ANS("ans"),
    /** Binary; held as upper-case hex in {@link Iso8583Message}, length counted in bytes. */
    B("b");

    private final String code;

    FieldType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static FieldType ofCode(String code) {
        for (FieldType type : values()) {
            if (type.code.equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown field type '" + code + "' (use n, z, x+n, an, ans or b)");
    }

    /** Digits on the wire: BCD in the binary encoding (x+n: all but the sign). */
    boolean isNumeric() {
        return this == N || this == Z || this == XN;
    }

    /** The position (from 1) of the first character this type does not allow, or 0 when all are allowed. */
    int firstBadCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!allows(i, value.charAt(i))) {
                return i + 1;
            }
        }
        return 0;
    }

    private boolean allows(int position, char c) {
        boolean digit = c >= '0' && c <= '9';
        return switch (this) {
            case N -> digit;
            case Z -> digit || c == '=';
            case XN -> position == 0 ? c == 'C' || c == 'D' : digit;
            case AN -> digit || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == ' ';
            case ANS -> c >= 0x20 && c <= 0x7e;
            case B -> digit || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f';
        };
    }

    String describeBadCharacter() {
        return switch (this) {
            case N -> "a non-digit";
            case Z -> "neither a digit nor '='";
            case XN -> "not allowed (C or D, then digits)";
            case AN -> "a character other than a letter, digit or space";
            case ANS -> "a non-printable or non-ASCII character";
            case B -> "a non-hex character";
        };
    }
}
