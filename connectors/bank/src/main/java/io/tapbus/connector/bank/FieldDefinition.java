package io.tapbus.connector.bank;

import java.util.Objects;

/**
 * One data element of a layout: for example field 2, "primary account number", n, LLVAR, at most 19 digits.
 *
 * @param length the exact length of a fixed field, the maximum of a variable one; in characters (digits for n, the
 *               sign included for x+n) or, for b, in bytes
 * @param pad    where an odd number of BCD digits gets its pad nibble in the binary encoding (n, z, x+n)
 */
public record FieldDefinition(int number, String name, FieldType type, LengthFormat format, int length, PadSide pad) {

    public FieldDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(pad, "pad");
        if (number < 2 || number > 128) {
            throw new IllegalArgumentException("field " + number + ": numbers run from 2 to 128"
                    + (number == 1 ? " (field 1 is the secondary bitmap, which the codec handles)" : ""));
        }
        if (length < 1 || length > format.maxLength()) {
            throw new IllegalArgumentException("field " + number + ": length " + length + " is not possible for "
                    + format);
        }
        if (type == FieldType.XN && (format != LengthFormat.FIXED || length < 2)) {
            throw new IllegalArgumentException("field " + number + ": x+n is fixed, a sign and at least one digit");
        }
    }

    public FieldDefinition(int number, String name, FieldType type, LengthFormat format, int length) {
        this(number, name, type, format, length, PadSide.LEFT);
    }

    /** How messages name the field: {@code field 11 (systems trace audit number)}. */
    public String label() {
        return "field " + number + " (" + name + ")";
    }

    /** The layout notation, for example {@code n..19} or {@code an 12}. */
    public String notation() {
        return type.code() + switch (format) {
            case FIXED -> " " + length;
            case LLVAR -> ".." + length;
            case LLLVAR -> "..." + length;
        };
    }
}
