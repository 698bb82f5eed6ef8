package io.tapbus.connector.ota;

/**
 * Why a secured packet, a proof of receipt or a counter was refused. The kind is the domain fact; the message says
 * which field and which value, never a key.
 */
public final class OtaException extends Exception {

    public enum Kind {
        /** The bytes or options cannot be used: wrong lengths, a field that contradicts another, bad hex. */
        MALFORMED,
        /** Well-formed, but asks for something this implementation does not do (single DES, RC, DS...). */
        UNSUPPORTED,
        /** The cryptographic checksum does not verify (status rc_cc_ds_failed). */
        CHECKSUM_FAILED,
        /** Deciphered content that cannot be right: padding counter or padding bytes out of place. */
        CIPHERING_FAILED,
        /** A counter already used: a command would repeat it, or a proof of receipt answers one already answered. */
        COUNTER_REPLAYED,
        /** A proof of receipt for a counter that was never sent. */
        COUNTER_UNKNOWN,
        /** The 5-byte counter of a key set is used up: the key set must be replaced. */
        COUNTER_EXHAUSTED,
        /** The counter store cannot record a counter durably, so none is handed out. */
        STORE_FAILED
    }

    private final Kind kind;

    public OtaException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public OtaException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static OtaException malformed(String message) {
        return new OtaException(Kind.MALFORMED, message);
    }

    static OtaException unsupported(String message) {
        return new OtaException(Kind.UNSUPPORTED, message);
    }
}
