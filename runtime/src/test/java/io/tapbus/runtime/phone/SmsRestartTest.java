package io.tapbus.runtime.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.phone.MessageState;
import io.tapbus.runtime.BusProcess;
import io.tapbus.runtime.RunningBus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The writer's memory of the outbox is rebuilt at start: a bus process is SIGKILLed with messages in every state
 * (DELIVERED, REFUSED, SUBMITTED and waiting for their receipts, QUEUED while the SMSC is down), and started again on
 * the same data. The queued ones go out once each, the receipts for the submitted ones (sent only after the restart)
 * are matched by the SMSC's message ids, and the finished ones stay as they were; nothing is submitted twice.
 */
class SmsRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path data = Path.of("target", "sms-restart-" + System.nanoTime()).toAbsolutePath();
    private final int smscPort = RunningBus.freePort();
    private String admin;
    private Process bus;
    private int httpPort;

    @AfterEach
    void kill() {
        if (bus != null) {
            bus.destroyForcibly();
        }
    }

    @Test
    void messagesInEveryStateCarryOnAfterAKill() throws Exception {
        admin = RunningBus.adminToken();
        Map<String, String> settings = new HashMap<>();
        settings.put("tapbus.phone.smscs", "a");
        settings.put("tapbus.smsc.a.host", "127.0.0.1");
        settings.put("tapbus.smsc.a.port", String.valueOf(smscPort));
        settings.put("tapbus.smsc.a.system-id", "tapbus");
        settings.put("tapbus.smsc.a.password", "demo");
        settings.put("tapbus.smsc.a.reconnect-first-ms", "100");
        settings.put("tapbus.smsc.a.reconnect-max-ms", "300");
        settings.put("tapbus.phone.poll-ms", "50");
        List<LoopbackSmsc.Accepted> held;
        try (LoopbackSmsc smsc = new LoopbackSmsc(smscPort)) {
            smsc.autoReceipt = null; // receipts only when asked
            start(settings);
            for (int i = 0; i < 10; i++) {
                send("+86138000100" + String.format("%02d", i), "held " + i);
            }
            SmsOutboxFlowTest.await(() -> smsc.accepted.size() == 10);
            awaitStates("held", 10, "SUBMITTED");
            List<LoopbackSmsc.Accepted> first = List.copyOf(smsc.accepted);
            for (LoopbackSmsc.Accepted a : first.subList(0, 4)) {
                smsc.receipt(a, MessageState.DELIVERED);
            }
            held = first.subList(4, 10);
            awaitStates("held", 4, "DELIVERED");
            smsc.refuseWith = 0x0B;
            send("+8613800010099", "refused");
            awaitStates("refused", 1, "REFUSED");
        }
        for (int i = 0; i < 10; i++) { // the SMSC is down: these queue
            send("+86138000200" + String.format("%02d", i), "queued " + i);
        }
        awaitStates("queued", 10, "QUEUED");
        bus.destroyForcibly().waitFor();

        try (LoopbackSmsc smsc = new LoopbackSmsc(smscPort)) {
            start(settings);
            awaitStates("queued", 10, "DELIVERED");
            for (int i = 0; i < 10; i++) {
                assertThat(smsc.acceptedWith("queued " + i)).as("queued %d", i).isEqualTo(1);
            }
            for (LoopbackSmsc.Accepted a : held) { // the receipts of parts submitted before the kill
                smsc.receipt(a, MessageState.DELIVERED);
            }
            awaitStates("held", 10, "DELIVERED");
            assertThat(smsc.accepted).as("nothing submitted before the kill was submitted again").hasSize(10);
            assertThat(list("refused").get(0).get("state").asText()).isEqualTo("REFUSED");
            assertThat(list("refused").get(0).get("parts").get(0).get("attempts").asInt()).isEqualTo(1);
        }
    }

    private void start(Map<String, String> settings) throws Exception {
        BusProcess process = new BusProcess(data, settings);
        bus = process.start();
        httpPort = process.httpPort;
    }

    private void send(String msisdn, String text) throws Exception {
        String correlation = text.split(" ")[0];
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/sms"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"msisdn\":\"" + msisdn + "\",\"text\":\"" + text
                        + "\",\"correlation\":\"" + correlation + "\"}")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    private JsonNode list(String correlation) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                        + "/api/sms?correlation=" + correlation + "&limit=100")).header("Authorization", "Bearer " + admin)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404 && r.body().contains("no operation")) {
            return JSON.createArrayNode(); // the bus's REST routes are still starting
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("messages");
    }

    /** Waits until at least {@code count} messages of the correlation are in {@code state}. */
    private void awaitStates(String correlation, int count, String state) throws Exception {
        long until = System.currentTimeMillis() + 30_000;
        long n = 0;
        while (System.currentTimeMillis() < until) {
            n = list(correlation).findValuesAsText("state").stream().filter(state::equals).count();
            if (n >= count) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(n).as("%s messages %s", correlation, state).isGreaterThanOrEqualTo(count);
    }
}
