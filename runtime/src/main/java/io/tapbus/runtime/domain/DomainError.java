package io.tapbus.runtime.domain;

/**
 * A business fact that stops a request ("ATC already used", "daily limit"), raised once by the service
 * that knows it and translated at each channel's edge into that channel's own answer: a reader error
 * code, an ISO 8583 field 39 value, an HTTP problem.
 */
public class DomainError extends RuntimeException {
    /** The facts, channel-neutral. Each channel keeps its own table from these codes to its answers. */
    public enum Code {
        NOT_FOUND, INVALID_INPUT, CONFLICT, DUPLICATE, FORBIDDEN, SYSTEM_UNAVAILABLE
    }

    private final Code code;

    public DomainError(Code code, String message) {
        this(code, message, null);
    }

    /** @param cause what went wrong underneath (kept for the logs, never shown to a caller) */
    public DomainError(Code code, String message, Throwable cause) {
        super(message, cause, true, false);
        this.code = code;
    }

    /** The request breaks a rule of its fields (the message names the field). */
    public static DomainError invalid(String message) {
        return new DomainError(Code.INVALID_INPUT, message);
    }

    /** {@code what} (for example "merchant M-1") is not known. */
    public static DomainError notFound(String what) {
        return new DomainError(Code.NOT_FOUND, what + " not found");
    }

    /** The request conflicts with the state (a duplicate registration, a payment finished meanwhile). */
    public static DomainError conflict(String message) {
        return new DomainError(Code.CONFLICT, message);
    }

    /** The caller may not do this to this object (an offer on another manufacturer's product). */
    public static DomainError forbidden(String message) {
        return new DomainError(Code.FORBIDDEN, message);
    }

    public Code code() {
        return code;
    }
}
