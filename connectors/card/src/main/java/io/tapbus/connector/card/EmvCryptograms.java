package io.tapbus.connector.card;

/** Application cryptograms (EMV Book 2 8.1, A1.2) and authorisation response cryptograms (8.2.1, 8.2.2). */
public final class EmvCryptograms {

    public static final int ARQC_LENGTH = 8;

    private EmvCryptograms() {
    }

    /** ARQC, TC or AAC: the 8-byte retail MAC (padding method 2) of the cryptogram input under the session key. */
    public static byte[] applicationCryptogram(byte[] sessionKey, byte[] input) {
        return applicationCryptogram(sessionKey, input, Padding.P80);
    }

    /** ARQC, TC or AAC with the given padding; the key is a session key, or the ICC master key where none is used. */
    public static byte[] applicationCryptogram(byte[] key, byte[] input, Padding padding) {
        return RetailMac.mac(key, input, padding, ARQC_LENGTH);
    }

    /** ARPC method 1: 3DES(key)[ARQC xor (ARC || 00 00 00 00 00 00)], 8 bytes. */
    public static byte[] arpcMethod1(byte[] key, byte[] arqc, byte[] arc) {
        checkArqc(arqc);
        if (arc.length != 2) {
            throw new IllegalArgumentException("the authorisation response code (ARC) is 2 bytes");
        }
        byte[] padded = new byte[8];
        System.arraycopy(arc, 0, padded, 0, 2);
        return TripleDes.encryptBlock(key, TripleDes.xor(arqc, padded));
    }

    /** ARPC method 2: the 4-byte retail MAC of ARQC || CSU || proprietary authentication data (0 to 8 bytes). */
    public static byte[] arpcMethod2(byte[] sessionKey, byte[] arqc, byte[] csu, byte[] proprietaryAuthData) {
        checkArqc(arqc);
        if (csu.length != 4) {
            throw new IllegalArgumentException("the card status update (CSU) is 4 bytes");
        }
        if (proprietaryAuthData.length > 8) {
            throw new IllegalArgumentException("proprietary authentication data is at most 8 bytes");
        }
        byte[] input = new byte[12 + proprietaryAuthData.length];
        System.arraycopy(arqc, 0, input, 0, 8);
        System.arraycopy(csu, 0, input, 8, 4);
        System.arraycopy(proprietaryAuthData, 0, input, 12, proprietaryAuthData.length);
        return RetailMac.mac(sessionKey, input, 4);
    }

    private static void checkArqc(byte[] arqc) {
        if (arqc.length != ARQC_LENGTH) {
            throw new IllegalArgumentException("the ARQC is 8 bytes");
        }
    }
}
