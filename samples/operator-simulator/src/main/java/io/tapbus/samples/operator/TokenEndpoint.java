package io.tapbus.samples.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * POST /oauth2/token: the OAuth2 client credentials grant (RFC 6749 section 4.4), the client authenticated with
 * HTTP Basic or with client_id and client_secret in the form. Answers {access_token, token_type, expires_in}, or
 * RFC 6749's {error} with 400/401.
 */
final class TokenEndpoint implements HttpHandler {
    static final String PATH = "/oauth2/token";
    private final OperatorState state;

    TokenEndpoint(OperatorState state) {
        this.state = state;
    }

    @Override
    public void handle(HttpExchange http) throws IOException {
        Exchange exchange = new Exchange(http);
        try {
            if (!"POST".equals(exchange.method())) {
                exchange.reply(405, oauthError("invalid_request", "use POST"));
                return;
            }
            Map<String, String> form = form(exchange.body());
            String id = form.get("client_id");
            String secret = form.get("client_secret");
            String auth = http.getRequestHeaders().getFirst("Authorization");
            if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
                String[] pair = decodeBasic(auth.substring(6).strip());
                id = pair[0];
                secret = pair[1];
            }
            if (!"client_credentials".equals(form.get("grant_type"))) {
                exchange.reply(400, oauthError("unsupported_grant_type", "only client_credentials"));
            } else if (id == null || secret == null || !state.clientMatches(id, secret)) {
                http.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"operator\"");
                exchange.reply(401, oauthError("invalid_client", "unknown client or wrong secret"));
            } else {
                exchange.reply(200, Exchange.JSON.createObjectNode().put("access_token", state.issueToken()).put("token_type", "Bearer")
                        .put("expires_in", state.tokenTtlSeconds()));
            }
        } catch (RuntimeException e) {
            exchange.reply(400, oauthError("invalid_request", "unreadable request"));
        } finally {
            http.close();
        }
    }

    private static ObjectNode oauthError(String error, String description) {
        return Exchange.JSON.createObjectNode().put("error", error).put("error_description", description);
    }

    private static String[] decodeBasic(String encoded) {
        String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return new String[] {null, null};
        }
        return new String[] {URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8)};
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
