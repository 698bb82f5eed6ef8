package io.tapbus.connector.bank;

import io.tapbus.connector.common.Hex;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * How a packager puts the MTI, the bitmap, length prefixes and values on the wire. Text fields (an, ans) are ASCII
 * bytes in both encodings.
 *
 * <ul>
 * <li>{@code ascii}: MTI as 4 ASCII digits; bitmap as 16 hex characters per 64 bits; LL/LLL prefixes and n values
 *     as ASCII digits; b values as 2 hex characters per byte.</li>
 * <li>{@code binary}: MTI as 2 BCD bytes; bitmap as 8 raw bytes per 64 bits; LL prefixes as 1 BCD byte, LLL as 2;
 *     n and z values as BCD (z's '=' as nibble D), an odd number of digits padded with a 0 nibble on the field's
 *     {@link PadSide} (always left for the MTI and prefixes); b values as raw bytes.</li>
 * </ul>
 */
public enum WireEncoding {
    ASCII {
        @Override
        void writeDigits(ByteArrayOutputStream out, String digits) {
            out.writeBytes(digits.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        String readDigits(ByteReader in, int count, String what) throws Iso8583Exception {
            String text = ascii(in.take(count, what));
            int bad = FieldType.N.firstBadCharacter(text);
            if (bad > 0) {
                throw new Iso8583Exception(Iso8583Problem.BAD_VALUE, what + ": character " + bad
                        + " is not a digit");
            }
            return text;
        }

        @Override
        void writeNumber(ByteArrayOutputStream out, String value, PadSide pad) {
            out.writeBytes(value.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        String readNumber(ByteReader in, int count, PadSide pad, FieldType type, String what)
                throws Iso8583Exception {
            String text = ascii(in.take(count, what));
            int bad = type.firstBadCharacter(text);
            if (bad > 0) {
                throw new Iso8583Exception(Iso8583Problem.BAD_VALUE, what + ": character " + bad + " is "
                        + type.describeBadCharacter());
            }
            return text;
        }

        @Override
        void writeBitmap(ByteArrayOutputStream out, byte[] bitmap) {
            out.writeBytes(Hex.of(bitmap).getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        byte[] readBitmap(ByteReader in, String what) throws Iso8583Exception {
            String text = ascii(in.take(16, what));
            if (!Hex.isHex(text)) {
                throw new Iso8583Exception(Iso8583Problem.BAD_BITMAP, what + " is not 16 hex characters");
            }
            return Hex.parse(text);
        }

        @Override
        void writeBinary(ByteArrayOutputStream out, byte[] value) {
            out.writeBytes(Hex.of(value).getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        String readBinary(ByteReader in, int bytes, String what) throws Iso8583Exception {
            String text = ascii(in.take(2 * bytes, what));
            if (!Hex.isHex(text)) {
                throw new Iso8583Exception(Iso8583Problem.BAD_VALUE, what + ": not hex characters");
            }
            return text.toUpperCase();
        }
    },
    BINARY {
        @Override
        void writeDigits(ByteArrayOutputStream out, String digits) {
            writeNumber(out, digits, PadSide.LEFT);
        }

        @Override
        String readDigits(ByteReader in, int count, String what) throws Iso8583Exception {
            return readNumber(in, count, PadSide.LEFT, FieldType.N, what);
        }

        @Override
        void writeNumber(ByteArrayOutputStream out, String value, PadSide pad) {
            String even = value.length() % 2 == 0 ? value : pad == PadSide.LEFT ? "0" + value : value + "0";
            for (int i = 0; i < even.length(); i += 2) {
                out.write(nibble(even.charAt(i)) << 4 | nibble(even.charAt(i + 1)));
            }
        }

        private static int nibble(char c) {
            return c == SEPARATOR ? SEPARATOR_NIBBLE : c - '0';
        }

        @Override
        String readNumber(ByteReader in, int count, PadSide pad, FieldType type, String what)
                throws Iso8583Exception {
            byte[] bcd = in.take((count + 1) / 2, what);
            StringBuilder digits = new StringBuilder(bcd.length * 2);
            for (byte b : bcd) {
                digits.append(digit(b >> 4 & 0x0f, type)).append(digit(b & 0x0f, type));
            }
            if (count % 2 == 0) {
                return checkNibbles(digits.toString(), type, what);
            }
            char padNibble = pad == PadSide.LEFT ? digits.charAt(0) : digits.charAt(digits.length() - 1);
            if (pad == PadSide.LEFT && padNibble != '0') {
                throw new Iso8583Exception(Iso8583Problem.BAD_VALUE, what + ": the pad nibble before an odd number"
                        + " of BCD digits is " + padNibble + ", not 0 (the layout pads this field on the left; a host"
                        + " that pads on the right needs \"pad\": \"right\" for it)");
            }
            if (pad == PadSide.RIGHT && padNibble != '0' && padNibble != 'F') {
                throw new Iso8583Exception(Iso8583Problem.BAD_VALUE, what + ": the pad nibble after an odd number"
                        + " of BCD digits is " + padNibble + ", not 0 or F");
            }
            String value = pad == PadSide.LEFT ? digits.substring(1) : digits.substring(0, digits.length() - 1);
            return checkNibbles(value, type, what);
        }

        /** Hex digits as read; what is not a digit (or z's separator) is refused after the pad is taken off. */
        private static char digit(int nibble, FieldType type) {
            return nibble == SEPARATOR_NIBBLE && type == FieldType.Z ? SEPARATOR
                    : Character.toUpperCase(Character.forDigit(nibble, 16));
        }

        private static String checkNibbles(String value, FieldType type, String what) throws Iso8583Exception {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (!(c >= '0' && c <= '9') && !(c == SEPARATOR && type == FieldType.Z)) {
                    throw new Iso8583Exception(Iso8583Problem.BAD_VALUE, what + ": BCD nibble " + c + " (digit "
                            + (i + 1) + ") is not " + (type == FieldType.Z ? "a digit or the separator D" : "a digit"));
                }
            }
            return value;
        }

        @Override
        void writeBitmap(ByteArrayOutputStream out, byte[] bitmap) {
            out.writeBytes(bitmap);
        }

        @Override
        byte[] readBitmap(ByteReader in, String what) throws Iso8583Exception {
            return in.take(8, what);
        }

        @Override
        void writeBinary(ByteArrayOutputStream out, byte[] value) {
            out.writeBytes(value);
        }

        @Override
        String readBinary(ByteReader in, int bytes, String what) throws Iso8583Exception {
            return Hex.of(in.take(bytes, what));
        }
    };

    public static WireEncoding ofCode(String code) {
        for (WireEncoding encoding : values()) {
            if (encoding.name().equalsIgnoreCase(code)) {
                return encoding;
            }
        }
        throw new IllegalArgumentException("unknown encoding '" + code + "' (use ascii or binary)");
    }

    /** z's field separator, and the BCD nibble it is in the binary encoding (as jPOS packs it). */
    static final char SEPARATOR = '=';
    static final int SEPARATOR_NIBBLE = 0x0D;

    /** Writes digits (the MTI, a length prefix); they are known to be digits. */
    abstract void writeDigits(ByteArrayOutputStream out, String digits);

    /** Reads {@code count} digits; anything but digits is BAD_VALUE. */
    abstract String readDigits(ByteReader in, int count, String what) throws Iso8583Exception;

    /** Writes the digits of an n, z or x+n value (known to be valid for its type). */
    abstract void writeNumber(ByteArrayOutputStream out, String value, PadSide pad);

    /** Reads {@code count} digits of an n, z or x+n value; what is not valid for the type is BAD_VALUE. */
    abstract String readNumber(ByteReader in, int count, PadSide pad, FieldType type, String what)
            throws Iso8583Exception;

    /** How many bytes {@code count} digits take. */
    int numberBytes(int count) {
        return this == ASCII ? count : (count + 1) / 2;
    }

    /** Writes 8 bitmap bytes (one bitmap of 64 bits). */
    abstract void writeBitmap(ByteArrayOutputStream out, byte[] bitmap);

    /** Reads one bitmap of 64 bits. */
    abstract byte[] readBitmap(ByteReader in, String what) throws Iso8583Exception;

    abstract void writeBinary(ByteArrayOutputStream out, byte[] value);

    /** Reads {@code bytes} bytes of a b field as upper-case hex. */
    abstract String readBinary(ByteReader in, int bytes, String what) throws Iso8583Exception;

    void writeText(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    String readText(ByteReader in, int count, String what) throws Iso8583Exception {
        return ascii(in.take(count, what));
    }

    /** Latin-1 keeps every byte as one character, so a non-ASCII byte is reported, not replaced. */
    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
