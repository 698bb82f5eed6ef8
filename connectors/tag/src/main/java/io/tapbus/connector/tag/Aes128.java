package io.tapbus.connector.tag;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The AES-128 building blocks SUN needs: one-block encryption and decryption, CBC decryption without padding,
 * AES-CMAC (NIST SP 800-38B) and the GF(2^128) doubling that CMAC subkeys are made of.
 *
 * <p>Thread-safe: every call builds its own engine.
 */
final class Aes128 {

    static final int BLOCK = 16;
    static final int KEY_LENGTH = 16;

    /** The constant R_b of NIST SP 800-38B for a 128-bit block. */
    private static final int RB = 0x87;

    private Aes128() {
    }

    static byte[] encryptBlock(byte[] key, byte[] block) {
        return process(true, key, block);
    }

    static byte[] decryptBlock(byte[] key, byte[] block) {
        return process(false, key, block);
    }

    /** CBC decryption of whole blocks, no padding removed (SUN data is always block-aligned). */
    static byte[] cbcDecrypt(byte[] key, byte[] iv, byte[] data) {
        requireBlocks(data);
        BlockCipher engine = engine(false, key);
        byte[] out = new byte[data.length];
        byte[] previous = iv.clone();
        for (int off = 0; off < data.length; off += BLOCK) {
            engine.processBlock(data, off, out, off);
            for (int i = 0; i < BLOCK; i++) {
                out[off + i] ^= previous[i];
            }
            System.arraycopy(data, off, previous, 0, BLOCK);
        }
        return out;
    }

    /** The full 16-byte AES-CMAC of the data. */
    static byte[] cmac(byte[] key, byte[] data) {
        requireKey(key);
        CMac mac = new CMac(AESEngine.newInstance());
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] tag = new byte[BLOCK];
        mac.doFinal(tag, 0);
        return tag;
    }

    /** Multiplication by x in GF(2^128) as CMAC defines it for its subkeys (K1 = dbl(L), K2 = dbl(K1)). */
    static byte[] dbl(byte[] block) {
        byte[] out = new byte[BLOCK];
        int carry = 0;
        for (int i = BLOCK - 1; i >= 0; i--) {
            int b = block[i] & 0xFF;
            out[i] = (byte) ((b << 1) | carry);
            carry = b >>> 7;
        }
        if ((block[0] & 0x80) != 0) {
            out[BLOCK - 1] ^= (byte) RB;
        }
        return out;
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    private static byte[] process(boolean encrypt, byte[] key, byte[] block) {
        if (block.length != BLOCK) {
            throw new IllegalArgumentException("an AES block is 16 bytes, got " + block.length);
        }
        byte[] out = new byte[BLOCK];
        engine(encrypt, key).processBlock(block, 0, out, 0);
        return out;
    }

    private static BlockCipher engine(boolean encrypt, byte[] key) {
        requireKey(key);
        BlockCipher engine = AESEngine.newInstance();
        engine.init(encrypt, new KeyParameter(key));
        return engine;
    }

    private static void requireKey(byte[] key) {
        if (key == null || key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("AES-128 key must be 16 bytes");
        }
    }

    private static void requireBlocks(byte[] data) {
        if (data.length % BLOCK != 0) {
            throw new IllegalArgumentException("data must be whole 16-byte blocks, got " + data.length + " bytes");
        }
    }
}
