package io.tapbus.connector.ota;

import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The cryptographic checksum with KID (ETSI TS 102 225 clause 5.1.3.1):
 * <ul>
 * <li>triple DES: CBC-MAC, ISO/IEC 9797-1 MAC algorithm 1 with the whole triple DES as the block cipher, padding
 * method 1 (zero octets up to the block, none when already whole; the padding is not sent), zero IV; 8 octets;</li>
 * <li>AES: CMAC (NIST SP 800-38B), which pads itself, truncated to its leftmost octets (8 by default).</li>
 * </ul>
 */
final class OtaChecksum {

    /** What TapBus puts into command packets; a proof of receipt may carry 4 with AES, as its RHL says. */
    static final int LENGTH = 8;

    private OtaChecksum() {
    }

    static byte[] compute(OtaAlgorithm algorithm, byte[] key, byte[] data, int length) {
        if (algorithm == OtaAlgorithm.AES) {
            CMac mac = new CMac(algorithm.engine());
            mac.init(new KeyParameter(key));
            mac.update(data, 0, data.length);
            byte[] tag = new byte[mac.getMacSize()];
            mac.doFinal(tag, 0);
            return Arrays.copyOf(tag, length);
        }
        if (length != 8) {
            throw new IllegalArgumentException("a triple DES checksum is 8 octets");
        }
        int block = algorithm.blockSize();
        int padded = data.length == 0 ? block : (data.length + block - 1) / block * block;
        byte[] chained = OtaCipher.encrypt(algorithm, key, Arrays.copyOf(data, padded));
        return Arrays.copyOfRange(chained, chained.length - block, chained.length);
    }

    /** Recomputes and compares in constant time. */
    static boolean verify(OtaAlgorithm algorithm, byte[] key, byte[] data, byte[] received) {
        return MessageDigest.isEqual(compute(algorithm, key, data, received.length), received);
    }
}
