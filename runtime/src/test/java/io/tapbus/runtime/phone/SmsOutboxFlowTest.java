package io.tapbus.runtime.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.phone.MessageState;
import io.tapbus.runtime.RunningBus;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A bus with two SMSCs (jSMPP's server API on loopback ports, {@link LoopbackSmsc}): outgoing SMS through the outbox,
 * receipts, routing by prefix and ported number, failover, an SMSC outage, validity, refusals and an unanswered
 * submit_sm. Every REST exchange is checked against the API document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmsOutboxFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final int portA = RunningBus.freePort();
    private final int portB = RunningBus.freePort();
    private LoopbackSmsc a;
    private LoopbackSmsc b;
    private RunningBus bus;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        a = new LoopbackSmsc(portA);
        b = new LoopbackSmsc(portB);
        Map<String, String> settings = new HashMap<>();
        settings.put("tapbus.phone.smscs", "a, b");
        settings.put("tapbus.phone.route.default", "a, b");
        settings.put("tapbus.phone.operators", "unicom");
        settings.put("tapbus.phone.route.unicom", "b");
        settings.put("tapbus.phone.poll-ms", "50");
        settings.put("tapbus.phone.sweep-period-ms", "300");
        for (String name : List.of("a", "b")) {
            String prefix = "tapbus.smsc." + name + ".";
            settings.put(prefix + "host", "127.0.0.1");
            settings.put(prefix + "port", String.valueOf(name.equals("a") ? portA : portB));
            settings.put(prefix + "system-id", "tapbus");
            settings.put(prefix + "password", "demo");
            settings.put(prefix + "reconnect-first-ms", "100");
            settings.put(prefix + "reconnect-max-ms", "300");
            settings.put(prefix + "response-timeout-ms", "1500");
            settings.put(prefix + "enquire-link-ms", "1000");
        }
        bus = new RunningBus(settings);
        admin = RunningBus.adminToken();
        await(() -> a.binds.get() > 0 && b.binds.get() > 0);
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
        a.close();
        b.close();
    }

    @Test
    @Order(1)
    void shortAndLongChineseTextsAreDeliveredAndReceiptsUpdateTheirState() throws Exception {
        java.util.concurrent.BlockingQueue<String> events = new java.util.concurrent.LinkedBlockingQueue<>();
        bus.app().context().addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("jms:topic:tapbus.events?selector=TapBusEventType='sms.state'").routeId("test-sms-events")
                        .process(e -> events.add(e.getMessage().getBody(String.class)));
            }
        });
        String gsm = send("+8613800138000", "Balance 12.50 CNY", "reply:IN-1", null);
        String chinese = send("+8613800138000", "您的余额是十二点五元。".repeat(8), "reply:IN-1", null);
        awaitState(gsm, "DELIVERED");
        JsonNode message = awaitState(chinese, "DELIVERED");
        assertThat(message.get("partCount").asInt()).isEqualTo(2);
        assertThat(message.get("msisdn").asText()).isEqualTo("+86138****8000");
        assertThat(message.has("text")).isFalse();
        for (JsonNode part : message.get("parts")) {
            assertThat(part.get("state").asText()).isEqualTo("DELIVERED");
            assertThat(part.get("smsc").asText()).isEqualTo("a");
            assertThat(part.get("attempts").asInt()).isEqualTo(1);
            LoopbackSmsc.Accepted at = a.accepted.stream()
                    .filter(x -> x.messageId().equals(part.get("smscMessageId").asText())).findFirst().orElseThrow();
            assertThat(at.dataCoding()).isEqualTo(8); // UCS-2
            // concatenation UDH: 05 00 03 ref total part
            assertThat(at.shortMessage()[0]).isEqualTo((byte) 5);
            assertThat(at.shortMessage()[4]).isEqualTo((byte) 2);
            assertThat(at.shortMessage()[5]).isEqualTo((byte) part.get("partNo").asInt());
            assertThat(at.destination()).isEqualTo("8613800138000");
            assertThat(at.userRef()).isNotNull();
        }
        assertThat(a.acceptedWith("Balance 12.50 CNY")).isEqualTo(1);
        List<String> states = new ArrayList<>();
        long until = System.currentTimeMillis() + 10_000;
        while (!states.contains("DELIVERED") && System.currentTimeMillis() < until) {
            String e = events.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS);
            JsonNode event = e == null ? null : JSON.readTree(e);
            if (event != null && event.path("data").path("messageId").asText().equals(gsm)) {
                assertThat(event.path("type").asText()).isEqualTo("sms.state");
                assertThat(event.path("data").path("msisdn").asText()).isEqualTo("+86138****8000");
                assertThat(event.toString()).doesNotContain("Balance");
                states.add(event.path("data").path("state").asText());
            }
        }
        bus.app().context().getRouteController().stopRoute("test-sms-events");
        assertThat(states).as("the message's events on the topic").startsWith("QUEUED").endsWith("DELIVERED")
                .doesNotContain("SENDING");
        JsonNode list = JSON.readTree(ok(bus.get("/sms?correlation=reply:IN-1", admin)).body());
        assertThat(list.get("messages")).hasSize(2);
        assertThat(bus.get("/sms/SMS-nope", admin).statusCode()).isEqualTo(404);
        assertThat(bus.get("/sms/" + gsm, null).statusCode()).isEqualTo(401);
        assertThat(bus.post("/sms", admin, "{\"msisdn\":\"12\",\"text\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(bus.post("/sms", admin, "{\"msisdn\":\"+8613800138000\"}").statusCode()).isEqualTo(400);
    }

    @Test
    @Order(2)
    void portedNumbersAndPrefixesChooseTheOperatorsSmsc() throws Exception {
        String ported = send("+8613900139000", "to a ported number", null, null); // 86139 is cmcc, ported to unicom
        String unicom = send("+8613012345678", "to a unicom prefix", null, null);
        String cmcc = send("+8613900139001", "to a cmcc number", null, null);
        assertThat(awaitState(ported, "DELIVERED").get("parts").get(0).get("smsc").asText()).isEqualTo("b");
        assertThat(awaitState(unicom, "DELIVERED").get("parts").get(0).get("smsc").asText()).isEqualTo("b");
        assertThat(awaitState(cmcc, "DELIVERED").get("parts").get(0).get("smsc").asText()).isEqualTo("a");
        assertThat(b.acceptedWith("to a ported number")).isEqualTo(1);
        assertThat(a.acceptedWith("to a ported number")).isZero();
        assertThat(a.acceptedWith("to a cmcc number")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aMessageGoesToTheSecondSmscWhileTheFirstIsDown() throws Exception {
        a.close();
        await(() -> health().findPath("smsc.a").asText().equals("DOWN"));
        String id = send("+8613800138001", "failover", null, null);
        assertThat(awaitState(id, "DELIVERED").get("parts").get(0).get("smsc").asText()).isEqualTo("b");
        assertThat(b.acceptedWith("failover")).isEqualTo(1);
        a = new LoopbackSmsc(portA);
        await(() -> health().findPath("smsc.a").asText().equals("BOUND"));
    }

    @Test
    @Order(4)
    void whileNoSmscIsUpMessagesQueueAndGoOnceEachWhenOneReturns() throws Exception {
        a.close();
        b.close();
        await(() -> health().findPath("smsc.a").asText().equals("DOWN") && health().findPath("smsc.b").asText().equals("DOWN"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(send("+86138001380" + String.format("%02d", i), "queued " + i, "outage", null));
        }
        Thread.sleep(1000);
        for (String id : ids) {
            assertThat(state(id).get("state").asText()).isEqualTo("QUEUED");
        }
        a = new LoopbackSmsc(portA);
        for (String id : ids) {
            awaitState(id, "DELIVERED");
        }
        for (int i = 0; i < 30; i++) {
            assertThat(a.acceptedWith("queued " + i)).as("message %d", i).isEqualTo(1);
        }
        b = new LoopbackSmsc(portB);
        await(() -> health().findPath("smsc.b").asText().equals("BOUND"));
    }

    @Test
    @Order(5)
    void aReceiptForAnUnknownMessageIsAcknowledged() throws Exception {
        int before = a.receiptsAnswered.get();
        a.receiptForUnknown("NOT-OURS-1");
        await(() -> a.receiptsAnswered.get() > before);
        assertThat(awaitState(send("+8613800138002", "after the stray receipt", null, null), "DELIVERED")).isNotNull();
    }

    @Test
    @Order(6)
    void noFinalReceiptWithinTheValidityIsMarkedAndALateReceiptStillCounts() throws Exception {
        a.autoReceipt = null;
        try {
            String id = send("+8613800138003", "no receipt", null, 1);
            awaitState(id, "EXPIRED_NO_RECEIPT");
            LoopbackSmsc.Accepted sent = a.accepted.stream().filter(x -> x.text().equals("no receipt")).findFirst()
                    .orElseThrow();
            a.receipt(sent, MessageState.UNDELIVERABLE);
            awaitState(id, "UNDELIVERABLE");
        } finally {
            a.autoReceipt = MessageState.DELIVERED;
        }
    }

    @Test
    @Order(7)
    void aRefusalIsFinalAndNotSentAgain() throws Exception {
        a.refuseWith = 0x0B; // ESME_RINVDSTADR
        try {
            int before = a.received.get();
            JsonNode m = awaitState(send("+8613800138004", "refused", null, null), "REFUSED");
            assertThat(m.get("parts").get(0).get("commandStatus").asInt()).isEqualTo(0x0B);
            Thread.sleep(500);
            assertThat(a.received.get() - before).isEqualTo(1);
        } finally {
            a.refuseWith = 0;
        }
    }

    @Test
    @Order(8)
    void anUnansweredSubmitIsNeverSentAgainAndItsReceiptResolvesIt() throws Exception {
        a.answerDelayMillis = 2500; // beyond the link's 1.5 s response timeout
        String id;
        try {
            id = send("+8613800138005", "slow smsc", null, null);
            awaitState(id, "OUTCOME_UNKNOWN");
        } finally {
            a.answerDelayMillis = 0;
        }
        // the SMSC took it after all; its receipt carries our user_message_reference
        JsonNode m = awaitState(id, "DELIVERED");
        assertThat(m.get("parts").get(0).get("smscMessageId").asText()).startsWith("L");
        Thread.sleep(500);
        assertThat(a.acceptedWith("slow smsc")).isEqualTo(1);
    }

    private String send(String msisdn, String text, String correlation, Integer validity) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("msisdn", msisdn);
        body.put("text", text);
        body.put("correlation", correlation);
        body.put("validitySeconds", validity);
        HttpResponse<String> r = bus.post("/sms", admin, JSON.writeValueAsString(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).get("messageId").asText();
    }

    private JsonNode state(String id) throws Exception {
        return JSON.readTree(ok(bus.get("/sms/" + id, admin)).body());
    }

    private JsonNode awaitState(String id, String state) throws Exception {
        long until = System.currentTimeMillis() + 20_000;
        JsonNode m = state(id);
        while (!m.get("state").asText().equals(state) && System.currentTimeMillis() < until) {
            Thread.sleep(50);
            m = state(id);
        }
        assertThat(m.get("state").asText()).as(m.toString()).isEqualTo(state);
        return m;
    }

    private JsonNode health() {
        try {
            return JSON.readTree(bus.management("/observe/health?exposureLevel=full&data=true").body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("condition not met within 20 s").isLessThan(until);
            Thread.sleep(50);
        }
    }
}
