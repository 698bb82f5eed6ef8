package io.tapbus.samples.daylife;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BiConsumer;

/** The bus's REST API under {@code <bus>/api}: JSON in, JSON out, a bearer token per call. */
final class Rest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: its status, its body as JSON (an empty object when it has none) and as text. */
    record Reply(int status, JsonNode json, String text) {
        String field(String name) {
            return json.path(name).asText();
        }
    }

    private final String api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final BiConsumer<HttpRequest, HttpResponse<String>> observer;

    /** @param observer sees every exchange (a test holds them to the OpenAPI document); may do nothing */
    Rest(String busUrl, BiConsumer<HttpRequest, HttpResponse<String>> observer) {
        String base = busUrl.endsWith("/") ? busUrl.substring(0, busUrl.length() - 1) : busUrl;
        this.api = base.endsWith("/api") ? base : base + "/api";
        this.observer = observer;
    }

    Reply get(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().header("Accept", "application/json"), token);
    }

    Reply post(String path, String token, String json) throws IOException, InterruptedException {
        return post(path, token, json, null);
    }

    /** A POST; {@code idempotencyKey} goes into the Idempotency-Key header when given. */
    Reply post(String path, String token, String json, String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri(path));
        r = json == null ? r.POST(HttpRequest.BodyPublishers.noBody())
                : r.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            r.header("Idempotency-Key", idempotencyKey);
        }
        return send(r, token);
    }

    private URI uri(String path) {
        return URI.create(api + path);
    }

    private Reply send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest built = request.timeout(Duration.ofSeconds(15)).build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        observer.accept(built, response);
        String body = response.body() == null ? "" : response.body();
        JsonNode json;
        try {
            json = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException notJson) {
            json = JSON.createObjectNode();
        }
        return new Reply(response.statusCode(), json, body);
    }

    /** A JSON string literal of {@code s}. */
    static String q(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
