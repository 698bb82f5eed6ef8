package io.tapbus.connector.reader;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CMAC written straight from RFC 4493 section 2.4 on top of the JDK's AES, so tests can check the
 * BouncyCastle-based production code against an implementation that shares nothing with it.
 */
final class ReferenceCmac {

    private ReferenceCmac() {
    }

    static byte[] cmac(byte[] key, byte[] message) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            byte[] l = aes.doFinal(new byte[16]);
            byte[] k1 = doubleInGf128(l);
            byte[] k2 = doubleInGf128(k1);

            int blocks = Math.max(1, (message.length + 15) / 16);
            boolean lastComplete = message.length > 0 && message.length % 16 == 0;
            byte[] last = new byte[16];
            int lastStart = (blocks - 1) * 16;
            if (lastComplete) {
                for (int i = 0; i < 16; i++) {
                    last[i] = (byte) (message[lastStart + i] ^ k1[i]);
                }
            } else {
                int rest = message.length - lastStart;
                System.arraycopy(message, lastStart, last, 0, rest);
                last[rest] = (byte) 0x80;
                for (int i = 0; i < 16; i++) {
                    last[i] ^= k2[i];
                }
            }
            byte[] x = new byte[16];
            for (int b = 0; b < blocks - 1; b++) {
                for (int i = 0; i < 16; i++) {
                    x[i] ^= message[b * 16 + i];
                }
                x = aes.doFinal(x);
            }
            for (int i = 0; i < 16; i++) {
                x[i] ^= last[i];
            }
            return aes.doFinal(x);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] doubleInGf128(byte[] in) {
        byte[] out = new byte[16];
        int carry = 0;
        for (int i = 15; i >= 0; i--) {
            int v = in[i] & 0xFF;
            out[i] = (byte) ((v << 1) | carry);
            carry = v >>> 7;
        }
        if ((in[0] & 0x80) != 0) {
            out[15] ^= (byte) 0x87;
        }
        return out;
    }
}
