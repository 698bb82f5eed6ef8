package io.tapbus.connector.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One operator's CAMARA endpoint: JSON requests with the bearer token and an {@code x-correlator}, answers and
 * CAMARA error bodies ({@code {status, code, message}}) turned into results and {@link CamaraException}s. A 401
 * drops the token and the request is sent once more with a fresh one (the operator may revoke tokens before they
 * expire). Shared by the three API clients.
 */
public final class CamaraHttp {
    private static final Logger LOG = LoggerFactory.getLogger(CamaraHttp.class);

    private final OperatorApiSettings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final AccessTokens tokens;

    public CamaraHttp(OperatorApiSettings settings) {
        this(settings, Clock.systemUTC());
    }

    CamaraHttp(OperatorApiSettings settings, Clock clock) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).version(HttpClient.Version.HTTP_1_1).build();
        this.tokens = new AccessTokens(settings, http, json, clock);
    }

    public OperatorApiSettings settings() {
        return settings;
    }

    public AccessTokens tokens() {
        return tokens;
    }

    ObjectMapper json() {
        return json;
    }

    /** POSTs {@code body} (null: no body) and returns the JSON answer (null for 202/204 without one). */
    JsonNode post(URI uri, Object body) {
        return call("POST", uri, body);
    }

    JsonNode get(URI uri) {
        return call("GET", uri, null);
    }

    private JsonNode call(String method, URI uri, Object body) {
        String correlator = UUID.randomUUID().toString();
        String token = tokens.current();
        HttpResponse<String> response = send(method, uri, body, token, correlator);
        if (response.statusCode() == 401) {
            tokens.invalidate(token);
            response = send(method, uri, body, tokens.current(), correlator);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return parse(response.body());
        }
        JsonNode error = lenient(response.body());
        String code = error == null ? null : error.path("code").asText(null);
        String message = error == null ? null : error.path("message").asText("");
        if (code == null) {
            LOG.warn("operator {} {} answered {} without a CAMARA error body (x-correlator {})", method, uri.getPath(), status, correlator);
            throw status >= 500 || status < 400 ? new CamaraException.Unavailable(status, "HTTP_" + status, "no CAMARA error body", null)
                    : CamaraException.of(status, "HTTP_" + status, "no CAMARA error body", 0);
        }
        LOG.info("operator {} {} answered {} {} (x-correlator {})", method, uri.getPath(), status, code, correlator);
        long retryAfter = response.headers().firstValue("Retry-After").map(CamaraHttp::seconds).orElse(0L);
        throw CamaraException.of(status, code, message, retryAfter);
    }

    private HttpResponse<String> send(String method, URI uri, Object body, String token, String correlator) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.timeout()).header("Accept", "application/json")
                .header("Authorization", "Bearer " + token).header("x-correlator", correlator);
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            LOG.warn("operator {} {} timed out after {} ms (x-correlator {})", method, uri.getPath(), settings.timeout().toMillis(), correlator);
            throw new CamaraException.Timeout(uri.getPath() + " did not answer within " + settings.timeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw new CamaraException.Unavailable(0, "UNREACHABLE", uri.getPath() + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CamaraException.Unavailable(0, "INTERRUPTED", "interrupted while calling " + uri.getPath(), e);
        }
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new CamaraException.Unavailable(0, "BAD_ANSWER", "the operator's answer is not JSON", e);
        }
    }

    private JsonNode lenient(String text) {
        try {
            return parse(text);
        } catch (CamaraException e) {
            return null;
        }
    }

    private static long seconds(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
