package io.tapbus.samples.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The bus's REST API for the set-up before a run (readers, cards, tag batches): a few calls, not timed. */
final class Rest implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A status and a parsed body (null when the body is not JSON). */
    record Reply(int status, JsonNode body, String text) {
        boolean is(int... expected) {
            for (int e : expected) {
                if (status == e) {
                    return true;
                }
            }
            return false;
        }
    }

    private final String api;
    private final String token;
    private final HttpClient http;
    private final ExecutorService pool;

    Rest(String api, String token, int parallel) {
        this.api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        this.pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "bench-rest");
            t.setDaemon(true);
            return t;
        });
    }

    Rest withToken(String other) {
        return new Rest(api, other, 8);
    }

    Reply get(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(api + path)).GET(), null);
    }

    Reply post(String path, String body) throws IOException {
        return post(path, body, null);
    }

    Reply post(String path, String body, String idempotencyKey) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return send(b, body);
    }

    /** Fails with the call and the answer when the status is not one of {@code expected}. */
    static Reply expect(Reply r, String what, int... expected) throws IOException {
        if (!r.is(expected)) {
            throw new IOException(what + " answered HTTP " + r.status() + ": " + abbreviate(r.text()));
        }
        return r;
    }

    private Reply send(HttpRequest.Builder b, String ignored) throws IOException {
        b.timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = null;
            try {
                node = r.body().isEmpty() ? null : JSON.readTree(r.body());
            } catch (IOException e) {
                // not JSON
            }
            return new Reply(r.statusCode(), node, r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Runs the tasks on the pool, at most {@code parallel} at a time; the first failure is thrown after all ended. */
    void all(List<IoTask> tasks) throws IOException {
        List<Future<?>> futures = new ArrayList<>();
        for (IoTask t : tasks) {
            futures.add(pool.submit(() -> {
                t.run();
                return null;
            }));
        }
        IOException first = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    interface IoTask {
        void run() throws IOException;
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
