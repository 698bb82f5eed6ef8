package io.tapbus.connector.tag;

import java.util.Arrays;

/**
 * NXP's Leakage Resilient Primitive (LRP), as specified in AN12304 "Leakage Resilient Primitive (LRP)
 * Specification": plaintext and updated-key generation, the evaluation function, LRICB encryption and CMAC_LRP.
 *
 * <p>An instance is one LRP key: the 16 plaintexts of a base key (m = 4) and one of its updated keys. NTAG 424 DNA
 * uses updated key 0 for the SDM meta-read key and for MACing, and updated key 1 for file-data encryption.
 *
 * <p>Immutable and thread-safe.
 */
public final class Lrp {

    /** m = 4: the evaluation walks the input four bits at a time, so there are 2^4 plaintexts. */
    public static final int PLAINTEXT_COUNT = 16;

    private static final byte[] UPPER = filled((byte) 0x55);
    private static final byte[] LOWER = filled((byte) 0xAA);
    private static final byte[] ZERO = new byte[Aes128.BLOCK];

    private final byte[][] plaintexts;
    private final byte[] updatedKey;

    /** The LRP key made of {@code baseKey}'s plaintexts and its updated key number {@code updatedKeyIndex}. */
    public Lrp(byte[] baseKey, int updatedKeyIndex) {
        if (updatedKeyIndex < 0) {
            throw new IllegalArgumentException("updated key index must not be negative");
        }
        this.plaintexts = generatePlaintexts(baseKey);
        this.updatedKey = generateUpdatedKeys(baseKey, updatedKeyIndex + 1)[updatedKeyIndex];
    }

    /** AN12304 Algorithm 1, generatePlaintexts with m = 4. */
    public static byte[][] generatePlaintexts(byte[] baseKey) {
        byte[] h = Aes128.encryptBlock(baseKey, UPPER);
        byte[][] out = new byte[PLAINTEXT_COUNT][];
        for (int i = 0; i < PLAINTEXT_COUNT; i++) {
            out[i] = Aes128.encryptBlock(h, LOWER);
            h = Aes128.encryptBlock(h, UPPER);
        }
        return out;
    }

    /** AN12304 Algorithm 2, generateUpdatedKeys: the first {@code count} updated keys. */
    public static byte[][] generateUpdatedKeys(byte[] baseKey, int count) {
        byte[] h = Aes128.encryptBlock(baseKey, LOWER);
        byte[][] out = new byte[count][];
        for (int i = 0; i < count; i++) {
            out[i] = Aes128.encryptBlock(h, LOWER);
            h = Aes128.encryptBlock(h, UPPER);
        }
        return out;
    }

    /**
     * AN12304 Algorithm 3, EvalLRP: starting from the updated key, each 4-bit input digit selects the plaintext the
     * running key encrypts; with {@code finalize} the result is encrypted once more under itself over zeroes.
     */
    public static byte[] evalLrp(byte[][] plaintexts, byte[] updatedKey, int[] nibbles, boolean finalize) {
        byte[] y = updatedKey.clone();
        for (int nibble : nibbles) {
            if (nibble < 0 || nibble >= PLAINTEXT_COUNT) {
                throw new IllegalArgumentException("an LRP input digit is 4 bits, got " + nibble);
            }
            y = Aes128.encryptBlock(y, plaintexts[nibble]);
        }
        if (finalize) {
            y = Aes128.encryptBlock(y, ZERO);
        }
        return y;
    }

    /** The input bytes as 4-bit digits, most significant first. */
    public static int[] nibbles(byte[] input) {
        int[] out = new int[input.length * 2];
        for (int i = 0; i < input.length; i++) {
            out[2 * i] = (input[i] >>> 4) & 0x0F;
            out[2 * i + 1] = input[i] & 0x0F;
        }
        return out;
    }

    /** EvalLRP of this key over the bytes of {@code input}. */
    public byte[] eval(byte[] input, boolean finalize) {
        return evalLrp(plaintexts, updatedKey, nibbles(input), finalize);
    }

    /**
     * LRICB encryption (AN12304 Algorithm 4) of whole blocks, without padding: block i is encrypted under
     * EvalLRP(counter + i). The counter is a big-endian integer of its own length and wraps around; the caller's
     * array is not changed.
     */
    public byte[] encrypt(byte[] counter, byte[] plaintext) {
        return lricb(true, counter, plaintext);
    }

    /** LRICB decryption (AN12304 Algorithm 5) of whole blocks, no padding removed. */
    public byte[] decrypt(byte[] counter, byte[] ciphertext) {
        return lricb(false, counter, ciphertext);
    }

    /** CMAC_LRP (AN12304 Algorithm 6): NIST CMAC with EvalLRP(., final) as the block function. */
    public byte[] cmac(byte[] message) {
        byte[] k1 = Aes128.dbl(eval(ZERO, true));
        byte[] k2 = Aes128.dbl(k1);
        int blocks = Math.max(1, (message.length + Aes128.BLOCK - 1) / Aes128.BLOCK);
        boolean lastComplete = message.length > 0 && message.length % Aes128.BLOCK == 0;

        byte[] y = new byte[Aes128.BLOCK];
        for (int b = 0; b < blocks - 1; b++) {
            y = eval(Aes128.xor(y, Arrays.copyOfRange(message, b * Aes128.BLOCK, (b + 1) * Aes128.BLOCK)), true);
        }
        int lastStart = (blocks - 1) * Aes128.BLOCK;
        byte[] last = new byte[Aes128.BLOCK];
        int lastLength = message.length - lastStart;
        System.arraycopy(message, lastStart, last, 0, lastLength);
        if (lastComplete) {
            last = Aes128.xor(last, k1);
        } else {
            last[lastLength] = (byte) 0x80;
            last = Aes128.xor(last, k2);
        }
        return eval(Aes128.xor(y, last), true);
    }

    private byte[] lricb(boolean encrypt, byte[] counter, byte[] data) {
        if (counter == null || counter.length == 0) {
            throw new IllegalArgumentException("LRICB needs a counter of at least one byte");
        }
        if (data.length % Aes128.BLOCK != 0) {
            throw new IllegalArgumentException("LRICB works on whole 16-byte blocks, got " + data.length + " bytes");
        }
        byte[] running = counter.clone();
        byte[] out = new byte[data.length];
        for (int off = 0; off < data.length; off += Aes128.BLOCK) {
            byte[] blockKey = eval(running, true);
            byte[] block = Arrays.copyOfRange(data, off, off + Aes128.BLOCK);
            byte[] result = encrypt ? Aes128.encryptBlock(blockKey, block) : Aes128.decryptBlock(blockKey, block);
            System.arraycopy(result, 0, out, off, Aes128.BLOCK);
            increment(running);
        }
        return out;
    }

    private static void increment(byte[] counter) {
        for (int i = counter.length - 1; i >= 0; i--) {
            counter[i]++;
            if (counter[i] != 0) {
                return;
            }
        }
    }

    private static byte[] filled(byte value) {
        byte[] block = new byte[Aes128.BLOCK];
        Arrays.fill(block, value);
        return block;
    }
}
