package io.tapbus.connector.bank;

import java.util.Arrays;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The field bitmap: bit 1 (the most significant bit of the first byte) announces the secondary bitmap, bits 2-64 the
 * primary fields, bits 65-128 (in the secondary bitmap) the rest.
 */
final class Bitmap {

    private Bitmap() {
    }

    /** 8 bytes, or 16 with bit 1 set when a field above 64 is present. */
    static byte[] of(Collection<Integer> fields) {
        boolean secondary = fields.stream().anyMatch(f -> f > 64);
        byte[] bitmap = new byte[secondary ? 16 : 8];
        if (secondary) {
            set(bitmap, 1);
        }
        fields.forEach(f -> set(bitmap, f));
        return bitmap;
    }

    /** The fields a primary (8 bytes) or primary plus secondary (16 bytes) bitmap sets, bit 1 included. */
    static SortedSet<Integer> fields(byte[] bitmap) {
        SortedSet<Integer> fields = new TreeSet<>();
        for (int field = 1; field <= bitmap.length * 8; field++) {
            if ((bitmap[(field - 1) / 8] & (0x80 >>> ((field - 1) % 8))) != 0) {
                fields.add(field);
            }
        }
        return fields;
    }

    static byte[] primary(byte[] bitmap) {
        return Arrays.copyOfRange(bitmap, 0, 8);
    }

    static byte[] secondary(byte[] bitmap) {
        return Arrays.copyOfRange(bitmap, 8, 16);
    }

    private static void set(byte[] bitmap, int field) {
        bitmap[(field - 1) / 8] |= (byte) (0x80 >>> ((field - 1) % 8));
    }
}
