package io.tapbus.connector.card;

/**
 * Which key a card MACs its application cryptogram with, and which key and ARPC method answer it. Every method starts
 * from the same ICC master key (Option A, {@link EmvKeyDerivation#iccMasterKeyOptionA}).
 */
public enum CryptogramMethod {

    /**
     * EMV common session key (Book 2 A1.3): R = ATC || 00 00 00 00 00 00; ARPC method 1 or 2 under the same session
     * key. Visa CVN 18 and M/Chip CVN 20 are this method with P80; the TapBus card answers ARPC method 2.
     */
    CSK("csk", Padding.P80),
    /**
     * Visa CVN 10: no session key; the ICC master key (the card's unique derivation key, UDK) MACs the data, with P00;
     * ARPC method 1 under the same key.
     */
    VISA_CVN10("visa-cvn10", Padding.P00),
    /**
     * Mastercard M/Chip session key derivation (M/Chip 4 CVN 16 style): R = ATC || 00 00 || unpredictable number,
     * with P80; ARPC method 1 under the ICC master key (M/Chip derives no session key for the ARPC).
     */
    MCHIP("mchip", Padding.P80);

    private final String code;
    private final Padding padding;

    CryptogramMethod(String code, Padding padding) {
        this.code = code;
        this.padding = padding;
    }

    /** {@code csk}, {@code visa-cvn10} or {@code mchip}, as {@code --method} and the key file write it. */
    public String code() {
        return code;
    }

    /** The padding the scheme defines for this method. */
    public Padding padding() {
        return padding;
    }

    public static CryptogramMethod ofCode(String code) {
        for (CryptogramMethod method : values()) {
            if (method.code.equals(code)) {
                return method;
            }
        }
        throw new IllegalArgumentException("cryptogram method '" + code + "' is not one of csk, visa-cvn10, mchip");
    }

    /** Whether the application cryptogram key is a per-transaction session key (not the ICC master key itself). */
    public boolean usesSessionKey() {
        return this != VISA_CVN10;
    }

    /** ARPC method 2 (ARQC || CSU) is defined only with the common session key; the others answer with method 1. */
    public boolean allowsArpcMethod2() {
        return this == CSK;
    }

    /** The key that MACs the application cryptogram. A new array: the caller clears it. */
    public byte[] cryptogramKey(byte[] iccMasterKey, int atc, byte[] unpredictableNumber) {
        return switch (this) {
            case CSK -> EmvKeyDerivation.commonSessionKey(iccMasterKey, atc);
            case VISA_CVN10 -> iccMasterKey.clone();
            case MCHIP -> EmvKeyDerivation.mastercardSessionKey(iccMasterKey, atc, unpredictableNumber);
        };
    }

    /** The key that computes the ARPC. A new array: the caller clears it. */
    public byte[] arpcKey(byte[] iccMasterKey, int atc) {
        return this == CSK ? EmvKeyDerivation.commonSessionKey(iccMasterKey, atc) : iccMasterKey.clone();
    }
}
