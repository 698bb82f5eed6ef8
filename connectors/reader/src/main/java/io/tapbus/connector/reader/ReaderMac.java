package io.tapbus.connector.reader;

import java.security.MessageDigest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-128-CMAC (RFC 4493, NIST SP 800-38B) and its 8-byte truncation used as the frame MAC.
 *
 * <p>Thread-safe: every call builds its own CMac (a few hundred nanoseconds, far below a network round trip).
 */
public final class ReaderMac {

    public static final int KEY_LENGTH = 16;
    public static final int TAG_LENGTH = 16;
    public static final int MAC_LENGTH = 8;

    private ReaderMac() {
    }

    /** The full 16-byte AES-CMAC tag. */
    public static byte[] cmac(byte[] key, byte[] data, int off, int len) {
        if (key == null || key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("AES-128 key must be 16 bytes");
        }
        CMac mac = new CMac(AESEngine.newInstance());
        mac.init(new KeyParameter(key));
        mac.update(data, off, len);
        byte[] tag = new byte[TAG_LENGTH];
        mac.doFinal(tag, 0);
        return tag;
    }

    /** The frame MAC: the first 8 bytes of the AES-CMAC tag. */
    public static byte[] mac8(byte[] key, byte[] data, int off, int len) {
        byte[] tag = cmac(key, data, off, len);
        byte[] mac = new byte[MAC_LENGTH];
        System.arraycopy(tag, 0, mac, 0, MAC_LENGTH);
        return mac;
    }

    /** Constant-time comparison of {@code expectedMac8} with the MAC of the data under the key. */
    public static boolean verify(byte[] key, byte[] data, int off, int len, byte[] expectedMac8) {
        if (expectedMac8 == null || expectedMac8.length != MAC_LENGTH) {
            return false;
        }
        return MessageDigest.isEqual(mac8(key, data, off, len), expectedMac8);
    }
}
