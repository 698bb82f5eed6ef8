package io.tapbus.connector.phone;

/**
 * Packing of 7-bit septets into octets (3GPP TS 23.038 §6.1.2.1.1). With a user data header the first septet starts
 * on a septet boundary counted from the start of the user data, so {@code fillBits} (0-6) zero bits come first
 * (TS 23.040 §9.2.3.24).
 */
public final class Septets {

    private Septets() {
    }

    /** Fill bits after a user data header of {@code udhOctets} octets (its length octet included). */
    public static int fillBits(int udhOctets) {
        return udhOctets == 0 ? 0 : (7 - (udhOctets * 8) % 7) % 7;
    }

    /** Packs septets (one per byte, bit 8 ignored) after {@code fillBits} zero bits. */
    public static byte[] pack(byte[] septets, int fillBits) {
        checkFill(fillBits);
        int bits = fillBits + septets.length * 7;
        byte[] packed = new byte[(bits + 7) / 8];
        int bit = fillBits;
        for (byte s : septets) {
            int value = s & 0x7F;
            int index = bit / 8;
            int shift = bit % 8;
            packed[index] |= (byte) (value << shift);
            if (shift > 1) {
                packed[index + 1] |= (byte) (value >> (8 - shift));
            }
            bit += 7;
        }
        return packed;
    }

    /** Unpacks {@code count} septets that start after {@code fillBits} bits of {@code packed}. */
    public static byte[] unpack(byte[] packed, int fillBits, int count) {
        checkFill(fillBits);
        if (count < 0 || fillBits + (long) count * 7 > packed.length * 8L) {
            throw new PhoneCodecException(PhoneCodecException.Problem.UDH_LENGTH_MISMATCH,
                    count + " septets after " + fillBits + " fill bits do not fit in " + packed.length + " octets");
        }
        byte[] septets = new byte[count];
        int bit = fillBits;
        for (int i = 0; i < count; i++) {
            int index = bit / 8;
            int shift = bit % 8;
            int value = (packed[index] & 0xFF) >> shift;
            if (shift > 1) {
                value |= (packed[index + 1] & 0xFF) << (8 - shift);
            }
            septets[i] = (byte) (value & 0x7F);
            bit += 7;
        }
        return septets;
    }

    private static void checkFill(int fillBits) {
        if (fillBits < 0 || fillBits > 6) {
            throw new IllegalArgumentException("fill bits must be 0 to 6, got " + fillBits);
        }
    }
}
