package io.tapbus.connector.card;

/** The platform's verdict on one ARQC. */
public record ArqcVerification(Verdict verdict, String reason) {

    public enum Verdict {
        VALID, INVALID_CRYPTOGRAM, REPLAYED_ATC, UNKNOWN_KEY, MALFORMED
    }

    public boolean valid() {
        return verdict == Verdict.VALID;
    }

    static ArqcVerification of(Verdict verdict, String reason) {
        return new ArqcVerification(verdict, reason);
    }
}
