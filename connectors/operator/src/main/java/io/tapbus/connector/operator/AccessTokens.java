package io.tapbus.connector.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth2 client-credentials access tokens (RFC 6749 section 4.4) for one operator, fetched on first use and kept
 * until shortly before {@code expires_in} runs out, so that many API calls share one token. A token the API
 * refuses (401) is dropped with {@link #invalidate} and the next call fetches a new one.
 */
public final class AccessTokens {
    private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);
    /** A token is renewed this long before it expires (or at 90 % of a short lifetime). */
    private static final Duration EARLY = Duration.ofSeconds(30);

    private final OperatorApiSettings settings;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;
    private int fetched;

    AccessTokens(OperatorApiSettings settings, HttpClient http, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    /** A valid token: the cached one, or a new one from the token endpoint. */
    public synchronized String current() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /** The API refused this token: the next {@link #current()} fetches another (unless one was fetched meanwhile). */
    public synchronized void invalidate(String refused) {
        if (refused != null && refused.equals(token)) {
            token = null;
        }
    }

    /** How many tokens were fetched so far (tests, metrics). */
    public synchronized int fetched() {
        return fetched;
    }

    private void fetch() {
        String form = "grant_type=client_credentials" + (settings.scope().isEmpty() ? "" : "&scope=" + URLEncoder.encode(settings.scope(),
                StandardCharsets.UTF_8));
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(settings.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(settings.clientSecret(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(settings.tokenUrl()).timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new CamaraException.Timeout("token endpoint did not answer within " + settings.timeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw new CamaraException.Unavailable(0, "UNREACHABLE", "token endpoint unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CamaraException.Unavailable(0, "INTERRUPTED", "interrupted while fetching a token", e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200 || body == null || !body.hasNonNull("access_token")) {
            // RFC 6749 5.2: {"error": "invalid_client", ...}; 400/401 from a token endpoint means our credentials
            String error = body == null ? "no JSON body" : body.path("error").asText("no error field");
            LOG.warn("operator token endpoint {} answered {} ({})", settings.tokenUrl(), response.statusCode(), error);
            if (response.statusCode() >= 500) {
                throw new CamaraException.Unavailable(response.statusCode(), "TOKEN_ENDPOINT_FAILED", "token endpoint answered "
                        + response.statusCode(), null);
            }
            throw new CamaraException.Unauthenticated("UNAUTHENTICATED", "token endpoint refused the client credentials: " + error);
        }
        long expiresIn = body.path("expires_in").asLong(3600);
        Duration early = Duration.ofMillis(Math.min(EARLY.toMillis(), expiresIn * 100)); // 30 s, or 10 % of a short life
        token = body.get("access_token").asText();
        renewAt = clock.instant().plusSeconds(expiresIn).minus(early);
        fetched++;
        LOG.debug("operator token fetched, valid {} s", expiresIn);
    }

    private JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : json.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
