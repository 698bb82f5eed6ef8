package io.tapbus.runtime.mms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.BusProcess;
import io.tapbus.runtime.RunningBus;
import io.tapbus.samples.mmsc.MmscSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIGKILLs a bus process while an MMS is at the MMSC unanswered (the simulator in silent mode: the bus recorded it
 * SUBMITTING and waits for the SubmitRsp), starts the bus again on the same data with the MMSC answering, and checks
 * that the message became OUTCOME_UNKNOWN and was not sent again, while a new message goes through.
 */
class MmsCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path data = Path.of("target", "mms-crash-" + System.nanoTime()).toAbsolutePath();
    private final int mmscPort = RunningBus.freePort();
    private final int reportPort = RunningBus.freePort();
    private final List<String> simLog = new CopyOnWriteArrayList<>();
    private Process bus;
    private MmscSimulator sim;

    @AfterEach
    void kill() {
        if (bus != null) {
            bus.destroyForcibly();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aMessageLeftSubmittingByACrashBecomesOutcomeUnknownAndIsNotSentAgain() throws Exception {
        Map<String, String> settings = MmsOutboxFlowTest.settings(mmscPort, reportPort);
        settings.put("tapbus.mmsc.sim.timeout-ms", "60000"); // the bus waits for the silent MMSC until it is killed
        String admin = RunningBus.adminToken();
        sim = MmsOutboxFlowTest.simulator(mmscPort, reportPort, data.resolve("mmsc"), simLog, "--mode", "silent");
        BusProcess first = new BusProcess(data, settings);
        bus = first.start();
        String id = queue(first.httpPort, admin, "TB1|ticket=T-crash");
        MmsOutboxFlowTest.await(() -> simLog.stream().anyMatch(l -> l.contains("never answered")));
        assertThat(state(first.httpPort, admin, id).get("state").asText()).isEqualTo("SUBMITTING");
        bus.destroyForcibly().waitFor();
        sim.close();
        simLog.clear();

        sim = MmsOutboxFlowTest.simulator(mmscPort, reportPort, data.resolve("mmsc"), simLog);
        BusProcess second = new BusProcess(data, settings);
        bus = second.start();
        JsonNode m = state(second.httpPort, admin, id);
        assertThat(m.get("state").asText()).as(m.toString()).isEqualTo("OUTCOME_UNKNOWN");
        assertThat(m.get("problem").asText()).isEqualTo("RESTART");
        assertThat(m.get("attempts").asInt()).isEqualTo(1);
        // the sender works after the restart: a new message is delivered, and the old one was not sent again
        String next = queue(second.httpPort, admin, "TB1|ticket=T-after");
        MmsOutboxFlowTest.await(() -> state(second.httpPort, admin, next).get("state").asText().equals("DELIVERED"));
        assertThat(sim.accepted()).extracting(a -> a.submit().transactionId()).containsExactly("tb-" + next);
        assertThat(state(second.httpPort, admin, id).get("state").asText()).isEqualTo("OUTCOME_UNKNOWN");
    }

    private String queue(int port, String admin, String payload) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/mms"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("kind", "TICKET",
                        "msisdn", "+8613800138000", "text", "Gate 4", "qrPayload", payload)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).get("messageId").asText();
    }

    private JsonNode state(int port, String admin, String id) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/mms/" + id)).header("Authorization", "Bearer " + admin).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
