package io.tapbus.connector.operator;

/**
 * An operator API refused or failed a request. A CAMARA error body is {@code {status, code, message}}; each HTTP
 * status CAMARA uses has its own subclass, so callers catch what they can act on (a 404 IDENTIFIER_NOT_FOUND is an
 * answer about the number, a 429 means slow down, {@link Unavailable} means no answer at all).
 */
public class CamaraException extends RuntimeException {
    private final int status;
    private final String code;

    public CamaraException(int status, String code, String message) {
        super(status + " " + code + ": " + message);
        this.status = status;
        this.code = code;
    }

    CamaraException(int status, String code, String message, Throwable cause) {
        super(status + " " + code + ": " + message, cause);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status (0 when there was no answer). */
    public int status() {
        return status;
    }

    /** CAMARA's code, e.g. INVALID_ARGUMENT, SIM_SWAP... or a code of our own for no answer (TIMEOUT, UNREACHABLE). */
    public String code() {
        return code;
    }

    /** The subclass for an error answer. */
    static CamaraException of(int status, String code, String message, long retryAfterSeconds) {
        return switch (status) {
            case 400 -> new InvalidArgument(code, message);
            case 401 -> new Unauthenticated(code, message);
            case 403 -> new PermissionDenied(code, message);
            case 404 -> new NotFound(code, message);
            case 409 -> new Conflict(code, message);
            case 422 -> new Unprocessable(code, message);
            case 429 -> new TooManyRequests(code, message, retryAfterSeconds);
            default -> status >= 500 ? new Unavailable(status, code, message, null) : new CamaraException(status, code, message);
        };
    }

    /** 400: INVALID_ARGUMENT, OUT_OF_RANGE (e.g. maxAge beyond the operator's monitored period). */
    public static final class InvalidArgument extends CamaraException {
        public InvalidArgument(String code, String message) {
            super(400, code, message);
        }
    }

    /** 401 UNAUTHENTICATED: the token was refused even after a fresh one was fetched, or the client credentials are wrong. */
    public static final class Unauthenticated extends CamaraException {
        public Unauthenticated(String code, String message) {
            super(401, code, message);
        }
    }

    /** 403 PERMISSION_DENIED (and API-specific 403 codes): the client may not use this API or scope. */
    public static final class PermissionDenied extends CamaraException {
        public PermissionDenied(String code, String message) {
            super(403, code, message);
        }
    }

    /** 404 IDENTIFIER_NOT_FOUND (the operator does not serve the number) or NOT_FOUND (no such payment). */
    public static final class NotFound extends CamaraException {
        public NotFound(String code, String message) {
            super(404, code, message);
        }
    }

    /** 409: ALREADY_EXISTS, or a carrier billing payment not in a state that allows the operation. */
    public static final class Conflict extends CamaraException {
        public Conflict(String code, String message) {
            super(409, code, message);
        }
    }

    /** 422: MISSING_IDENTIFIER, UNNECESSARY_IDENTIFIER, SERVICE_NOT_APPLICABLE, and the APIs' own business codes. */
    public static final class Unprocessable extends CamaraException {
        public Unprocessable(String code, String message) {
            super(422, code, message);
        }
    }

    /** 429 TOO_MANY_REQUESTS / QUOTA_EXCEEDED; {@link #retryAfterSeconds()} from the Retry-After header, 0 when absent. */
    public static final class TooManyRequests extends CamaraException {
        private final long retryAfterSeconds;

        public TooManyRequests(String code, String message, long retryAfterSeconds) {
            super(429, code, message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** No usable answer: 5xx, a timeout (code TIMEOUT), the operator unreachable (UNREACHABLE) or an answer that is not CAMARA's. */
    public static class Unavailable extends CamaraException {
        public Unavailable(int status, String code, String message, Throwable cause) {
            super(status, code, message, cause);
        }
    }

    /** The operator did not answer within the configured timeout. */
    public static final class Timeout extends Unavailable {
        public Timeout(String message, Throwable cause) {
            super(0, "TIMEOUT", message, cause);
        }
    }
}
