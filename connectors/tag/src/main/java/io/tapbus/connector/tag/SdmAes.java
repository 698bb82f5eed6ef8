package io.tapbus.connector.tag;

/**
 * Secure Dynamic Messaging in AES mode (NT4H2421Gx sections 9.3.4.1, 9.3.6.1, 9.3.8.1, 9.3.9.1; AN12196 section 3):
 *
 * <pre>
 *   PICCData            = AES-CBC(SDMMetaReadKey, IV = 0; PICCDataTag || UID || SDMReadCtr || padding)
 *   SV1                 = C3 3C 00 01 00 80 || UID || SDMReadCtr                 (zero padded to 16 bytes)
 *   SV2                 = 3C C3 00 01 00 80 [|| UID] [|| SDMReadCtr]             (zero padded to 16 bytes)
 *   SesSDMFileReadENC   = CMAC(SDMFileReadKey; SV1)
 *   SesSDMFileReadMAC   = CMAC(SDMFileReadKey; SV2)
 *   IV for file data    = AES(SesSDMFileReadENC; SDMReadCtr || 13 zero bytes)
 *   SDMENCFileData      = AES-CBC(SesSDMFileReadENC, IV; file data), no padding
 *   SDMMAC              = odd bytes of CMAC(SesSDMFileReadMAC; MAC input)
 * </pre>
 *
 * SDMReadCtr is LSB first everywhere in the cryptography.
 */
public final class SdmAes {

    private static final byte[] SV1_PREFIX = {(byte) 0xC3, 0x3C, 0x00, 0x01, 0x00, (byte) 0x80};
    private static final byte[] SV2_PREFIX = {0x3C, (byte) 0xC3, 0x00, 0x01, 0x00, (byte) 0x80};

    private SdmAes() {
    }

    /** Decrypts the 16-byte encrypted PICCData (one block, zero IV). */
    public static byte[] decryptPiccData(byte[] metaReadKey, byte[] encrypted) {
        return Aes128.decryptBlock(metaReadKey, encrypted);
    }

    /** SV1, the session vector of the file-data encryption key (UID and counter are always in it). */
    public static byte[] sessionVector1(PiccData picc) {
        requireUidAndCounter(picc);
        return sessionVector(SV1_PREFIX, picc);
    }

    /** SV2, the session vector of the MAC key. */
    public static byte[] sessionVector2(PiccData picc) {
        return sessionVector(SV2_PREFIX, picc);
    }

    public static byte[] sessionEncKey(byte[] fileReadKey, PiccData picc) {
        return Aes128.cmac(fileReadKey, sessionVector1(picc));
    }

    public static byte[] sessionMacKey(byte[] fileReadKey, PiccData picc) {
        return Aes128.cmac(fileReadKey, sessionVector2(picc));
    }

    /** The CBC IV of SDMENCFileData: the counter (LSB first) and 13 zero bytes, encrypted under the ENC key. */
    public static byte[] fileDataIv(byte[] sessionEncKey, PiccData picc) {
        requireUidAndCounter(picc);
        byte[] input = new byte[Aes128.BLOCK];
        System.arraycopy(picc.counterLsbFirst(), 0, input, 0, PiccData.COUNTER_LENGTH);
        return Aes128.encryptBlock(sessionEncKey, input);
    }

    public static byte[] decryptFileData(byte[] fileReadKey, PiccData picc, byte[] encrypted) {
        byte[] encKey = sessionEncKey(fileReadKey, picc);
        return Aes128.cbcDecrypt(encKey, fileDataIv(encKey, picc), encrypted);
    }

    /** The full 16-byte CMAC over the MAC input; {@link SdmMac#truncate} gives the SDMMAC. */
    public static byte[] fullMac(byte[] fileReadKey, PiccData picc, byte[] macInput) {
        return Aes128.cmac(sessionMacKey(fileReadKey, picc), macInput);
    }

    private static byte[] sessionVector(byte[] prefix, PiccData picc) {
        byte[] context = picc.sessionContext();
        int length = prefix.length + context.length;
        byte[] sv = new byte[(length + Aes128.BLOCK - 1) / Aes128.BLOCK * Aes128.BLOCK];
        System.arraycopy(prefix, 0, sv, 0, prefix.length);
        System.arraycopy(context, 0, sv, prefix.length, context.length);
        return sv;
    }

    static void requireUidAndCounter(PiccData picc) {
        if (!picc.uidMirrored() || !picc.counterMirrored()) {
            throw new IllegalArgumentException("file data encryption needs both UID and SDMReadCtr mirrored");
        }
    }
}
