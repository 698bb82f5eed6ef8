package io.tapbus.connector.card;

import io.tapbus.connector.common.Hex;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The DES building blocks of EMV: two-key triple DES on one block, single DES, odd parity and key check values.
 * Keys are double length (16 bytes, K1 || K2, used as K1 K2 K1).
 */
public final class TripleDes {

    public static final int BLOCK = 8;
    public static final int KEY_LENGTH = 16;

    private TripleDes() {
    }

    /** 3DES (encrypt K1, decrypt K2, encrypt K1) of one 8-byte block. */
    public static byte[] encryptBlock(byte[] doubleLengthKey, byte[] block) {
        checkKey(doubleLengthKey);
        byte[] k1k2k1 = Arrays.copyOf(doubleLengthKey, 24);
        System.arraycopy(doubleLengthKey, 0, k1k2k1, 16, 8);
        try {
            return ecb("DESede", k1k2k1, Cipher.ENCRYPT_MODE, block);
        } finally {
            Arrays.fill(k1k2k1, (byte) 0);
        }
    }

    static byte[] desEncrypt(byte[] key8, byte[] block) {
        return ecb("DES", key8, Cipher.ENCRYPT_MODE, block);
    }

    static byte[] desDecrypt(byte[] key8, byte[] block) {
        return ecb("DES", key8, Cipher.DECRYPT_MODE, block);
    }

    private static byte[] ecb(String algorithm, byte[] key, int mode, byte[] block) {
        if (block.length != BLOCK) {
            throw new IllegalArgumentException("a DES block is 8 bytes, got " + block.length);
        }
        try {
            Cipher cipher = Cipher.getInstance(algorithm + "/ECB/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, algorithm));
            return cipher.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's " + algorithm + " is not usable", e);
        }
    }

    /** Sets the least significant bit of every byte so that each byte has an odd number of one bits. */
    public static byte[] withOddParity(byte[] key) {
        byte[] adjusted = key.clone();
        for (int i = 0; i < adjusted.length; i++) {
            int high7 = adjusted[i] & 0xFE;
            adjusted[i] = (byte) (Integer.bitCount(high7) % 2 == 0 ? high7 | 1 : high7);
        }
        return adjusted;
    }

    /** Key check value: the first 3 bytes of the key's 3DES encryption of eight zero bytes. */
    public static String checkValue(byte[] doubleLengthKey) {
        return Hex.of(Arrays.copyOf(encryptBlock(doubleLengthKey, new byte[BLOCK]), 3));
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    static void checkKey(byte[] key) {
        if (key == null || key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("a double-length DES key is 16 bytes");
        }
    }
}
