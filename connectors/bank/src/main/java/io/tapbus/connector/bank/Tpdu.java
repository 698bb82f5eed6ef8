package io.tapbus.connector.bank;

import io.tapbus.connector.common.Hex;
import java.util.Arrays;

/**
 * The 5-byte transport protocol data unit some hosts put between the length header and the message: an id (60 for
 * transactions), a destination and an origin address of 2 bytes each. An answer goes back with the two addresses
 * swapped.
 */
public record Tpdu(byte[] bytes) {

    public static final int LENGTH = 5;

    public Tpdu {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a TPDU is 5 bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** From 10 hex digits, for example {@code 6000010000}. */
    public static Tpdu ofHex(String hex) {
        String digits = hex.replace(" ", "");
        if (!digits.matches("[0-9A-Fa-f]{10}")) {
            throw new IllegalArgumentException("a TPDU is 10 hex digits (5 bytes, for example 6000010000), got '"
                    + hex + "'");
        }
        return new Tpdu(Hex.parse(digits));
    }

    /** The TPDU of the answer: the destination and origin addresses swapped. */
    public Tpdu answer() {
        return new Tpdu(new byte[] {bytes[0], bytes[3], bytes[4], bytes[1], bytes[2]});
    }

    public int id() {
        return bytes[0] & 0xFF;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tpdu tpdu && Arrays.equals(bytes, tpdu.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Hex.of(bytes);
    }
}
