package io.tapbus.connector.card;

/**
 * The issuer-key operations of online card authentication, shaped so that an HSM (PKCS#11 or a payment HSM) can
 * implement them without ever exporting a key: callers name the issuer master key (IMK-AC) by label and pass the
 * card's identity and ATC; the implementation derives the ICC master key (Option A) and the common session key
 * inside its own boundary.
 */
public interface IssuerCryptogramKeys {

    /**
     * Whether {@code arqc} is the cryptogram the card {@code card} computes over {@code arqcInput} at {@code atc}.
     *
     * @throws UnknownKeyException when no key has this label
     */
    boolean verifyArqc(String keyLabel, CardId card, int atc, byte[] arqcInput, byte[] arqc);

    /** ARPC method 1 (8 bytes) under the AC session key. */
    byte[] arpcMethod1(String keyLabel, CardId card, int atc, byte[] arqc, byte[] arc);

    /** ARPC method 2 (4 bytes) under the AC session key. */
    byte[] arpcMethod2(String keyLabel, CardId card, int atc, byte[] arqc, byte[] csu, byte[] proprietaryAuthData);

    /** Thrown when a key label is not known; the message names the label, never key material. */
    final class UnknownKeyException extends RuntimeException {
        public UnknownKeyException(String keyLabel) {
            super("no issuer master key labelled '" + keyLabel + "'");
        }
    }
}
