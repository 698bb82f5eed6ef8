package io.tapbus.connector.tag;

import java.security.MessageDigest;

/**
 * The SDMMAC as the tag mirrors it: 8 of the 16 CMAC bytes, those at odd positions (1, 3, ..., 15, counting from
 * 0), in order. AN12196 writes the same choice from the other end as S14 || S12 || ... || S0.
 */
public final class SdmMac {

    public static final int LENGTH = 8;

    private SdmMac() {
    }

    /** The 8-byte SDMMAC of a full 16-byte CMAC. */
    public static byte[] truncate(byte[] fullCmac) {
        if (fullCmac == null || fullCmac.length != Aes128.BLOCK) {
            throw new IllegalArgumentException("a full CMAC is 16 bytes");
        }
        byte[] mac = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            mac[i] = fullCmac[2 * i + 1];
        }
        return mac;
    }

    /** Constant-time comparison of a received SDMMAC with the truncation of the CMAC computed here. */
    public static boolean matches(byte[] fullCmac, byte[] receivedMac) {
        return receivedMac != null && MessageDigest.isEqual(truncate(fullCmac), receivedMac);
    }
}
