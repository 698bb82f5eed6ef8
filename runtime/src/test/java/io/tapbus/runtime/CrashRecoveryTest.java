package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderKeys;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.runtime.demo.DemoSeeder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kills a real bus process (SIGKILL) while readers tap, restarts it on the same data, and lets the
 * readers retry what was not answered (same correlationId, as the reader protocol says). Every tap
 * must end up recorded exactly once, and the money must add up.
 */
class CrashRecoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BusProcess process = new BusProcess(Path.of("target", "crash-" + System.nanoTime()).toAbsolutePath(),
            Map.of("tapbus.demo.bench-readers", "4"));
    private final int readerPort = process.readerPort;
    private final int httpPort = process.httpPort;
    private Process bus;

    @AfterEach
    void kill() {
        if (bus != null) {
            bus.destroyForcibly();
        }
    }

    private Process start() throws Exception {
        return process.start();
    }

    @Test
    void killedMidFlowLosesNothingAndPostsNothingTwice() throws Exception {
        bus = start();
        long before = balance();
        List<String> readers = List.of("R-BENCH-001", "R-BENCH-002", "R-BENCH-003", "R-BENCH-004");
        Map<String, TapResponse> answered = new ConcurrentHashMap<>();
        Map<String, String> sentBy = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(readers.size());
        for (String readerId : readers) {
            pool.submit(() -> {
                int n = 0;
                while (!stop.get() && n < 100) { // at most 400 taps: the history query below returns up to 500
                    String id = readerId + "-tap-" + n++;
                    sentBy.put(id, readerId);
                    try (ReaderClient reader = client(readerId)) {
                        answered.put(id, TapResponse.parse(reader.tap(tap(id)).body()));
                    } catch (Exception lostWithTheBus) {
                        return null;
                    }
                }
                return null;
            });
        }
        long until = System.currentTimeMillis() + 30_000;
        while (answered.size() < 40 && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        bus.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // while the readers are still tapping
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        assertThat(answered).as("taps answered before the kill").isNotEmpty();

        bus = start();
        for (Map.Entry<String, String> sent : sentBy.entrySet()) {
            try (ReaderClient reader = client(sent.getValue())) {
                TapResponse retry = TapResponse.parse(reader.tap(tap(sent.getKey())).body());
                TapResponse first = answered.get(sent.getKey());
                if (first != null) {
                    assertThat(retry.transactionId()).as("a retry of an answered tap gets the same answer").isEqualTo(first.transactionId());
                }
                answered.put(sent.getKey(), retry);
            }
        }
        // four readers tap one card at once, so some taps lose the race on today's spend (CONCURRENT_CHANGE)
        long approved = answered.values().stream().filter(r -> r.verdict() == TapResponse.Verdict.APPROVED).count();
        assertThat(answered).hasSameSizeAs(sentBy);
        assertThat(approved).isPositive();
        assertThat(balance()).as("every tap debited exactly once").isEqualTo(before - 7 * approved);
        Map<String, Integer> recorded = new java.util.HashMap<>();
        for (JsonNode row : JSON.readTree(get("/cards/" + DemoSeeder.ACTIVE_CARD + "/history?limit=500")).path("transactions")) {
            recorded.merge(row.path("correlationId").asText(), 1, Integer::sum);
        }
        for (String id : sentBy.keySet()) {
            assertThat(recorded.get(id)).as("tap " + id + " recorded once").isEqualTo(1);
        }
    }

    private static TapRequest tap(String correlationId) {
        return new TapRequest(DemoSeeder.ACTIVE_CARD, 7, "CNY", Instant.now().toString(), correlationId);
    }

    private ReaderClient client(String readerId) throws Exception {
        return new ReaderClient("127.0.0.1", readerPort, readerId, ReaderKeys.diversify(RunningBus.readerMasterKey(), readerId),
                Duration.ofSeconds(10));
    }

    private long balance() throws Exception {
        String account = JSON.readTree(get("/cards/" + DemoSeeder.ACTIVE_CARD)).path("accountId").asText();
        return JSON.readTree(get("/accounts/" + account)).path("balanceMinor").asLong();
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api" + path))
                .header("Authorization", "Bearer " + RunningBus.adminToken()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        RunningBus.CONTRACT.assertConforms(r.request(), r);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }
}
