package io.tapbus.connector.tag;

import java.util.Arrays;

/**
 * Secure Dynamic Messaging in LRP mode (NT4H2421Gx sections 9.3.4.2, 9.3.6.2, 9.3.8.2, 9.3.9.2), on the
 * primitives of AN12304 ({@link Lrp}):
 *
 * <pre>
 *   PICCData              = PICCRand(8) || LRICB(SDMMetaReadKey, updated key 0, counter = PICCRand;
 *                                              PICCDataTag || UID || SDMReadCtr || padding)
 *   SV                    = 00 01 00 80 [|| UID] [|| SDMReadCtr] [|| zero padding] || 1E E1   (multiple of 16)
 *   SesSDMFileReadMaster  = CMAC_LRP(SDMFileReadKey, updated key 0; SV)
 *   SDMMAC                = odd bytes of CMAC_LRP(SesSDMFileReadMaster, updated key 0; MAC input)
 *   SDMENCFileData        = LRICB(SesSDMFileReadMaster, updated key 1, counter = SDMReadCtr || 00 00 00; data)
 * </pre>
 */
public final class SdmLrp {

    private static final int PICC_RAND_LENGTH = 8;
    private static final byte[] SV_PREFIX = {0x00, 0x01, 0x00, (byte) 0x80};
    private static final byte[] SV_LABEL = {0x1E, (byte) 0xE1};
    private static final int MAC_UPDATED_KEY = 0;
    private static final int ENC_UPDATED_KEY = 1;

    private SdmLrp() {
    }

    /** Decrypts the 24-byte encrypted PICCData (PICCRand, then one LRICB block counted from PICCRand). */
    public static byte[] decryptPiccData(byte[] metaReadKey, byte[] encrypted) {
        if (encrypted.length != SunMode.LRP.piccDataLength()) {
            throw new IllegalArgumentException("LRP PICCData is 24 bytes");
        }
        byte[] piccRand = Arrays.copyOfRange(encrypted, 0, PICC_RAND_LENGTH);
        byte[] block = Arrays.copyOfRange(encrypted, PICC_RAND_LENGTH, encrypted.length);
        return decryptPiccData(new Lrp(metaReadKey, 0), encrypted);
    }

    /** {@link #decryptPiccData(byte[], byte[])} with the meta-read key's LRP key (plaintexts) made once. */
    static byte[] decryptPiccData(Lrp metaReadLrp, byte[] encrypted) {
        if (encrypted.length != SunMode.LRP.piccDataLength()) {
            throw new IllegalArgumentException("LRP PICCData is 24 bytes");
        }
        byte[] piccRand = Arrays.copyOfRange(encrypted, 0, PICC_RAND_LENGTH);
        byte[] block = Arrays.copyOfRange(encrypted, PICC_RAND_LENGTH, encrypted.length);
        return metaReadLrp.decrypt(piccRand, block);
    }

    public static byte[] sessionVector(PiccData picc) {
        byte[] context = picc.sessionContext();
        int length = SV_PREFIX.length + context.length + SV_LABEL.length;
        byte[] sv = new byte[(length + Aes128.BLOCK - 1) / Aes128.BLOCK * Aes128.BLOCK];
        System.arraycopy(SV_PREFIX, 0, sv, 0, SV_PREFIX.length);
        System.arraycopy(context, 0, sv, SV_PREFIX.length, context.length);
        System.arraycopy(SV_LABEL, 0, sv, sv.length - SV_LABEL.length, SV_LABEL.length);
        return sv;
    }

    public static byte[] sessionMasterKey(byte[] fileReadKey, PiccData picc) {
        return sessionMasterKey(new Lrp(fileReadKey, 0), picc);
    }

    /** The session master key with the file-read key's LRP key (plaintexts) made once. */
    static byte[] sessionMasterKey(Lrp fileReadLrp, PiccData picc) {
        return fileReadLrp.cmac(sessionVector(picc));
    }

    /** The full CMAC_LRP under an already derived session master key. */
    static byte[] fullMacWithSessionKey(byte[] sessionMasterKey, byte[] macInput) {
        return new Lrp(sessionMasterKey, MAC_UPDATED_KEY).cmac(macInput);
    }

    /** SDMENCFileData decrypted under an already derived session master key. */
    static byte[] decryptFileDataWithSessionKey(byte[] sessionMasterKey, PiccData picc, byte[] encrypted) {
        SdmAes.requireUidAndCounter(picc);
        byte[] counter = new byte[6];
        System.arraycopy(picc.counterLsbFirst(), 0, counter, 0, PiccData.COUNTER_LENGTH);
        return new Lrp(sessionMasterKey, ENC_UPDATED_KEY).decrypt(counter, encrypted);
    }

    /** The full 16-byte CMAC_LRP over the MAC input; {@link SdmMac#truncate} gives the SDMMAC. */
    public static byte[] fullMac(byte[] fileReadKey, PiccData picc, byte[] macInput) {
        return fullMacWithSessionKey(sessionMasterKey(fileReadKey, picc), macInput);
    }

    public static byte[] decryptFileData(byte[] fileReadKey, PiccData picc, byte[] encrypted) {
        return decryptFileDataWithSessionKey(sessionMasterKey(fileReadKey, picc), picc, encrypted);
    }
}
