package io.tapbus.runtime.api;

/**
 * A request the API refuses, with the HTTP status and a specific reason. Rendered as an RFC 9457
 * {@code application/problem+json} body by {@link ProblemResponder}.
 */
public class ApiProblem extends RuntimeException {
    private final int status;
    private final String type;

    public ApiProblem(int status, String type, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "bad-request", detail);
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "unauthorized", detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "forbidden", detail);
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, "not-found", what + " not found");
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "conflict", detail);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // an expected outcome, not a bug: no stack trace to build or to log
    }
}
