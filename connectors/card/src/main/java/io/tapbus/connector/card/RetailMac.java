package io.tapbus.connector.card;

import java.util.Arrays;

/**
 * ISO/IEC 9797-1 MAC algorithm 3 ("retail MAC"): the data is padded ({@link Padding}: method 2, 0x80 then zeros, unless
 * told otherwise), chained with single DES under K1 (CBC, zero IV), and the last block is finished with decrypt K2 /
 * encrypt K1. This is the MAC of EMV Book 2 A1.2.
 */
public final class RetailMac {

    private RetailMac() {
    }

    public static byte[] mac(byte[] doubleLengthKey, byte[] data, int length) {
        return mac(doubleLengthKey, data, Padding.P80, length);
    }

    public static byte[] mac(byte[] doubleLengthKey, byte[] data, Padding padding, int length) {
        TripleDes.checkKey(doubleLengthKey);
        if (length < 4 || length > 8) {
            throw new IllegalArgumentException("a MAC is 4 to 8 bytes");
        }
        byte[] k1 = Arrays.copyOfRange(doubleLengthKey, 0, 8);
        byte[] k2 = Arrays.copyOfRange(doubleLengthKey, 8, 16);
        byte[] padded = padding.pad(data);
        byte[] chain = new byte[TripleDes.BLOCK];
        for (int offset = 0; offset < padded.length; offset += TripleDes.BLOCK) {
            byte[] block = Arrays.copyOfRange(padded, offset, offset + TripleDes.BLOCK);
            chain = TripleDes.desEncrypt(k1, TripleDes.xor(chain, block));
        }
        byte[] last = TripleDes.desEncrypt(k1, TripleDes.desDecrypt(k2, chain));
        Arrays.fill(k1, (byte) 0);
        Arrays.fill(k2, (byte) 0);
        return Arrays.copyOf(last, length);
    }
}
