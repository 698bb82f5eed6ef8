package io.tapbus.samples.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/** CAMARA SIM Swap: POST /sim-swap/v1/check {phoneNumber, maxAge} and POST /sim-swap/v1/retrieve-date {phoneNumber}. */
final class SimSwapApi extends ApiHandler {
    static final String BASE = "/sim-swap/v1";

    SimSwapApi(OperatorState state) {
        super(state);
    }

    @Override
    String basePath() {
        return BASE;
    }

    @Override
    void handle(Exchange exchange, String operation, String token) throws IOException {
        requireMethod(exchange, "POST");
        switch (operation) {
            case "/check" -> check(exchange);
            case "/retrieve-date" -> retrieveDate(exchange);
            default -> throw notFound(operation);
        }
    }

    private void check(Exchange exchange) throws IOException {
        JsonNode body = exchange.json(Set.of("phoneNumber", "maxAge"));
        String number = served(Exchange.phoneNumber(body));
        JsonNode age = body.path("maxAge");
        if (!age.isMissingNode() && !age.isInt()) {
            throw new Exchange.CamaraError(400, "INVALID_ARGUMENT", "maxAge must be a whole number of hours");
        }
        int maxAge = age.isMissingNode() ? 240 : age.asInt();
        Integer monitored = state.monitoredPeriodDays();
        if (maxAge < 1 || maxAge > 2400 || (monitored != null && maxAge > monitored * 24)) {
            throw new Exchange.CamaraError(400, "OUT_OF_RANGE", monitored == null ? "maxAge must be 1 to 2400 hours"
                    : "Check monitor period could not exceed local regulations (" + monitored + " days)");
        }
        Instant since = state.now().minus(Duration.ofHours(maxAge));
        boolean swapped = state.latestSimChange(number).map(when -> when.isAfter(since)).orElse(false);
        exchange.reply(200, Exchange.JSON.createObjectNode().put("swapped", swapped));
    }

    private void retrieveDate(Exchange exchange) throws IOException {
        String number = served(Exchange.phoneNumber(exchange.json(Set.of("phoneNumber"))));
        Integer monitored = state.monitoredPeriodDays();
        Instant latest = state.latestSimChange(number)
                .filter(when -> monitored == null || when.isAfter(state.now().minus(Duration.ofDays(monitored)))).orElse(null);
        ObjectNode answer = Exchange.JSON.createObjectNode();
        if (latest == null) {
            answer.putNull("latestSimChange");
        } else {
            answer.put("latestSimChange", latest.truncatedTo(ChronoUnit.MILLIS).toString());
        }
        if (monitored != null) {
            answer.put("monitoredPeriod", monitored);
        }
        exchange.reply(200, answer);
    }

    private String served(String number) {
        if (!state.serves(number)) {
            throw new Exchange.CamaraError(404, "IDENTIFIER_NOT_FOUND", "Device identifier not found.");
        }
        return number;
    }
}
