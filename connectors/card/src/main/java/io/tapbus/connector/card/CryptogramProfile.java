package io.tapbus.connector.card;

import java.util.Arrays;

/**
 * A card's cryptogram profile: the {@link CryptogramMethod} and the {@link Padding} its application cryptograms use.
 * The card (personalisation) and the issuer (its key configuration) must hold the same profile. Computes the ARQC and
 * ARPCs from the card's ICC master key; the unpredictable number that M/Chip needs is read from the cryptogram input,
 * bytes 25 to 28 (9F37 in the CDOL1 order of {@link TransactionData}, which is also EMV's recommended minimum set).
 */
public record CryptogramProfile(CryptogramMethod method, Padding padding) {

    /** The common session key with P80: every card and key that does not say otherwise. */
    public static final CryptogramProfile DEFAULT = new CryptogramProfile(CryptogramMethod.CSK, Padding.P80);

    public CryptogramProfile {
        if (method == null || padding == null) {
            throw new IllegalArgumentException("a cryptogram profile names a method and a padding");
        }
    }

    /** The method with the padding its scheme defines (P00 for Visa CVN 10, P80 for the others). */
    public static CryptogramProfile of(CryptogramMethod method) {
        return new CryptogramProfile(method, method.padding());
    }

    /** From {@code csk|visa-cvn10|mchip} and {@code 00|80}; a null padding means the method's own. */
    public static CryptogramProfile parse(String method, String padding) {
        CryptogramMethod m = CryptogramMethod.ofCode(method);
        return new CryptogramProfile(m, padding == null ? m.padding() : Padding.ofCode(padding));
    }

    /** The 8-byte ARQC (also TC or AAC) over {@code input} at {@code atc}. */
    public byte[] arqc(byte[] iccMasterKey, int atc, byte[] input) {
        byte[] key = cryptogramKey(iccMasterKey, atc, input);
        try {
            return EmvCryptograms.applicationCryptogram(key, input, padding);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The key the ARQC is MACed with; for key check values. A new array: the caller clears it. */
    public byte[] cryptogramKey(byte[] iccMasterKey, int atc, byte[] input) {
        byte[] un = null;
        if (method == CryptogramMethod.MCHIP) {
            if (input.length < TransactionData.UN_OFFSET + 4) {
                throw new IllegalArgumentException("mchip needs the unpredictable number (9F37) at bytes "
                        + TransactionData.UN_OFFSET + "-" + (TransactionData.UN_OFFSET + 3) + " of the cryptogram input");
            }
            un = Arrays.copyOfRange(input, TransactionData.UN_OFFSET, TransactionData.UN_OFFSET + 4);
        }
        return method.cryptogramKey(iccMasterKey, atc, un);
    }

    /** ARPC method 1 (8 bytes) over the ARQC and the 2-byte authorisation response code, under the method's ARPC key. */
    public byte[] arpcMethod1(byte[] iccMasterKey, int atc, byte[] arqc, byte[] arc) {
        byte[] key = method.arpcKey(iccMasterKey, atc);
        try {
            return EmvCryptograms.arpcMethod1(key, arqc, arc);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * ARPC method 2 (4 bytes) over the ARQC, CSU and proprietary data, under the common session key.
     *
     * @throws IllegalArgumentException for a method that answers with ARPC method 1 only (Visa CVN 10, M/Chip)
     */
    public byte[] arpcMethod2(byte[] iccMasterKey, int atc, byte[] arqc, byte[] csu, byte[] proprietaryAuthData) {
        if (!method.allowsArpcMethod2()) {
            throw new IllegalArgumentException("a " + method.code() + " card is answered with ARPC method 1, not 2");
        }
        byte[] key = method.arpcKey(iccMasterKey, atc);
        try {
            return EmvCryptograms.arpcMethod2(key, arqc, csu, proprietaryAuthData);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** {@code csk/80}, {@code visa-cvn10/00}, ... */
    @Override
    public String toString() {
        return method.code() + "/" + padding.code();
    }
}
