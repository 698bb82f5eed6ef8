package io.tapbus.runtime.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Membership merging on a whole bus: the demo retailers (demo-shop owns demo-shop-club, demo-cafe owns
 * demo-cafe-card) merge cards onto the demo universal card over REST and over JMS with their own credentials,
 * another retailer is refused, the rules' refusals come back with reasons, points are earned and redeemed once per
 * idempotency key (two redemptions racing for the last points: one refused), unmerge, and the retailer gets the
 * events on its own topic.
 */
class MembershipFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CARD = "04A1B2C3D4E5F6"; // demo user +8613800000001, "Demo user"
    private static RunningBus bus;
    private static String admin;
    private static String shop;
    private static String cafe;

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus();
        admin = RunningBus.adminToken();
        shop = bus.partnerToken("demo-shop", "merchant");
        cafe = bus.partnerToken("demo-cafe", "merchant");
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    private static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private static String merge(String member, String extra) {
        return "{\"programmeId\":\"demo-shop-club\",\"memberNumber\":\"" + member + "\",\"cardUid\":\"" + CARD + "\"" + extra + "}";
    }

    private static List<String> codes(JsonNode outcome) {
        List<String> codes = new ArrayList<>();
        outcome.path("reasons").forEach(r -> codes.add(r.path("code").asText()));
        return codes;
    }

    @Test
    void mergeEarnRedeemUnmergeOverRestAndJmsWithTheRetailersEvents() throws Exception {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort);
        int dot = shop.indexOf('.');
        try (Connection events = cf.createConnection(shop.substring(0, dot), shop.substring(dot + 1))) {
            Session es = events.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer shopEvents = es.createConsumer(es.createTopic("tapbus.partner.demo-shop.events"));
            events.start();

            // REST, the retailer's own credential: the holder's own card with consent is merged with its points
            JsonNode merged = ok(bus.post("/memberships", shop, merge("SC-1",
                    ",\"tier\":\"SILVER\",\"memberSince\":\"2020-01-01\",\"points\":1000,\"consent\":true,"
                            + "\"holderName\":\"  DEMO   User \",\"holderPhone\":\"+86 138 0000 0001\"")), 201);
            assertThat(merged.path("verdict").asText()).isEqualTo("APPROVED");
            assertThat(merged.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(merged.path("pointsCredited").asLong()).isEqualTo(1000);

            // the same card again: a duplicate, nothing changed
            JsonNode again = ok(bus.post("/memberships", shop, merge("SC-1", ",\"points\":1000,\"consent\":true")), 200);
            assertThat(again.path("verdict").asText()).isEqualTo("DECLINED");
            assertThat(codes(again)).containsExactly("ALREADY_MERGED");

            // another retailer may not merge into, read or post points of this programme
            assertThat(bus.post("/memberships", cafe, merge("SC-9", ",\"consent\":true")).statusCode()).isEqualTo(403);
            assertThat(bus.get("/memberships/demo-shop-club/SC-1", cafe).statusCode()).isEqualTo(403);
            assertThat(bus.post("/memberships/demo-shop-club/SC-1/points/earn", cafe,
                    "{\"points\":5,\"idempotencyKey\":\"steal-1\"}").statusCode()).isEqualTo(403);

            // another person's card, and a card without consent: refused with the rules' reasons
            JsonNode other = ok(bus.post("/memberships", shop, merge("SC-2",
                    ",\"consent\":true,\"holderName\":\"Zhang Min\",\"holderPhone\":\"+8613900000009\"")), 200);
            assertThat(other.path("verdict").asText()).isEqualTo("DECLINED");
            assertThat(codes(other)).containsExactlyInAnyOrder("HOLDER_NAME_MISMATCH", "HOLDER_PHONE_MISMATCH");
            JsonNode noConsent = ok(bus.post("/memberships", shop, merge("SC-3", ",\"holderName\":\"Demo user\"")), 200);
            assertThat(noConsent.path("verdict").asText()).isEqualTo("REFERRED");
            assertThat(codes(noConsent)).containsExactly("CONSENT_REQUIRED");
            assertThat(bus.get("/memberships/demo-shop-club/SC-2", shop).statusCode()).isEqualTo(404);

            // JMS, the cafe's own credential: its GOLD card's points move into the shop's ledger at the agreed 10:1
            JsonNode reply = jms(cafe, "{\"operation\":\"merge\",\"programmeId\":\"demo-cafe-card\",\"memberNumber\":\"CC-9\","
                    + "\"cardUid\":\"" + CARD + "\",\"tier\":\"GOLD\",\"points\":1234,\"consent\":true,"
                    + "\"convertPointsTo\":\"demo-shop-club\"}", "m-1");
            assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
            assertThat(reply.path("correlationId").asText()).isEqualTo("m-1");
            assertThat(reply.path("result").path("verdict").asText()).isEqualTo("APPROVED");
            assertThat(reply.path("result").path("pointsProgrammeId").asText()).isEqualTo("demo-shop-club");
            assertThat(reply.path("result").path("pointsCredited").asLong()).isEqualTo(123);
            JsonNode refused = jms(cafe, "{\"operation\":\"earn\",\"programmeId\":\"demo-shop-club\",\"memberNumber\":\"SC-1\","
                    + "\"points\":5,\"idempotencyKey\":\"jms-steal\"}", "m-2");
            assertThat(refused.path("ok").asBoolean()).isFalse();
            assertThat(refused.path("status").asInt()).isEqualTo(403);
            assertThat(ok(bus.get("/memberships/demo-shop-club/SC-1", shop), 200).path("points").asLong()).isEqualTo(1123);

            // earn once per idempotency key
            String earn = "{\"points\":50,\"idempotencyKey\":\"receipt-1\",\"reference\":\"receipt 1\"}";
            assertThat(ok(bus.post("/memberships/demo-shop-club/SC-1/points/earn", shop, earn), 201).path("balance").asLong())
                    .isEqualTo(1173);
            JsonNode repeat = ok(bus.post("/memberships/demo-shop-club/SC-1/points/earn", shop, earn), 200);
            assertThat(repeat.path("replayed").asBoolean()).isTrue();
            assertThat(repeat.path("balance").asLong()).isEqualTo(1173);
            assertThat(bus.post("/memberships/demo-shop-club/SC-1/points/earn", shop,
                    "{\"points\":60,\"idempotencyKey\":\"receipt-1\"}").statusCode()).isEqualTo(409);

            // two redemptions race for the last points: one is refused
            List<Integer> statuses = race(1000, 2);
            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
            assertThat(ok(bus.get("/memberships/demo-shop-club/SC-1", shop), 200).path("points").asLong()).isEqualTo(173);
            HttpResponse<String> tooMany = bus.post("/memberships/demo-shop-club/SC-1/points/redeem", shop,
                    "{\"points\":174,\"idempotencyKey\":\"r-x\"}");
            assertThat(tooMany.statusCode()).isEqualTo(409);
            assertThat(tooMany.body()).contains("INSUFFICIENT_POINTS");

            // a payment at the retailer by the universal card earns points in its programme (1 per 1.00), once
            String issuer = bus.partnerToken("demo-bank", "issuer");
            String pay = "{\"msisdn\":\"+8613800000001\",\"merchantId\":\"demo-shop\",\"amountMinor\":5000,"
                    + "\"currency\":\"CNY\",\"idempotencyKey\":\"member-pay-1\"}";
            assertThat(ok(bus.post("/payments", issuer, pay), 200).path("status").asText()).isEqualTo("APPROVED");
            assertThat(ok(bus.post("/payments", issuer, pay), 200).path("status").asText()).isEqualTo("APPROVED");
            assertThat(ok(bus.get("/memberships/demo-shop-club/SC-1", shop), 200).path("points").asLong()).isEqualTo(223);

            // unmerge: the card is off the universal card, its points stay in the ledger
            JsonNode off = ok(bus.post("/memberships/demo-shop-club/SC-1/unmerge", shop, null), 200);
            assertThat(off.path("status").asText()).isEqualTo("UNMERGED");
            assertThat(off.path("points").asLong()).isEqualTo(223);
            assertThat(bus.post("/memberships/demo-shop-club/SC-1/unmerge", shop, null).statusCode()).isEqualTo(404);
            assertThat(bus.post("/memberships/demo-shop-club/SC-1/points/earn", shop,
                    "{\"points\":1,\"idempotencyKey\":\"after\"}").statusCode()).isEqualTo(404);

            List<String> types = new ArrayList<>();
            for (TextMessage m; (m = (TextMessage) shopEvents.receive(types.size() < 8 ? 10_000 : 1_000)) != null; ) {
                JsonNode e = JSON.readTree(m.getText());
                if (e.path("type").asText().startsWith("payment.")) {
                    continue;
                }
                types.add(e.path("type").asText());
                if ("payment".equals(e.path("data").path("source").asText())) {
                    assertThat(e.path("data").path("memberNumber").asText()).as("the tap identified the member").isEqualTo("SC-1");
                    assertThat(e.path("data").path("points").asLong()).isEqualTo(50);
                }
                assertThat(e.path("merchantId").asText()).isEqualTo("demo-shop");
                assertThat(m.getText()).doesNotContain(CARD);
            }
            assertThat(types).containsExactly("points.earned", "membership.merged", "points.earned", "points.earned",
                    "points.redeemed", "points.earned", "membership.unmerged");
        }
        String audit = ok(bus.get("/admin/audit?limit=100", admin), 200).toString();
        assertThat(audit).contains("membership.merge", "membership.unmerge", "demo-cafe/");
    }

    @Test
    void aRetailerRegistersItsOwnProgrammes() throws Exception {
        JsonNode created = ok(bus.post("/loyalty-programmes", shop, "{\"programmeId\":\"shop-gold-club\",\"name\":\"Gold Club\"}"), 201);
        assertThat(created.path("partnerId").asText()).isEqualTo("demo-shop");
        assertThat(bus.post("/loyalty-programmes", cafe, "{\"programmeId\":\"shop-gold-club\",\"name\":\"Mine\"}").statusCode())
                .as("an id taken").isEqualTo(409);
        assertThat(bus.post("/loyalty-programmes", cafe, "{\"programmeId\":\"x\",\"name\":\"X\",\"partnerId\":\"demo-shop\"}")
                .statusCode()).as("for another retailer").isEqualTo(403);
        assertThat(bus.post("/loyalty-programmes", shop, "{\"programmeId\":\"bad id!\",\"name\":\"X\"}").statusCode()).isEqualTo(400);
        assertThat(ok(bus.get("/loyalty-programmes/shop-gold-club", shop), 200).path("name").asText()).isEqualTo("Gold Club");
        assertThat(bus.get("/loyalty-programmes/shop-gold-club", cafe).statusCode()).isEqualTo(404);
        assertThat(bus.post("/memberships", shop, "{\"programmeId\":\"shop-gold-club\",\"memberNumber\":\"G-1\",\"cardUid\":\"FFFFFFFFFFFFFF\"}")
                .statusCode()).as("an unknown universal card").isEqualTo(404);
        JsonNode garbage = jms(shop, "{\"operation\":\"fly\"}", "m-bad");
        assertThat(garbage.path("ok").asBoolean()).isFalse();
        assertThat(garbage.path("status").asInt()).isEqualTo(400);
    }

    @Test
    void onlyRetailersMaySendMembershipRequests() throws Exception {
        String events = bus.partnerToken("demo-shop", "events");
        int dot = events.indexOf('.');
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort);
        try (Connection c = cf.createConnection(events.substring(0, dot), events.substring(dot + 1))) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> s.createProducer(s.createQueue(MembershipRequests.QUEUE)).send(s.createTextMessage("{}")))
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    private static List<Integer> race(long points, int racers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String body = "{\"points\":" + points + ",\"idempotencyKey\":\"race-" + i + "\"}";
                Callable<Integer> call = () -> {
                    go.await();
                    return bus.post("/memberships/demo-shop-club/SC-1/points/redeem", shop, body).statusCode();
                };
                answers.add(pool.submit(call));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : answers) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends a request as the retailer and waits for the answer on its own replies queue. */
    private static JsonNode jms(String token, String body, String correlationId) throws Exception {
        int dot = token.indexOf('.');
        String partner = JSON.readTree(bus.get("/partners/me", token).body()).path("partnerId").asText();
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort);
        try (Connection c = cf.createConnection(token.substring(0, dot), token.substring(dot + 1))) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer replies = s.createConsumer(s.createQueue("tapbus.partner." + partner + ".membership-replies"));
            c.start();
            MessageProducer p = s.createProducer(s.createQueue(MembershipRequests.QUEUE));
            TextMessage m = s.createTextMessage(body);
            m.setJMSCorrelationID(correlationId);
            p.send(m);
            TextMessage answer = (TextMessage) replies.receive(15_000);
            assertThat(answer).as("reply to " + correlationId).isNotNull();
            assertThat(answer.getJMSCorrelationID()).isEqualTo(correlationId);
            return JSON.readTree(answer.getText());
        }
    }
}
