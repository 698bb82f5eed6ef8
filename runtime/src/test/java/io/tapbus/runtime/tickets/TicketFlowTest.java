package io.tapbus.runtime.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.reader.ErrorBody;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.ticket.GateAnswer;
import io.tapbus.connector.reader.ticket.GateValidation;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** E-tickets on a running bus: sold over REST, validated by gates on the reader port, synced from offline gates, refunded. */
class TicketFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningBus bus;
    private static String admin;
    private static String seller;
    private static String account;

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus();
        admin = RunningBus.adminToken();
        assertThat(bus.post("/partners", admin, "{\"partnerId\":\"metro-sh\",\"name\":\"Metro\",\"kind\":\"MERCHANT\"}").statusCode()).isEqualTo(201);
        seller = JSON.readTree(bus.post("/partners/metro-sh/credentials", admin, "{\"roles\":[\"ticket-seller\"]}").body()).path("token").asText();
        account = JSON.readTree(bus.get("/cards/" + DemoSeeder.ACTIVE_CARD, admin).body()).path("accountId").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    static JsonNode issue(String kind, long price, int expectStatus) throws Exception {
        return issue(kind, price, UUID.randomUUID().toString(), expectStatus);
    }

    static JsonNode issue(String kind, long price, String key, int expectStatus) throws Exception {
        Instant now = Instant.now();
        String body = "{\"idempotencyKey\":\"" + key + "\",\"kind\":\"" + kind + "\",\"product\":\"METRO-SINGLE\",\"zones\":\"1,2\","
                + "\"validFrom\":\"" + now.minusSeconds(3600) + "\",\"validUntil\":\"" + now.plusSeconds(86_400) + "\""
                + (price > 0 ? ",\"priceMinor\":" + price + ",\"accountId\":\"" + account + "\"" : "")
                + ",\"cardUid\":\"" + DemoSeeder.ACTIVE_CARD + "\"}";
        HttpResponse<String> r = bus.post("/tickets", seller, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expectStatus);
        return JSON.readTree(r.body());
    }

    static long balance() throws Exception {
        return JSON.readTree(bus.get("/accounts/" + account, admin).body()).path("balanceMinor").asLong();
    }

    static GateValidation at(JsonNode ticket, String line, String zone, Instant when) {
        return new GateValidation("V-" + UUID.randomUUID(), Base64.getUrlDecoder().decode(ticket.path("payload").asText()), line, zone, when);
    }

    static GateAnswer validate(ReaderClient gate, GateValidation v) throws Exception {
        ReaderFrame reply = gate.send(FrameType.TICKET_VALIDATE, gate.nextSequence(), v.validateBody());
        assertThat(reply.type()).as(reply.bodyText()).isEqualTo(FrameType.TICKET_RESULT);
        return GateAnswer.parse(reply.body());
    }

    static List<GateAnswer> sync(ReaderClient gate, List<GateValidation> list) throws Exception {
        ReaderFrame reply = gate.send(FrameType.TICKET_SYNC, gate.nextSequence(), GateValidation.syncBody(list));
        assertThat(reply.type()).as(reply.bodyText()).isEqualTo(FrameType.TICKET_SYNC_ACK);
        return GateAnswer.parseSyncAck(reply.body());
    }

    @Test
    void aPaidRideOpensTheGateOnceAndTheSellerHearsOfIt() throws Exception {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort);
        int dot = admin.indexOf('.');
        try (Connection jms = cf.createConnection(admin.substring(0, dot), admin.substring(dot + 1));
             ReaderClient gate = bus.reader("R-DEMO-1")) {
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = session.createConsumer(session.createTopic("tapbus.events"));
            jms.start();
            long before = balance();
            String key = "order-" + UUID.randomUUID();
            JsonNode ticket = issue("RIDE", 400, key, 201);
            assertThat(balance()).isEqualTo(before - 400);
            assertThat(ticket.path("qr").asText()).startsWith("B45:");
            assertThat(ticket.path("cardWrite").path("kind").asText()).isEqualTo("TICKET");
            JsonNode again = issue("RIDE", 400, key, 200);
            assertThat(again.path("ticketId").asText()).isEqualTo(ticket.path("ticketId").asText());
            assertThat(balance()).as("a repeated sale charges nothing more").isEqualTo(before - 400);

            GateValidation first = at(ticket, "L-PEOPLES-SQ-IN", "1", Instant.now());
            GateAnswer open = validate(gate, first);
            assertThat(open.outcome()).isEqualTo("OPEN");
            assertThat(open.usesLeft()).isZero();
            GateAnswer second = validate(gate, at(ticket, "L-PEOPLES-SQ-IN", "1", Instant.now()));
            assertThat(second.outcome()).isEqualTo("REFUSED");
            assertThat(second.reasons()).containsExactly("ALREADY_USED");
            GateAnswer retried = validate(gate, first);
            assertThat(retried.outcome()).isEqualTo("OPEN");
            assertThat(retried.repeated()).isTrue();
            assertThat(JSON.readTree(bus.get("/tickets/" + ticket.path("ticketId").asText(), seller).body()).path("usesLeft").asInt()).isZero();

            List<String> types = eventTypesOf(events, ticket.path("ticketId").asText(), 2);
            assertThat(types).containsExactly("ticket.issued", "ticket.validated");
        }
    }

    @Test
    void aForgedOrTamperedTicketIsRefusedAndGarbageIsABadBody() throws Exception {
        JsonNode ticket = issue("RIDE", 0, 201);
        try (ReaderClient gate = bus.reader("R-DEMO-1")) {
            GateValidation good = at(ticket, "L-1", "1", Instant.now());
            byte[] forged = good.ticket().clone();
            forged[forged.length - 5] ^= 0x40;
            GateAnswer refused = validate(gate, new GateValidation("V-forged-" + UUID.randomUUID(), forged, "L-1", "1", Instant.now()));
            assertThat(refused.outcome()).isEqualTo("REFUSED");
            assertThat(refused.reasons()).contains("BAD_SIGNATURE");
            ReaderFrame error = gate.send(FrameType.TICKET_VALIDATE, gate.nextSequence(),
                    new GateValidation("V-x", new byte[] {1, 2, 3}, "L-1", "1", Instant.now()).validateBody());
            assertThat(error.type()).isEqualTo(FrameType.ERROR);
            assertThat(ErrorBody.parse(error.body()).code()).isEqualTo("BAD_BODY");
            assertThat(validate(gate, good).outcome()).as("the real ticket still works").isEqualTo("OPEN");
        }
    }

    @Test
    void twoGatesRacingOnTheLastUseOpenOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            JsonNode ticket = issue("RIDE", 0, 201);
            try (ReaderClient a = bus.reader("R-DEMO-1"); ReaderClient b = bus.reader("R-DEMO-2")) {
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<GateAnswer> fa = CompletableFuture.supplyAsync(() -> race(start, a, at(ticket, "L-A", "1", Instant.now())));
                CompletableFuture<GateAnswer> fb = CompletableFuture.supplyAsync(() -> race(start, b, at(ticket, "L-B", "2", Instant.now())));
                List<String> outcomes = List.of(fa.get().outcome(), fb.get().outcome());
                assertThat(outcomes).containsExactlyInAnyOrder("OPEN", "REFUSED");
            }
        }
    }

    private static GateAnswer race(CyclicBarrier start, ReaderClient gate, GateValidation v) {
        try {
            start.await();
            return validate(gate, v);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRideUsedAtTwoOfflineGatesIsCountedOnceAndReportedOnce() throws Exception {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort);
        int dot = admin.indexOf('.');
        try (Connection jms = cf.createConnection(admin.substring(0, dot), admin.substring(dot + 1));
             ReaderClient east = bus.reader("R-DEMO-1"); ReaderClient west = bus.reader("R-DEMO-2")) {
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = session.createConsumer(session.createTopic("tapbus.events"));
            jms.start();
            JsonNode ticket = issue("RIDE", 0, 201);
            String id = ticket.path("ticketId").asText();
            GateValidation atEast = at(ticket, "L-EAST-IN", "1", Instant.now().minusSeconds(600));
            GateValidation atWest = at(ticket, "L-WEST-IN", "2", Instant.now().minusSeconds(300));
            assertThat(sync(east, List.of(atEast)).get(0).outcome()).isEqualTo("COUNTED");
            GateAnswer doubled = sync(west, List.of(atWest)).get(0);
            assertThat(doubled.outcome()).isEqualTo("DOUBLE_USE");
            assertThat(doubled.reasons()).contains("ALREADY_USED");
            // both gates upload again after another reconnect: the first answers, nothing counted or reported twice
            assertThat(sync(west, List.of(atWest)).get(0)).satisfies(a -> {
                assertThat(a.outcome()).isEqualTo("DOUBLE_USE");
                assertThat(a.repeated()).isTrue();
            });
            assertThat(sync(east, List.of(atEast)).get(0).repeated()).isTrue();
            assertThat(JSON.readTree(bus.get("/tickets/" + id, seller).body()).path("usesLeft").asInt()).isZero();
            List<String> types = eventTypesOf(events, id, 3);
            assertThat(types).containsExactlyInAnyOrder("ticket.issued", "ticket.validated", "ticket.double_use");
            assertThat(eventTypesOf(events, id, 0)).as("no second double_use").isEmpty();
        }
    }

    @Test
    void anUnusedTicketIsRefundedOnceAndThenOpensNoGate() throws Exception {
        long before = balance();
        JsonNode ticket = issue("EVENT", 800, 201);
        String id = ticket.path("ticketId").asText();
        HttpResponse<String> refunded = bus.post("/tickets/" + id + "/refund", seller, null);
        assertThat(refunded.statusCode()).as(refunded.body()).isEqualTo(200);
        assertThat(JSON.readTree(refunded.body()).path("status").asText()).isEqualTo("REFUNDED");
        assertThat(balance()).isEqualTo(before);
        HttpResponse<String> twice = bus.post("/tickets/" + id + "/refund", seller, null);
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("REFUNDED");
        assertThat(balance()).as("refunded once").isEqualTo(before);
        try (ReaderClient gate = bus.reader("R-DEMO-1")) {
            GateAnswer a = validate(gate, at(ticket, "L-HALL", "1", Instant.now()));
            assertThat(a.outcome()).isEqualTo("REFUSED");
            assertThat(a.reasons()).contains("REFUNDED");
            JsonNode used = issue("RIDE", 300, 201);
            assertThat(validate(gate, at(used, "L-HALL", "1", Instant.now())).outcome()).isEqualTo("OPEN");
            HttpResponse<String> usedRefund = bus.post("/tickets/" + used.path("ticketId").asText() + "/refund", seller, null);
            assertThat(usedRefund.statusCode()).isEqualTo(409);
            assertThat(usedRefund.body()).contains("was used");
        }
    }

    @Test
    void badSalesAreRefusedWithReasons() throws Exception {
        Instant now = Instant.now();
        String window = ",\"validFrom\":\"" + now + "\",\"validUntil\":\"" + now.plusSeconds(60) + "\"";
        assertThat(bus.post("/tickets", seller, "{\"idempotencyKey\":\"k1\",\"kind\":\"BOAT\",\"product\":\"P\",\"zones\":\"1\"" + window + "}")
                .statusCode()).isEqualTo(400);
        HttpResponse<String> noAccount = bus.post("/tickets", seller,
                "{\"idempotencyKey\":\"k2\",\"kind\":\"RIDE\",\"product\":\"P\",\"zones\":\"1\",\"priceMinor\":100" + window + "}");
        assertThat(noAccount.statusCode()).isEqualTo(400);
        assertThat(noAccount.body()).contains("accountId");
        HttpResponse<String> tooDear = bus.post("/tickets", seller, "{\"idempotencyKey\":\"k3\",\"kind\":\"RIDE\",\"product\":\"P\",\"zones\":\"1\","
                + "\"priceMinor\":9999999,\"accountId\":\"" + account + "\"" + window + "}");
        assertThat(tooDear.statusCode()).isEqualTo(409);
        HttpResponse<String> backwards = bus.post("/tickets", seller, "{\"idempotencyKey\":\"k4\",\"kind\":\"RIDE\",\"product\":\"P\",\"zones\":\"1\","
                + "\"validFrom\":\"" + now + "\",\"validUntil\":\"" + now.minusSeconds(60) + "\"}");
        assertThat(backwards.statusCode()).isEqualTo(400);
        String merchant = JSON.readTree(bus.post("/partners/metro-sh/credentials", admin, "{\"roles\":[\"merchant\"]}").body()).path("token").asText();
        assertThat(bus.post("/tickets", merchant, "{\"idempotencyKey\":\"k5\",\"kind\":\"RIDE\",\"product\":\"P\",\"zones\":\"1\"" + window + "}")
                .statusCode()).isEqualTo(403);
        assertThat(bus.get("/tickets/TK-none", seller).statusCode()).isEqualTo(404);
    }

    /** The types of the events about a ticket, waiting until {@code expected} arrived (or 3 s more when 0 are expected). */
    private static List<String> eventTypesOf(MessageConsumer events, String ticketId, int expected) throws Exception {
        List<String> types = new ArrayList<>();
        long deadline = System.currentTimeMillis() + (expected == 0 ? 3_000 : 10_000);
        while (System.currentTimeMillis() < deadline && (expected == 0 || types.size() < expected)) {
            TextMessage m = (TextMessage) events.receive(Duration.ofMillis(500).toMillis());
            if (m != null && m.getText().contains(ticketId)) {
                JsonNode e = JSON.readTree(m.getText());
                assertThat(e.path("merchantId").asText()).isEqualTo("metro-sh");
                types.add(e.path("type").asText());
            }
        }
        return types;
    }
}
