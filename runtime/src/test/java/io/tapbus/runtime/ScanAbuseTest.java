package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The public scan URL under a flood from one address: 429 problem+json with Retry-After, and nothing stored. */
class ScanAbuseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningBus bus;

    @BeforeAll
    static void start() throws Exception {
        // loopback is the test's address: limit it like any other client here
        bus = new RunningBus(Map.of("tapbus.scan.client-rate", "2", "tapbus.scan.unlimited-clients", "none"));
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    @Test
    void aFloodOfScansOfMadeUpBatchesIsCountedThenRefusedWithRetryAfter() throws Exception {
        int ok = 0;
        HttpResponse<String> limited = null;
        for (int i = 0; i < 10 && limited == null; i++) {
            HttpResponse<String> r = bus.send(HttpRequest.newBuilder(bus.api("/scan/B-FLOOD-" + i + "?picc_data="
                    + "00".repeat(16) + "&cmac=" + "00".repeat(8))).GET().header("Accept", "application/json"), null);
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(JSON.readTree(r.body()).path("verdict").asText()).isEqualTo("UNKNOWN");
                ok++;
            }
        }
        assertThat(ok).as("the burst (twice the rate) passes").isBetween(4, 5);
        assertThat(limited).as("then the address is limited").isNotNull();
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(limited.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(limited.body());
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("type").asText()).endsWith("/too-many-requests");
        assertThat(problem.path("detail").asText()).contains("too many scans");
        HttpResponse<String> metrics = bus.management("/observe/metrics");
        assertThat(metrics.body()).containsPattern("tapbus_scans_unknown_batch_total(\\{[^}]*\\})? " + ok + "\\.0");
    }
}
