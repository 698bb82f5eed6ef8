package io.tapbus.connector.card;

import io.tapbus.connector.common.Hex;


/**
 * EMV 4.3 Book 2 Annex A1.4.1 (ICC master key derivation, Option A) and A1.3.1 (common session key derivation), and
 * Mastercard's M/Chip session key derivation, which is the same construction with the unpredictable number in R.
 */
public final class EmvKeyDerivation {

    private EmvKeyDerivation() {
    }

    /**
     * Option A: Y = the rightmost 16 digits of PAN || PSN (zero-padded on the left when shorter), packed to 8 bytes;
     * the ICC master key is 3DES(IMK)[Y] || 3DES(IMK)[Y xor FF..FF], with odd parity.
     */
    public static byte[] iccMasterKeyOptionA(byte[] issuerMasterKey, CardId card) {
        String digits = card.pan() + card.psn();
        if (digits.length() > 16) {
            digits = digits.substring(digits.length() - 16);
        }
        digits = "0".repeat(16 - digits.length()) + digits;
        byte[] y = Hex.parse(digits);
        byte[] notY = TripleDes.xor(y, new byte[] {-1, -1, -1, -1, -1, -1, -1, -1});
        byte[] key = new byte[TripleDes.KEY_LENGTH];
        System.arraycopy(TripleDes.encryptBlock(issuerMasterKey, y), 0, key, 0, 8);
        System.arraycopy(TripleDes.encryptBlock(issuerMasterKey, notY), 0, key, 8, 8);
        return TripleDes.withOddParity(key);
    }

    /** Common session key for application cryptograms: R = ATC || 00 00 00 00 00 00. */
    public static byte[] commonSessionKey(byte[] iccMasterKey, int atc) {
        checkAtc(atc);
        byte[] r = new byte[8];
        r[0] = (byte) (atc >> 8);
        r[1] = (byte) atc;
        return commonSessionKey(iccMasterKey, r);
    }

    /**
     * M/Chip session key (Mastercard's "SKD", M/Chip 4 CVN 16/17): R = ATC || 00 00 || unpredictable number (9F37),
     * so the halves are 3DES(MK)[ATC F0 00 UN] and 3DES(MK)[ATC 0F 00 UN].
     */
    public static byte[] mastercardSessionKey(byte[] iccMasterKey, int atc, byte[] unpredictableNumber) {
        checkAtc(atc);
        if (unpredictableNumber.length != 4) {
            throw new IllegalArgumentException("the unpredictable number is 4 bytes");
        }
        byte[] r = new byte[8];
        r[0] = (byte) (atc >> 8);
        r[1] = (byte) atc;
        System.arraycopy(unpredictableNumber, 0, r, 4, 4);
        return commonSessionKey(iccMasterKey, r);
    }

    /**
     * Common session key for any 8-byte diversification value R: SK = 3DES(MK)[R0 R1 F0 R3..R7] ||
     * 3DES(MK)[R0 R1 0F R3..R7], with odd parity.
     */
    public static byte[] commonSessionKey(byte[] iccMasterKey, byte[] r) {
        if (r.length != 8) {
            throw new IllegalArgumentException("the diversification value R is 8 bytes");
        }
        byte[] left = r.clone();
        left[2] = (byte) 0xF0;
        byte[] right = r.clone();
        right[2] = (byte) 0x0F;
        byte[] key = new byte[TripleDes.KEY_LENGTH];
        System.arraycopy(TripleDes.encryptBlock(iccMasterKey, left), 0, key, 0, 8);
        System.arraycopy(TripleDes.encryptBlock(iccMasterKey, right), 0, key, 8, 8);
        return TripleDes.withOddParity(key);
    }

    static void checkAtc(int atc) {
        if (atc < 0 || atc > 0xFFFF) {
            throw new IllegalArgumentException("the ATC is 2 bytes (0000 to FFFF)");
        }
    }
}
