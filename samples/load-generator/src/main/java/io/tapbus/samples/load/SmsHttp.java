package io.tapbus.samples.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** HTTP for the SMS benches: the bus's REST API (with a bearer key) and the SMSC simulator's control (without). */
final class SmsHttp {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> post(String url, String body, String bearer) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", bearer == null ? "text/plain; charset=utf-8" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return call(b, bearer);
    }

    HttpResponse<String> get(String url, String bearer) throws IOException {
        return call(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET(), bearer);
    }

    private HttpResponse<String> call(HttpRequest.Builder b, String bearer) throws IOException {
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static JsonNode expect(HttpResponse<String> r, int status, String what) throws IOException {
        if (r.statusCode() != status) {
            throw new IOException(what + " answered HTTP " + r.statusCode() + ": " + Rest.abbreviate(r.body()));
        }
        return r.body().isBlank() ? Rest.JSON.nullNode() : Rest.JSON.readTree(r.body().startsWith("ok")
                ? "{}" : r.body());
    }

    static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
