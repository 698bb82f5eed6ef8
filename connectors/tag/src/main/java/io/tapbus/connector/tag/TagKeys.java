package io.tapbus.connector.tag;

import java.util.Arrays;

/**
 * Per-tag keys diversified from a batch master key with NXP AN10922 "Symmetric key diversifications", AES-128
 * (section 2.2): a CMAC of the master key over the diversification constant 01h and the diversification input M,
 * padded to two blocks.
 *
 * <pre>
 *   D   = 01 || M                                   M = UID || AID || SystemIdentifier, 1 to 31 bytes
 *   D'  = D with its last block XOR K1              when D is exactly 32 bytes
 *       = (D || 80 00 .. 00 to 32 bytes), last block XOR K2   otherwise
 *   key = last block of AES-CBC(master, IV = 0; D')          K1, K2: the CMAC subkeys of the master key
 * </pre>
 *
 * For 17 to 31 bytes of M this equals AES-CMAC(master; 01 || M); shorter inputs are still padded to 32 bytes, as
 * the note requires, so there it differs from a plain CMAC.
 */
public final class TagKeys {

    /** AN10922's diversification constant for an AES-128 key. */
    public static final byte AES128_CONSTANT = 0x01;
    public static final int MAX_INPUT_LENGTH = 31;

    private TagKeys() {
    }

    /** The diversification input AN10922 shows: the UID, the application identifier, the system identifier. */
    public static byte[] diversificationInput(byte[] uid, byte[] aid, byte[] systemIdentifier) {
        byte[] u = uid == null ? new byte[0] : uid;
        byte[] a = aid == null ? new byte[0] : aid;
        byte[] s = systemIdentifier == null ? new byte[0] : systemIdentifier;
        byte[] m = new byte[u.length + a.length + s.length];
        System.arraycopy(u, 0, m, 0, u.length);
        System.arraycopy(a, 0, m, u.length, a.length);
        System.arraycopy(s, 0, m, u.length + a.length, s.length);
        return m;
    }

    /** The AN10922 AES-128 diversified key of {@code masterKey} for the diversification input {@code m}. */
    public static byte[] diversify(byte[] masterKey, byte[] m) {
        if (masterKey == null || masterKey.length != Aes128.KEY_LENGTH) {
            throw new IllegalArgumentException("the master key must be 16 bytes");
        }
        if (m == null || m.length < 1 || m.length > MAX_INPUT_LENGTH) {
            throw new IllegalArgumentException("the diversification input must be 1 to 31 bytes");
        }
        byte[] k1 = Aes128.dbl(Aes128.encryptBlock(masterKey, new byte[Aes128.BLOCK]));
        byte[] k2 = Aes128.dbl(k1);

        byte[] d = new byte[2 * Aes128.BLOCK];
        d[0] = AES128_CONSTANT;
        System.arraycopy(m, 0, d, 1, m.length);
        int length = 1 + m.length;
        byte[] subkey = k1;
        if (length < d.length) {
            d[length] = (byte) 0x80;
            subkey = k2;
        }
        byte[] first = Arrays.copyOfRange(d, 0, Aes128.BLOCK);
        byte[] last = Aes128.xor(Arrays.copyOfRange(d, Aes128.BLOCK, d.length), subkey);
        byte[] y = Aes128.encryptBlock(masterKey, first);
        return Aes128.encryptBlock(masterKey, Aes128.xor(y, last));
    }

    /** The file-read key of one tag: {@link #diversify} over UID || AID || SystemIdentifier. */
    public static byte[] fileReadKey(byte[] batchMasterKey, byte[] uid, byte[] aid, byte[] systemIdentifier) {
        if (uid == null || uid.length != PiccData.UID_LENGTH) {
            throw new IllegalArgumentException("the UID must be 7 bytes");
        }
        return diversify(batchMasterKey, diversificationInput(uid, aid, systemIdentifier));
    }
}
