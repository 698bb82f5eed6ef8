package io.tapbus.connector.ota;

import java.util.Locale;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;

/**
 * The block cipher family behind KIc (ciphering, CBC with a zero IV) and KID (cryptographic checksum), as coded in
 * ETSI TS 102 225 clauses 5.1.2 and 5.1.3.1: b2-b1 = 01 DES family (b4-b3 = 01 triple DES with 2 keys, 10 with 3
 * keys), 10 AES (b4-b3 = 00: CBC for KIc, CMAC for KID), 00 known implicitly; b8-b5 index the key.
 */
public enum OtaAlgorithm {

    TRIPLE_DES("3des", 8),
    AES("aes", 16);

    private final String option;
    private final int blockSize;

    OtaAlgorithm(String option, int blockSize) {
        this.option = option;
        this.blockSize = blockSize;
    }

    /** {@code 3des} or {@code aes}, as the command line spells it. */
    public static OtaAlgorithm parse(String name) throws OtaException {
        for (OtaAlgorithm algorithm : values()) {
            if (algorithm.option.equals(name.strip().toLowerCase(Locale.ROOT))) {
                return algorithm;
            }
        }
        throw OtaException.malformed("algorithm must be 3des or aes, got '" + name + "'");
    }

    public String option() {
        return option;
    }

    public int blockSize() {
        return blockSize;
    }

    BlockCipher engine() {
        return this == AES ? AESEngine.newInstance() : new DESedeEngine();
    }

    /** Refuses a key of a length this cipher does not take: 3DES 16 or 24 octets, AES 16, 24 or 32. */
    void checkKey(String name, byte[] key) throws OtaException {
        boolean fits = this == AES ? key.length == 16 || key.length == 24 || key.length == 32
                : key.length == 16 || key.length == 24;
        if (!fits) {
            throw OtaException.malformed(name + " must be " + (this == AES ? "16, 24 or 32" : "16 or 24")
                    + " octets for " + option + ", got " + key.length);
        }
    }

    /**
     * Checks that a KIc or KID octet names this algorithm and agrees with the key's length. {@code name} is "KIc"
     * or "KID", which only changes the wording (CBC or CMAC).
     */
    void checkIdentifier(String name, int identifier, byte[] key) throws OtaException {
        int family = identifier & 0x03;
        int variant = (identifier >> 2) & 0x03;
        String octet = String.format("%s %02X", name, identifier);
        if (family == 0) {
            return; // known implicitly: --algo and the key length decide
        }
        if (family == 3) {
            throw OtaException.unsupported(octet + " names a proprietary algorithm");
        }
        if (family == 1) {
            if (variant == 0 || variant == 3) {
                throw OtaException.unsupported(octet + " names single DES ("
                        + (variant == 0 ? "CBC" : "ECB") + "), which TS 102 225 keeps only for releases before 8"
                        + " and TapBus does not send");
            }
            if (this != TRIPLE_DES) {
                throw OtaException.malformed(octet + " names triple DES but the algorithm is " + option);
            }
            int expected = variant == 1 ? 16 : 24;
            if (key.length != expected) {
                throw OtaException.malformed(octet + " names triple DES with " + (variant == 1 ? "2" : "3")
                        + " keys, which is a " + expected + "-octet key, got " + key.length);
            }
            return;
        }
        if (variant != 0) {
            throw OtaException.unsupported(octet + ": AES with b4-b3 = " + Integer.toBinaryString(variant)
                    + " is reserved");
        }
        if (this != AES) {
            throw OtaException.malformed(octet + " names AES but the algorithm is " + option);
        }
    }
}
