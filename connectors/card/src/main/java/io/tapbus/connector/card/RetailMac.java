package io.tapbus.connector.card;

import java.util.Arrays;

/**
 * ISO/IEC 9797-1 MAC algorithm 3 ("retail MAC") with padding method 2: the data is padded with 0x80 and then zeros to
 * a multiple of 8, chained with single DES under K1 (CBC, zero IV), and the last block is finished with
 * decrypt K2 / encrypt K1. This is the MAC of EMV Book 2 A1.2.
 */
public final class RetailMac {

    private RetailMac() {
    }

    public static byte[] mac(byte[] doubleLengthKey, byte[] data, int length) {
        TripleDes.checkKey(doubleLengthKey);
        if (length < 4 || length > 8) {
            throw new IllegalArgumentException("a MAC is 4 to 8 bytes");
        }
        byte[] k1 = Arrays.copyOfRange(doubleLengthKey, 0, 8);
        byte[] k2 = Arrays.copyOfRange(doubleLengthKey, 8, 16);
        byte[] padded = padMethod2(data);
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

    static byte[] padMethod2(byte[] data) {
        int paddedLength = (data.length / TripleDes.BLOCK + 1) * TripleDes.BLOCK;
        byte[] padded = Arrays.copyOf(data, paddedLength);
        padded[data.length] = (byte) 0x80;
        return padded;
    }
}
