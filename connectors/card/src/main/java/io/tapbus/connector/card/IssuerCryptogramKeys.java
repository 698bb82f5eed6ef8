package io.tapbus.connector.card;

/**
 * The issuer-key operations of online card authentication, shaped so that an HSM (PKCS#11 or a payment HSM) can
 * implement them without ever exporting a key: callers name the issuer master key (IMK-AC) by label and pass the
 * card's identity and ATC; the implementation derives the ICC master key (Option A) and the key the label's
 * {@link CryptogramProfile} names (common session key, none for Visa CVN 10, M/Chip session key) inside its own
 * boundary. The profile belongs to the key: an issuer personalises every card of a product from one IMK-AC with one
 * cryptogram version.
 */
public interface IssuerCryptogramKeys {

    /**
     * Whether {@code arqc} is the cryptogram the card {@code card} computes over {@code arqcInput} at {@code atc},
     * by the key's cryptogram profile.
     *
     * @throws UnknownKeyException when no key has this label
     */
    boolean verifyArqc(String keyLabel, CardId card, int atc, byte[] arqcInput, byte[] arqc);

    /** ARPC method 1 (8 bytes) under the profile's ARPC key (the AC session key, or the ICC master key). */
    byte[] arpcMethod1(String keyLabel, CardId card, int atc, byte[] arqc, byte[] arc);

    /**
     * ARPC method 2 (4 bytes) under the AC session key.
     *
     * @throws IllegalArgumentException when the key's profile answers with ARPC method 1 only (visa-cvn10, mchip)
     */
    byte[] arpcMethod2(String keyLabel, CardId card, int atc, byte[] arqc, byte[] csu, byte[] proprietaryAuthData);

    /**
     * The cryptogram profile of the cards personalised from this key.
     *
     * @throws UnknownKeyException when no key has this label
     */
    CryptogramProfile profile(String keyLabel);

    /** Thrown when a key label is not known; the message names the label, never key material. */
    final class UnknownKeyException extends RuntimeException {
        public UnknownKeyException(String keyLabel) {
            super("no issuer master key labelled '" + keyLabel + "'");
        }

        /** No key is registered for the card; the message masks the PAN. */
        public UnknownKeyException(CardId card) {
            super("no issuer master key is registered for " + card);
        }
    }
}
