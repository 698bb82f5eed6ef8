package io.tapbus.runtime.api;

import io.tapbus.runtime.domain.DomainError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders any failure of a REST call as RFC 9457 problem details; never a stack trace to the caller. */
public final class ProblemResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponder.class);
    private final ObjectMapper json;

    public ProblemResponder(ObjectMapper json) {
        this.json = json;
    }

    public void respond(Exchange exchange) throws JsonProcessingException {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiProblem problem = toProblem(cause);
        String path = maskedPath(exchange.getMessage().getHeader(Exchange.HTTP_PATH));
        log(exchange.getMessage().getHeader(Exchange.HTTP_METHOD), path, problem, cause);
        exchange.getMessage().removeHeaders("*", "breadcrumbId");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        if (problem instanceof ScanLimits.TooManyRequests limited) {
            exchange.getMessage().setHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
        }
        exchange.getMessage().setBody(render(problem, path));
    }

    public static final String CONTENT_TYPE = "application/problem+json";

    /** The RFC 9457 body: type (one per kind), title, status, detail and the (masked) path, if known, as instance. */
    public String render(ApiProblem problem, String maskedPath) throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://tapbus.io/problems/" + problem.type());
        body.put("title", problem.type().replace('-', ' '));
        body.put("status", problem.status());
        body.put("detail", problem.getMessage());
        if (maskedPath != null) {
            body.put("instance", maskedPath);
        }
        return json.writeValueAsString(body);
    }

    /** A refused call is the caller's to fix (WARN, with the reason); a failed one is ours (ERROR). */
    static void log(Object method, String maskedPath, ApiProblem problem, Throwable cause) {
        if (problem.status() >= 500) {
            LOG.error("REST call {} {} failed: {} {} ({})", method, maskedPath, problem.status(), problem.getMessage(),
                    cause == null ? "no exception" : cause.getClass().getName());
        } else {
            LOG.warn("REST call {} {} refused: {} {}", method, maskedPath, problem.status(), problem.getMessage());
        }
    }

    /** The problem+json answer for a failure (also what the JMS channels report as status and detail). */
    public static ApiProblem toProblem(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ApiProblem p) {
                return p;
            }
            if (t instanceof DomainError d) {
                return switch (d.code()) {
                    case SYSTEM_UNAVAILABLE -> new ApiProblem(503, "unavailable", d.getMessage());
                    case NOT_FOUND -> new ApiProblem(404, "not-found", d.getMessage());
                    case INVALID_INPUT -> ApiProblem.badRequest(d.getMessage());
                    case CONFLICT, DUPLICATE -> ApiProblem.conflict(d.getMessage());
                    case FORBIDDEN -> ApiProblem.forbidden(d.getMessage());
                };
            }
            if (t instanceof JsonProcessingException j && BodyProblems.of(j) != null) {
                return BodyProblems.of(j);
            }
            if (t instanceof JsonProcessingException j) {
                return ApiProblem.badRequest("malformed JSON body: " + BodyProblems.syntax(j));
            }
            if (t instanceof NumberFormatException || t instanceof org.apache.camel.TypeConversionException) {
                return ApiProblem.badRequest("a numeric parameter (such as limit) is not a number");
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                if (sql.getSQLState().startsWith("22")) {
                    return ApiProblem.badRequest("a field value is too long or not valid for its field");
                }
                if (sql.getSQLState().startsWith("23")) {
                    return ApiProblem.conflict("the change conflicts with existing data (a duplicate or a missing reference)");
                }
            }
        }
        return new ApiProblem(500, "internal-error", "the request could not be processed; nothing was changed");
    }

    /** Request paths carry card UIDs: logs show only the last four characters of any long hex run. */
    static String maskedPath(Object path) {
        if (path == null) {
            return null;
        }
        return java.util.regex.Pattern.compile("[0-9A-Fa-f]{8,}").matcher(path.toString())
                .replaceAll(m -> "*".repeat(m.group().length() - 4) + m.group().substring(m.group().length() - 4));
    }
}
