package io.tapbus.connector.reader.ticket;

import java.io.ByteArrayOutputStream;

/** Base45 (RFC 9285): bytes as text of the QR code's alphanumeric mode, for tickets shown on a phone. */
public final class Base45 {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    private Base45() {
    }

    public static String encode(byte[] data) {
        StringBuilder sb = new StringBuilder(data.length * 3 / 2 + 2);
        for (int i = 0; i + 1 < data.length; i += 2) {
            int n = (Byte.toUnsignedInt(data[i]) << 8) | Byte.toUnsignedInt(data[i + 1]);
            sb.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45 % 45)).append(ALPHABET.charAt(n / 2025));
        }
        if (data.length % 2 == 1) {
            int n = Byte.toUnsignedInt(data[data.length - 1]);
            sb.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45));
        }
        return sb.toString();
    }

    /** @throws IllegalArgumentException on a character outside the alphabet, a bad length or a group above its range */
    public static byte[] decode(String text) {
        if (text.length() % 3 == 1) {
            throw new IllegalArgumentException("Base45 text of length " + text.length() + " is not valid");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 2 / 3);
        for (int i = 0; i < text.length(); i += 3) {
            int c = value(text.charAt(i)) + value(text.charAt(i + 1)) * 45;
            if (i + 2 < text.length()) {
                int n = c + value(text.charAt(i + 2)) * 2025;
                if (n > 0xFFFF) {
                    throw new IllegalArgumentException("Base45 group out of range");
                }
                out.write(n >> 8);
                out.write(n & 0xFF);
            } else {
                if (c > 0xFF) {
                    throw new IllegalArgumentException("Base45 group out of range");
                }
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static int value(char c) {
        int v = ALPHABET.indexOf(c);
        if (v < 0) {
            throw new IllegalArgumentException("'" + c + "' is not a Base45 character");
        }
        return v;
    }
}
