package io.tapbus.runtime.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The outbox on the journal write path: many texts queued at once to an SMSC that answers and sends each receipt at
 * once (jSMPP's server API on a loopback port, {@link LoopbackSmsc}) are all submitted once and DELIVERED, every receipt
 * matched, and not one write batch took the database's slow path (direct statements, commit and
 * CHECKPOINT SYNC): every move was journaled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmsJournalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TEXTS = 400;
    private static final int WINDOW = 20;
    private final int port = RunningBus.freePort();
    private LoopbackSmsc smsc;
    private RunningBus bus;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        smsc = new LoopbackSmsc(port);
        Map<String, String> settings = new HashMap<>();
        settings.put("tapbus.phone.smscs", "a");
        settings.put("tapbus.smsc.a.host", "127.0.0.1");
        settings.put("tapbus.smsc.a.port", String.valueOf(port));
        settings.put("tapbus.smsc.a.system-id", "tapbus");
        settings.put("tapbus.smsc.a.password", "demo");
        settings.put("tapbus.smsc.a.window", String.valueOf(WINDOW));
        bus = new RunningBus(settings);
        admin = RunningBus.adminToken();
        SmsOutboxFlowTest.await(() -> smsc.binds.get() > 0);
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
        smsc.close();
    }

    @Test
    void manyTextsAreJournaledSentOnceAndEveryReceiptIsMatched() throws Exception {
        long directBefore = directBatches();
        ExecutorService posts = Executors.newFixedThreadPool(16);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < TEXTS; i++) {
            String body = "{\"msisdn\":\"+861380013" + String.format("%04d", i) + "\",\"text\":\"journal " + i
                    + "\",\"correlation\":\"journal\"}";
            answers.add(posts.submit(() -> bus.post("/sms", admin, body)));
        }
        for (Future<HttpResponse<String>> a : answers) {
            assertThat(a.get().statusCode()).as(a.get().body()).isEqualTo(202);
        }
        posts.shutdown();
        JsonNode messages = null;
        long until = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < until) {
            messages = JSON.readTree(bus.get("/sms?correlation=journal&limit=500", admin).body()).get("messages");
            if (messages.size() == TEXTS && messages.findValuesAsText("state").stream().allMatch("DELIVERED"::equals)) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(messages).hasSize(TEXTS);
        assertThat(messages.findValuesAsText("state")).as("every receipt matched to its message")
                .containsOnly("DELIVERED");
        for (int i = 0; i < TEXTS; i++) {
            assertThat(smsc.acceptedWith("journal " + i)).as("text %d sent once", i).isEqualTo(1);
        }
        for (JsonNode m : messages) {
            assertThat(m.get("parts").get(0).get("attempts").asInt()).isEqualTo(1);
        }
        assertThat(directBatches()).as("write batches made durable by the database instead of the journal")
                .isEqualTo(directBefore);
    }

    private long directBatches() throws Exception {
        for (String line : bus.management("/observe/metrics").body().split("\n")) {
            if (line.startsWith("tapbus_write_direct_batches")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no tapbus_write_direct_batches metric");
    }
}
