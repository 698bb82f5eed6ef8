package io.tapbus.connector.bank;

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
 *     n values as BCD, an odd number of digits left-padded with a 0 nibble; b values as raw bytes.</li>
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
            String even = digits.length() % 2 == 0 ? digits : "0" + digits;
            for (int i = 0; i < even.length(); i += 2) {
                out.write((even.charAt(i) - '0') << 4 | (even.charAt(i + 1) - '0'));
            }
        }

        @Override
        String readDigits(ByteReader in, int count, String what) throws Iso8583Exception {
            byte[] bcd = in.take((count + 1) / 2, what);
            StringBuilder digits = new StringBuilder(bcd.length * 2);
            for (byte b : bcd) {
                digits.append(nibble(b >> 4 & 0x0f, what)).append(nibble(b & 0x0f, what));
            }
            if (count % 2 == 1) {
                if (digits.charAt(0) != '0') {
                    throw new Iso8583Exception(Iso8583Problem.BAD_VALUE, what + ": the pad nibble before an odd"
                            + " number of BCD digits is not 0");
                }
                digits.deleteCharAt(0);
            }
            return digits.toString();
        }

        private static char nibble(int value, String what) throws Iso8583Exception {
            if (value > 9) {
                throw new Iso8583Exception(Iso8583Problem.BAD_VALUE, what + ": BCD nibble "
                        + Integer.toHexString(value).toUpperCase() + " is not a digit");
            }
            return (char) ('0' + value);
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

    /** Writes digits (the MTI, a length prefix, an n value); they are known to be digits. */
    abstract void writeDigits(ByteArrayOutputStream out, String digits);

    /** Reads {@code count} digits; anything but digits is BAD_VALUE. */
    abstract String readDigits(ByteReader in, int count, String what) throws Iso8583Exception;

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
