package io.tapbus.runtime.phone;

import static io.tapbus.runtime.phone.SmsOutboxFlowTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code card.status} events, written with the change itself: a block and an unblock by the issuer over REST, a block
 * by the card holder's {@code BLOCK} text (over a jSMPP SMSC on loopback) and a replacement each publish one event on
 * {@code tapbus.events}, in order, with the card masked; a refused change publishes none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CardStatusEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CARD = DemoSeeder.ACTIVE_CARD;
    private final int port = RunningBus.freePort();
    private LoopbackSmsc smsc;
    private RunningBus bus;
    private String admin;
    private String issuer;
    private Connection jms;
    private MessageConsumer events;

    @BeforeAll
    void start() throws Exception {
        smsc = new LoopbackSmsc(port);
        bus = new RunningBus(Map.of("tapbus.smsc.local.port", String.valueOf(port), "tapbus.phone.poll-ms", "50",
                "tapbus.smsc.local.reconnect-first-ms", "100", "tapbus.events.relay-period-ms", "100"));
        admin = RunningBus.adminToken();
        HttpResponse<String> cred = bus.post("/partners/demo-bank/credentials", admin, "{\"roles\":[\"issuer\"]}");
        issuer = JSON.readTree(cred.body()).path("token").asText();
        int dot = admin.indexOf('.');
        jms = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort)
                .createConnection(admin.substring(0, dot), admin.substring(dot + 1));
        Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
        events = session.createConsumer(session.createTopic("tapbus.events"), "TapBusEventType = 'card.status'");
        jms.start();
        await(() -> smsc.binds.get() > 0);
    }

    @AfterAll
    void stop() throws Exception {
        jms.close();
        bus.close();
        smsc.close();
    }

    @Test
    void eachChangeOfACardsStatusIsOneEventAndARefusedOneNone() throws Exception {
        assertThat(bus.post("/cards/" + CARD + "/block", issuer, null).statusCode()).isEqualTo(200);
        JsonNode blocked = next();
        assertThat(blocked.path("partitionKey").asText()).isEqualTo(CARD);
        JsonNode data = blocked.path("data");
        assertThat(data.path("status").asText()).isEqualTo("BLOCKED");
        assertThat(data.path("previousStatus").asText()).isEqualTo("ACTIVE");
        assertThat(data.path("by").asText()).isEqualTo("partner");
        assertThat(data.path("partnerId").asText()).isEqualTo("demo-bank");
        assertThat(data.path("card").asText()).endsWith("E5F6").doesNotContain("04A1B2");

        // blocking a blocked card is refused: no event; the next one is the unblock
        assertThat(bus.post("/cards/" + CARD + "/block", issuer, null).statusCode()).isEqualTo(409);
        assertThat(bus.post("/cards/" + CARD + "/unblock", issuer, null).statusCode()).isEqualTo(200);
        JsonNode unblocked = next().path("data");
        assertThat(unblocked.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(unblocked.path("previousStatus").asText()).isEqualTo("BLOCKED");

        // the card holder texts BLOCK
        smsc.incoming("+8613800000001", "BLOCK");
        JsonNode bySms = next().path("data");
        assertThat(bySms.path("status").asText()).isEqualTo("BLOCKED");
        assertThat(bySms.path("by").asText()).isEqualTo("sms");
        assertThat(bySms.has("partnerId")).isFalse();
        assertThat(JSON.readTree(bus.get("/cards/" + CARD, admin).body()).path("status").asText()).isEqualTo("BLOCKED");

        // the issuer replaces the lost card
        HttpResponse<String> replaced = bus.post("/cards/" + CARD + "/replace", issuer, "{\"newCardUid\":\"04C0FFEE000001\"}");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(201);
        JsonNode replacement = next().path("data");
        assertThat(replacement.path("status").asText()).isEqualTo("REPLACED");
        assertThat(replacement.path("previousStatus").asText()).isEqualTo("BLOCKED");
        assertThat(replacement.path("replacedBy").asText()).endsWith("0001");
        assertThat(events.receive(1500)).as("no other card.status event").isNull();
    }

    private JsonNode next() throws Exception {
        TextMessage m = (TextMessage) events.receive(20_000);
        assertThat(m).as("a card.status event").isNotNull();
        return JSON.readTree(m.getText());
    }
}
