package io.tapbus.samples.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/** One HTTP request to the simulator: its JSON body, and CAMARA-shaped answers and errors ({@code {status, code, message}}). */
final class Exchange {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{4,14}");
    private static final int MAX_BODY = 64 * 1024;

    final HttpExchange http;

    Exchange(HttpExchange http) {
        this.http = http;
    }

    String method() {
        return http.getRequestMethod();
    }

    String path() {
        return http.getRequestURI().getPath();
    }

    String body() throws IOException {
        try (InputStream in = http.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new CamaraError(400, "INVALID_ARGUMENT", "request body larger than " + MAX_BODY + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The body as a JSON object holding only the {@code allowed} fields (CAMARA: unknown properties are a 400). */
    JsonNode json(Set<String> allowed) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(body());
        } catch (IOException e) {
            throw new CamaraError(400, "INVALID_ARGUMENT", "the request body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new CamaraError(400, "INVALID_ARGUMENT", "the request body must be a JSON object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new CamaraError(400, "INVALID_ARGUMENT", "unknown property " + name);
            }
        });
        return node;
    }

    /** The request's phoneNumber: 422 MISSING_IDENTIFIER when absent (two-legged tokens must name it), 400 when not E.164. */
    static String phoneNumber(JsonNode body) {
        if (!body.hasNonNull("phoneNumber")) {
            throw new CamaraError(422, "MISSING_IDENTIFIER", "The phone number cannot be identified: give phoneNumber");
        }
        String number = body.get("phoneNumber").asText();
        if (!E164.matcher(number).matches()) {
            throw new CamaraError(400, "INVALID_ARGUMENT", "phoneNumber must match ^\\+[1-9][0-9]{4,14}$");
        }
        return number;
    }

    void reply(int status, Object body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        String correlator = http.getRequestHeaders().getFirst("x-correlator");
        if (correlator != null && correlator.matches("[a-zA-Z0-9-_:;./<>{}]{0,256}")) {
            http.getResponseHeaders().set("x-correlator", correlator);
        }
        if (bytes.length > 0) {
            http.getResponseHeaders().set("Content-Type", "application/json");
        }
        http.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    void error(CamaraError e) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("status", e.status).put("code", e.code).put("message", e.getMessage());
        if (e.retryAfterSeconds > 0) {
            http.getResponseHeaders().set("Retry-After", Long.toString(e.retryAfterSeconds));
        }
        reply(e.status, body);
    }

    /** An error answer in CAMARA's shape. */
    static final class CamaraError extends RuntimeException {
        final int status;
        final String code;
        final long retryAfterSeconds;

        CamaraError(int status, String code, String message) {
            this(status, code, message, 0);
        }

        CamaraError(int status, String code, String message, long retryAfterSeconds) {
            super(message);
            this.status = status;
            this.code = code;
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }
}
