package io.tapbus.connector.reader;

/**
 * A frame was rejected. Carries the protocol error code, a reason fit to send back to the reader, and
 * the reader id and sequence when they could be read (so the ERROR reply can be addressed and MACed).
 *
 * <p>It is an expected outcome of bad input, not a bug, so it does not fill in a stack trace.
 */
public class FrameException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String reason;
    private final String readerId;
    private final long sequence;

    public FrameException(ErrorCode code, String reason) {
        this(code, reason, null, 0);
    }

    public FrameException(ErrorCode code, String reason, String readerId, long sequence) {
        super(code + ": " + reason, null, false, false);
        this.code = code;
        this.reason = reason;
        this.readerId = readerId;
        this.sequence = sequence;
    }

    public ErrorCode code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** The reader id of the rejected frame, or null when it could not be read. */
    public String readerId() {
        return readerId;
    }

    /** The sequence of the rejected frame, or 0 when it could not be read. */
    public long sequence() {
        return sequence;
    }

    public boolean closesConnection() {
        return code.closesConnection();
    }

    public RejectedFrame toRejectedFrame() {
        return new RejectedFrame(code, reason, readerId, sequence, closesConnection());
    }
}
