package io.tapbus.connector.bank;

import java.util.Objects;

/**
 * One data element of a layout: for example field 2, "primary account number", n, LLVAR, at most 19 digits.
 *
 * @param length the exact length of a fixed field, the maximum of a variable one; in characters (digits for n) or,
 *               for b, in bytes
 */
public record FieldDefinition(int number, String name, FieldType type, LengthFormat format, int length) {

    public FieldDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(format, "format");
        if (number < 2 || number > 128) {
            throw new IllegalArgumentException("field " + number + ": numbers run from 2 to 128"
                    + (number == 1 ? " (field 1 is the secondary bitmap, which the codec handles)" : ""));
        }
        if (length < 1 || length > format.maxLength()) {
            throw new IllegalArgumentException("field " + number + ": length " + length + " is not possible for "
                    + format);
        }
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
