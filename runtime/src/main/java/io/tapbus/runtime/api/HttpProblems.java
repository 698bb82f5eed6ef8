package io.tapbus.runtime.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Answers as problem+json what Vert.x refuses before any Camel route runs: a request line or headers too long
 * (414, 431) or not HTTP at all (400), a path no operation has (404), a method or media type the operation does not
 * take (405, 406, 415), a body over the size limit (413), and a failure outside the routes (500). The routes' own
 * refusals go through {@link ProblemResponder}, with the same body and the same log lines.
 */
public final class HttpProblems {
    static final List<Integer> ROUTER_STATUSES = List.of(400, 404, 405, 406, 413, 415, 500, 503);
    private static final String OPERATIONS = "the operations, their methods and media types are in /api/openapi.json";

    private final ProblemResponder responder;
    private final Long maxBodySize;

    public HttpProblems(ProblemResponder responder, Long maxBodySize) {
        this.responder = responder;
        this.maxBodySize = maxBodySize;
    }

    /** Every status the router answers by itself gets its problem body (Vert.x would send an empty or plain one). */
    public void install(Router router) {
        for (int status : ROUTER_STATUSES) {
            router.errorHandler(status, ctx -> answer(ctx, status));
        }
    }

    private void answer(RoutingContext ctx, int status) {
        HttpServerRequest request = ctx.request();
        send(request, request.method().name(), ProblemResponder.maskedPath(request.path()),
                ApiProblem.of(status, detail(status, request)), ctx.failure());
    }

    /** A request Vert.x could not decode: the connection is closed after the answer, as its decoder cannot go on. */
    public void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        ApiProblem problem;
        if (cause instanceof TooLongHttpLineException) {
            problem = ApiProblem.of(414, "the request line (method, path and query) is longer than "
                    + HttpServerOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH + " bytes; send long values in a JSON body");
        } else if (cause instanceof TooLongHttpHeaderException) {
            problem = ApiProblem.of(431, "the request headers are larger than " + HttpServerOptions.DEFAULT_MAX_HEADER_SIZE
                    + " bytes in all");
        } else {
            problem = ApiProblem.of(400, "the request is not valid HTTP/1.1");
        }
        request.response().putHeader("Connection", "close");
        send(request, "-", null, problem, null); // the method and path were not read (Vert.x shows a made-up one)
    }

    private String detail(int status, HttpServerRequest request) {
        return switch (status) {
            case 404 -> "no operation at " + ProblemResponder.maskedPath(request.path()) + "; " + OPERATIONS;
            case 405 -> "this path does not take " + request.method().name() + "; " + OPERATIONS;
            case 406 -> "this operation cannot answer in a media type the Accept header allows (" + brief(request.getHeader("Accept"))
                    + "); it answers application/json (send Accept: application/json, or no Accept header)";
            case 413 -> "the request body is larger than " + (maxBodySize == null ? "the limit" : maxBodySize + " bytes")
                    + "; every request of this API is a small JSON document";
            case 415 -> "this operation takes a JSON body: send it with Content-Type: application/json (not "
                    + brief(request.getHeader("Content-Type")) + ")";
            case 400 -> "the request could not be read (its headers or body are malformed)";
            case 503 -> "the service is not available right now; try again later";
            default -> "the request could not be processed; nothing was changed";
        };
    }

    /** A header value as the caller sent it, shortened: it goes back in the detail. */
    private static String brief(String value) {
        if (value == null || value.isBlank()) {
            return "none given";
        }
        return value.length() > 80 ? value.substring(0, 80) + "..." : value;
    }

    private void send(HttpServerRequest request, String method, String path, ApiProblem problem, Throwable cause) {
        HttpServerResponse response = request.response();
        ProblemResponder.log(method, path == null ? "(not read)" : path, problem, cause);
        if (response.ended() || response.closed() || response.headWritten()) {
            return;
        }
        String body;
        try {
            body = responder.render(problem, path);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + problem.status() + "}";
        }
        response.setStatusCode(problem.status()).putHeader("Content-Type", ProblemResponder.CONTENT_TYPE).end(body);
    }
}
