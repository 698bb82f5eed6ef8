package io.tapbus.runtime.mms;

import static io.tapbus.runtime.mms.MmsOutboxFlowTest.JSON;
import static io.tapbus.runtime.mms.MmsOutboxFlowTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.runtime.RunningBus;
import io.tapbus.samples.mmsc.MmscSimulator;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The MMS sweeper (validity 2 s, sweeping every 200 ms) against the MMSC simulator on loopback: a ticket the MMSC took
 * but reports on only after 5 s becomes EXPIRED_NO_REPORT (with its mms.state event), then DELIVERED by the late
 * report; a ticket queued while no MMSC answers becomes EXPIRED_UNSENT and is never sent once the MMSC is back; a
 * ticket reported in time stays DELIVERED.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MmsSweeperTest {
    private final int mmscPort = RunningBus.freePort();
    private final int reportPort = RunningBus.freePort();
    private final Path store = Path.of("target", "mmsc-sweep-" + System.nanoTime()).toAbsolutePath();
    private final List<String> simLog = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private RunningBus bus;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        Map<String, String> settings = MmsOutboxFlowTest.settings(mmscPort, reportPort);
        settings.put("tapbus.mms.validity-seconds", "2");
        settings.put("tapbus.mms.sweep-period-ms", "200");
        settings.put("tapbus.events.relay-period-ms", "100");
        settings.put("tapbus.mms.max-attempts", "1000"); // the MMSC down: retried until the validity ends, not FAILED
        bus = new RunningBus(settings);
        admin = RunningBus.adminToken();
        bus.app().context().addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("jms:topic:tapbus.events?selector=TapBusEventType='mms.state'").routeId("test-mms-sweep-events")
                        .process(e -> events.add(e.getMessage().getBody(String.class)));
            }
        });
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
    }

    @Test
    void noReportWithinTheValidityThenALateOneAndNeverSentWhileTheMmscWasDown() throws Exception {
        // no MMSC: the ticket waits, retried, until its validity ends (the first sweep comes 5 s after the start)
        String unsent = queue("+8613800138011", "ticket:sweep-unsent");
        Instant queuedAt = Instant.now();
        JsonNode expired = awaitState(unsent, "EXPIRED_UNSENT");
        assertThat(Duration.between(queuedAt, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(Instant.parse(expired.get("validUntil").asText())).isBefore(Instant.now());
        assertThat(expired.get("mmscMessageId").isNull()).isTrue();

        try (MmscSimulator sim = MmsOutboxFlowTest.simulator(mmscPort, reportPort, store, simLog,
                "--report-delay-ms", "5000")) {
            String late = queue("+8613800138012", "ticket:sweep-late");
            awaitState(late, "SUBMITTED");
            JsonNode noReport = awaitState(late, "EXPIRED_NO_REPORT");
            assertThat(noReport.get("reportStatus").isNull()).isTrue();
            assertThat(eventStates(late)).contains("SUBMITTED", "EXPIRED_NO_REPORT");

            JsonNode delivered = awaitState(late, "DELIVERED");
            assertThat(delivered.get("reportStatus").asText()).isEqualTo("Retrieved");
            assertThat(eventStates(late)).endsWith("DELIVERED");
            Thread.sleep(600); // a few more sweeps: a final message stays so
            assertThat(state(late).get("state").asText()).isEqualTo("DELIVERED");
            assertThat(state(unsent).get("state").asText()).isEqualTo("EXPIRED_UNSENT");
            assertThat(sim.accepted().stream().filter(a -> a.submit().transactionId().equals("tb-" + unsent)))
                    .as("an expired message is never sent").isEmpty();
        }
    }

    private String queue(String msisdn, String correlation) throws Exception {
        HttpResponse<String> r = bus.post("/mms", admin, JSON.writeValueAsString(Map.of("kind", "TICKET", "msisdn",
                msisdn, "text", "Gate 5", "qrPayload", "TB1|ticket=" + correlation, "correlation", correlation)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).get("messageId").asText();
    }

    private JsonNode state(String id) throws Exception {
        HttpResponse<String> r = bus.get("/mms/" + id, admin);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private JsonNode awaitState(String id, String wanted) throws Exception {
        await(() -> {
            try {
                return state(id).get("state").asText().equals(wanted);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return state(id);
    }

    /** The states of the mms.state events of {@code id} seen so far, in order. */
    private List<String> eventStates(String id) throws Exception {
        await(() -> events.stream().anyMatch(e -> e.contains(id)));
        Thread.sleep(300);
        return events.stream().map(e -> {
            try {
                return JSON.readTree(e).path("data");
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }).filter(d -> d.path("messageId").asText().equals(id)).map(d -> d.path("state").asText()).toList();
    }
}
