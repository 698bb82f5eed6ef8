package io.tapbus.connector.reader;

/**
 * Why a frame was rejected. The code travels in the body of an ERROR frame.
 *
 * <p>{@link #closesConnection()} tells whether the server closes the connection after the ERROR reply:
 * it does when the byte stream may be out of step with the frame boundaries (or when it can no longer
 * trust the framing), and keeps it when only this one well-delimited frame was bad.
 */
public enum ErrorCode {
    MALFORMED(true),
    OVERSIZED(true),
    TRUNCATED(true),
    UNSUPPORTED_VERSION(true),
    UNKNOWN_TYPE(false),
    UNKNOWN_READER(false),
    READER_DISABLED(false),
    BAD_MAC(false),
    REPLAY(false),
    BAD_BODY(false),
    /** Something the request names is not known to the platform (its merchant, a payment). */
    NOT_FOUND(false),
    /** The request conflicts with what happened meanwhile (a payment finished by someone else); the message says what. */
    CONFLICT(false),
    /** This reader may not do what it asked. */
    NOT_PERMITTED(false),
    /** The platform cannot store changes right now (a full disk, a database down): nothing was applied; retry later. */
    UNAVAILABLE(false),
    INTERNAL(false);

    private final boolean closesConnection;

    ErrorCode(boolean closesConnection) {
        this.closesConnection = closesConnection;
    }

    public boolean closesConnection() {
        return closesConnection;
    }
}
