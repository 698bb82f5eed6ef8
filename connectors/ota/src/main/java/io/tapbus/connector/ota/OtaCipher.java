package io.tapbus.connector.ota;

import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CBCModeCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Ciphering of secured data with KIc: triple DES (outer CBC) or AES in CBC mode, initial chaining value zero
 * (ETSI TS 102 225 clause 5.1.2). The caller pads to whole blocks; nothing is padded or unpadded here.
 */
final class OtaCipher {

    private OtaCipher() {
    }

    static byte[] encrypt(OtaAlgorithm algorithm, byte[] key, byte[] data) {
        return run(true, algorithm, key, data);
    }

    static byte[] decrypt(OtaAlgorithm algorithm, byte[] key, byte[] data) {
        return run(false, algorithm, key, data);
    }

    private static byte[] run(boolean encrypt, OtaAlgorithm algorithm, byte[] key, byte[] data) {
        if (data.length % algorithm.blockSize() != 0) {
            throw new IllegalArgumentException("not whole blocks: " + data.length + " octets");
        }
        CBCModeCipher cipher = CBCBlockCipher.newInstance(algorithm.engine());
        cipher.init(encrypt, new ParametersWithIV(new KeyParameter(key), new byte[algorithm.blockSize()]));
        byte[] out = new byte[data.length];
        for (int offset = 0; offset < data.length; offset += algorithm.blockSize()) {
            cipher.processBlock(data, offset, out, offset);
        }
        return out;
    }
}
