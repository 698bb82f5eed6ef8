package io.tapbus.connector.phone.mm7;

/**
 * An MM7 exchange that did not succeed, with the {@link Problem} that says why and, for an MMSC's own negative
 * answer, its MM7 status code. The message names status codes, HTTP statuses and element names, never message content,
 * recipients or credentials, so it can go into a log line.
 */
public final class Mm7Exception extends Exception {

    /** Why the exchange failed. */
    public enum Problem {
        /** The MMSC answered with an MM7 status other than success (RSErrorRsp in a SOAP Fault, or a failed SubmitRsp). */
        FAULT,
        /** The MMSC refused the credentials (HTTP 401 or 403, or MM7 status 4001 improper identification). */
        UNAUTHORIZED,
        /** The answer is not a SOAP envelope with the MM7 element it should hold. */
        MALFORMED_ANSWER,
        /** An HTTP status other than 200 with no MM7 answer in its body. */
        HTTP_ERROR,
        /** The MMSC could not be reached: nothing was sent, sending again is safe. */
        UNREACHABLE,
        /** No answer after the request was sent (a timeout, the connection lost): the MMSC may have accepted it. */
        NO_ANSWER,
        /** A request TapBus received (a delivery report) that is not well-formed MM7. */
        MALFORMED_REQUEST,
        /** A well-formed MM7 request of another operation than the one this endpoint takes (a DeliverReq). */
        UNSUPPORTED_OPERATION,
        /** A recipient that is not an E.164 number, or a request TapBus refuses to compose. */
        BAD_REQUEST
    }

    private final Problem problem;
    private final Mm7Status status;

    public Mm7Exception(Problem problem, String message) {
        this(problem, null, message, null);
    }

    public Mm7Exception(Problem problem, String message, Throwable cause) {
        this(problem, null, message, cause);
    }

    public Mm7Exception(Problem problem, Mm7Status status, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
        this.status = status;
    }

    public Problem problem() {
        return problem;
    }

    /** The MM7 status the MMSC answered, or null when the exchange failed before one was read. */
    public Mm7Status status() {
        return status;
    }

    /** True when the MMSC may have accepted the message (no answer): do not send it again blindly. */
    public boolean outcomeUnknown() {
        return problem == Problem.NO_ANSWER;
    }

    /** True when sending the same message again later may succeed: unreachable, or a temporary MM7 status. */
    public boolean retryable() {
        return problem == Problem.UNREACHABLE || (status != null && status.temporary());
    }
}
