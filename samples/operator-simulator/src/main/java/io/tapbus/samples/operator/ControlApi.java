package io.tapbus.samples.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * /control/...: what a test or a user changes while the simulator runs (no token; bind to loopback only).
 *
 * <pre>
 *   POST /control/sim-swap       {"phoneNumber": "+86...", "hoursAgo": 3} | {"phoneNumber", "latestSimChange": "RFC 3339"} | {"phoneNumber", "clear": true}
 *   POST /control/device         {"phoneNumber": "+86..."} (null: no device on the mobile network)
 *   POST /control/delay          {"millis": 2000}
 *   POST /control/fail           {"times": 1, "status": 429, "code": "TOO_MANY_REQUESTS", "message": "...", "retryAfterSeconds": 2}
 *   POST /control/token-ttl      {"seconds": 2}
 *   POST /control/revoke-tokens
 *   GET  /control/payments       the carrier billing payments and their states
 *   GET  /control/stats          {"tokensIssued": n, "apiCalls": n}
 * </pre>
 */
final class ControlApi implements HttpHandler {
    static final String PATH = "/control";
    private final OperatorState state;
    private final BillingBook book;

    ControlApi(OperatorState state, BillingBook book) {
        this.state = state;
        this.book = book;
    }

    @Override
    public void handle(HttpExchange http) throws IOException {
        Exchange exchange = new Exchange(http);
        try {
            String what = exchange.path().substring(PATH.length());
            if ("GET".equals(exchange.method())) {
                get(exchange, what);
            } else {
                post(exchange, what);
            }
        } catch (Exchange.CamaraError e) {
            exchange.error(e);
        } catch (RuntimeException e) {
            exchange.error(new Exchange.CamaraError(400, "INVALID_ARGUMENT", String.valueOf(e.getMessage())));
        } finally {
            http.close();
        }
    }

    private void get(Exchange exchange, String what) throws IOException {
        switch (what) {
            case "/payments" -> {
                ArrayNode list = Exchange.JSON.createArrayNode();
                book.all().forEach(p -> list.add(CarrierBillingApi.view(p)));
                exchange.reply(200, list);
            }
            case "/stats" -> exchange.reply(200, Exchange.JSON.createObjectNode().put("tokensIssued", state.tokensIssued())
                    .put("apiCalls", state.apiCalls()));
            default -> throw ApiHandler.notFound(what);
        }
    }

    private void post(Exchange exchange, String what) throws IOException {
        switch (what) {
            case "/sim-swap" -> {
                JsonNode body = exchange.json(Set.of("phoneNumber", "hoursAgo", "latestSimChange", "clear"));
                String number = Exchange.phoneNumber(body);
                if (body.path("clear").asBoolean(false)) {
                    state.clearSimSwap(number);
                } else {
                    state.simSwap(number, body.has("latestSimChange") ? OffsetDateTime.parse(body.get("latestSimChange").asText()).toInstant()
                            : state.now().minus(Duration.ofMinutes(Math.round(body.path("hoursAgo").asDouble(0) * 60))));
                }
            }
            case "/device" -> {
                JsonNode body = exchange.json(Set.of("phoneNumber"));
                state.deviceNumber(body.path("phoneNumber").isNull() ? null : Exchange.phoneNumber(body));
            }
            case "/delay" -> state.delay(Duration.ofMillis(exchange.json(Set.of("millis")).path("millis").asLong()));
            case "/fail" -> {
                JsonNode b = exchange.json(Set.of("times", "status", "code", "message", "retryAfterSeconds"));
                state.failNext(b.path("times").asInt(1), b.path("status").asInt(500), b.path("code").asText("INTERNAL"),
                        b.path("message").asText("forced by /control/fail"), b.path("retryAfterSeconds").asLong(0));
            }
            case "/token-ttl" -> state.tokenTtl(Duration.ofSeconds(exchange.json(Set.of("seconds")).path("seconds").asLong(3600)));
            case "/revoke-tokens" -> state.revokeTokens();
            default -> throw ApiHandler.notFound(what);
        }
        exchange.reply(204, null);
    }

}
