package io.tapbus.runtime.api;

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
        if (problem.status() >= 500) {
            LOG.error("REST call {} {} failed", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                    exchange.getMessage().getHeader(Exchange.HTTP_PATH), cause);
        } else {
            LOG.info("REST call {} {} refused: {} {}", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                    exchange.getMessage().getHeader(Exchange.HTTP_PATH), problem.status(), problem.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://tapbus.io/problems/" + problem.type());
        body.put("title", problem.type().replace('-', ' '));
        body.put("status", problem.status());
        body.put("detail", problem.getMessage());
        body.put("instance", exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class));
        exchange.getMessage().removeHeaders("*", "breadcrumbId");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
        exchange.getMessage().setBody(json.writeValueAsString(body));
    }

    static ApiProblem toProblem(Throwable cause) {
        if (cause instanceof ApiProblem p) {
            return p;
        }
        if (cause instanceof JsonProcessingException j) {
            String msg = j.getOriginalMessage();
            return ApiProblem.badRequest("malformed JSON body: " + (msg == null ? "unreadable" : msg.lines().findFirst().orElse("")));
        }
        if (cause instanceof NumberFormatException) {
            return ApiProblem.badRequest("a numeric parameter is not a number");
        }
        return new ApiProblem(500, "internal-error", "the request could not be processed; nothing was changed");
    }
}
