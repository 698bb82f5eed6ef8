package io.tapbus.runtime.api;

import java.util.Map;

/**
 * A request the API refuses, with the HTTP status and a specific reason. Rendered as an RFC 9457
 * {@code application/problem+json} body by {@link ProblemResponder}.
 */
public class ApiProblem extends RuntimeException {
    /** The problem kind of each status the API answers: the last segment of {@code https://tapbus.io/problems/<kind>}. */
    public static final Map<Integer, String> KINDS = Map.ofEntries(
            Map.entry(400, "bad-request"), Map.entry(401, "unauthorized"), Map.entry(403, "forbidden"),
            Map.entry(404, "not-found"), Map.entry(405, "method-not-allowed"), Map.entry(406, "not-acceptable"),
            Map.entry(409, "conflict"), Map.entry(413, "payload-too-large"), Map.entry(414, "uri-too-long"),
            Map.entry(415, "unsupported-media-type"), Map.entry(429, "too-many-requests"),
            Map.entry(431, "header-fields-too-large"), Map.entry(500, "internal-error"), Map.entry(503, "unavailable"));

    private final int status;
    private final String type;

    public ApiProblem(int status, String type, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
    }

    /** The problem of that status, of its kind in {@link #KINDS} (a status not listed counts as a server error). */
    public static ApiProblem of(int status, String detail) {
        String kind = KINDS.get(status);
        return kind == null ? new ApiProblem(500, "internal-error", detail) : new ApiProblem(status, kind, detail);
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
