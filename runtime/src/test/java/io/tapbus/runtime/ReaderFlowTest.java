package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.runtime.demo.DemoSeeder;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/** The first flow end to end over a real TCP socket: reader -> rules -> ledger -> event topic -> reply. */
class ReaderFlowTest extends ReaderFlowFixture {
    @Test
    void approvedTapMovesMoneyAndShowsInHistoryAndOnTheEventTopic() throws Exception {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort);
        String admin = RunningBus.adminToken();
        int dot = admin.indexOf('.');
        try (Connection jms = cf.createConnection(admin.substring(0, dot), admin.substring(dot + 1));
             ReaderClient reader = bus.reader("R-DEMO-1")) {
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = session.createConsumer(session.createTopic("tapbus.events"));
            jms.start();

            long before = balance(DemoSeeder.ACTIVE_CARD);
            ReaderFrame reply = reader.tap(tap(DemoSeeder.ACTIVE_CARD, 1250));
            assertThat(reply.type()).isEqualTo(FrameType.TAP_RESPONSE);
            TapResponse response = TapResponse.parse(reply.body());
            assertThat(response.verdict()).isEqualTo(TapResponse.Verdict.APPROVED);
            assertThat(response.balanceMinor()).isEqualTo(before - 1250);
            assertThat(balance(DemoSeeder.ACTIVE_CARD)).isEqualTo(before - 1250);

            TextMessage event = receiveEventOf(events, response.transactionId());
            JsonNode ev = JSON.readTree(event.getText());
            assertThat(ev.path("type").asText()).isEqualTo("tap.decided");
            assertThat(ev.path("data").path("transactionId").asText()).isEqualTo(response.transactionId());
            assertThat(ev.path("data").path("verdict").asText()).isEqualTo("APPROVED");
            assertThat(event.getStringProperty("TapBusMerchantId")).isEqualTo("demo-shop");

            JsonNode history = history(DemoSeeder.ACTIVE_CARD);
            JsonNode row = find(history, response.transactionId());
            assertThat(row.path("status").asText()).isEqualTo("APPROVED");
            assertThat(row.path("amountMinor").asLong()).isEqualTo(1250);
            assertThat(row.path("ruleSetVersion").asText()).hasSize(12);
            assertThat(row.path("rulesFired").toString()).contains("ApproveWhenNothingDeclined");
        }
    }

    @Test
    void aMerchantGetsItsOwnTapEventsOnItsOwnAddress() throws Exception {
        String token = bus.partnerToken("demo-cafe", "merchant");
        int dot = token.indexOf('.');
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort);
        try (Connection jms = cf.createConnection(token.substring(0, dot), token.substring(dot + 1));
             ReaderClient cafe = bus.reader("R-DEMO-2")) {
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer own = session.createConsumer(session.createTopic("tapbus.partner.demo-cafe.events"));
            jms.start();
            TapResponse response = TapResponse.parse(cafe.tap(tap(DemoSeeder.ACTIVE_CARD, 150)).body());
            TextMessage event = receiveEventOf(own, response.transactionId());
            assertThat(event.getStringProperty("TapBusMerchantId")).isEqualTo("demo-cafe");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> session.createConsumer(session.createTopic("tapbus.events")))
                    .as("the whole stream needs the events role").isInstanceOf(jakarta.jms.JMSSecurityException.class);
        }
    }

    @Test
    void concurrentTapsOfOneCardNeverOverdrawIt() throws Exception {
        String admin = RunningBus.adminToken();
        String card = "04C0C0C0C0C001";
        assertThat(bus.post("/users", admin, "{\"msisdn\":\"+8613877770001\",\"name\":\"Race\"}").statusCode()).isEqualTo(201);
        String account = JSON.readTree(bus.post("/cards", admin, "{\"cardUid\":\"" + card + "\"}").body()).path("accountId").asText();
        assertThat(bus.post("/cards/" + card + "/bind", admin, "{\"msisdn\":\"+8613877770001\"}").statusCode()).isEqualTo(200);
        assertThat(bus.send(java.net.http.HttpRequest.newBuilder(bus.api("/accounts/" + account + "/topups"))
                .header("Content-Type", "application/json").header("Idempotency-Key", "race-1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"amountMinor\":1000}")), admin).statusCode()).isEqualTo(201);

        java.util.List<String> readers = java.util.List.of("R-DEMO-1", "R-DEMO-2", "R-BENCH-001", "R-BENCH-002");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(readers.size());
        java.util.List<java.util.concurrent.Future<java.util.List<TapResponse>>> results = new java.util.ArrayList<>();
        for (String readerId : readers) {
            results.add(pool.submit(() -> {
                java.util.List<TapResponse> out = new java.util.ArrayList<>();
                try (ReaderClient reader = bus.reader(readerId)) {
                    for (int i = 0; i < 3; i++) {
                        out.add(TapResponse.parse(reader.tap(tap(card, 300)).body()));
                    }
                }
                return out;
            }));
        }
        long approved = 0;
        for (var f : results) {
            for (TapResponse r : f.get(30, java.util.concurrent.TimeUnit.SECONDS)) {
                if (r.verdict() == TapResponse.Verdict.APPROVED) {
                    approved++;
                }
            }
        }
        pool.shutdown();
        assertThat(approved).as("1000 fen pays at most three taps of 300").isBetween(1L, 3L);
        JsonNode acc = JSON.readTree(bus.get("/accounts/" + account, admin).body());
        assertThat(acc.path("balanceMinor").asLong()).isEqualTo(1000 - 300 * approved);
        long lines = 0;
        for (JsonNode e : JSON.readTree(bus.get("/accounts/" + account + "/entries", admin).body()).path("entries")) {
            lines += e.path("amountMinor").asLong();
        }
        assertThat(lines).as("ledger lines add up to the balance").isEqualTo(1000 - 300 * approved);
    }

    @Test
    void blockedCardIsDeclinedByTheRulesAndRecorded() throws Exception {
        try (ReaderClient reader = bus.reader("R-DEMO-1")) {
            TapResponse response = TapResponse.parse(reader.tap(tap(DemoSeeder.BLOCKED_CARD, 500)).body());
            assertThat(response.verdict()).isEqualTo(TapResponse.Verdict.DECLINED);
            assertThat(response.reasons()).extracting(TapResponse.Reason::code).contains("CARD_NOT_ACTIVE");
            JsonNode row = find(history(DemoSeeder.BLOCKED_CARD), response.transactionId());
            assertThat(row.path("status").asText()).isEqualTo("DECLINED");
            assertThat(row.path("rulesFired").toString()).contains("DeclineWhenCardNotActive");
            HttpResponse<String> decision = bus.get("/decisions/" + response.decisionId(), RunningBus.adminToken());
            assertThat(decision.statusCode()).isEqualTo(200);
            assertThat(decision.body()).contains("CARD_NOT_ACTIVE");
        }
    }

    @Test
    void amountOverTheSingleTapLimitIsDeclinedAndMovesNoMoney() throws Exception {
        long before = balance(DemoSeeder.ACTIVE_CARD);
        try (ReaderClient reader = bus.reader("R-DEMO-1")) {
            TapResponse response = TapResponse.parse(reader.tap(tap(DemoSeeder.ACTIVE_CARD, 60_000)).body());
            assertThat(response.verdict()).isEqualTo(TapResponse.Verdict.DECLINED);
            assertThat(response.reasons()).extracting(TapResponse.Reason::code).contains("OVER_SINGLE_TAP_LIMIT");
        }
        assertThat(balance(DemoSeeder.ACTIVE_CARD)).isEqualTo(before);
    }

    @Test
    void aRetryWithTheSameCorrelationIdGetsTheFirstAnswerAndPostsOnce() throws Exception {
        long before = balance(DemoSeeder.ACTIVE_CARD);
        TapRequest request = new TapRequest(DemoSeeder.ACTIVE_CARD, 410, "CNY", Instant.now().toString(), "retry-test-1");
        try (ReaderClient reader = bus.reader("R-DEMO-1")) {
            TapResponse first = TapResponse.parse(reader.tap(request).body());
            TapResponse retry = TapResponse.parse(reader.tap(request).body());
            assertThat(first.verdict()).isEqualTo(TapResponse.Verdict.APPROVED);
            assertThat(retry.transactionId()).isEqualTo(first.transactionId());
            assertThat(retry.verdict()).isEqualTo(first.verdict());
            assertThat(retry.correlationId()).isEqualTo("retry-test-1");
        }
        try (ReaderClient other = bus.reader("R-DEMO-2")) {
            TapResponse elsewhere = TapResponse.parse(other.tap(request).body());
            assertThat(elsewhere.verdict()).isEqualTo(TapResponse.Verdict.APPROVED);
            assertThat(balance(DemoSeeder.ACTIVE_CARD)).as("the same key at another reader is another tap").isEqualTo(before - 820);
        }
        long rows = 0;
        for (JsonNode row : history(DemoSeeder.ACTIVE_CARD)) {
            if ("retry-test-1".equals(row.path("correlationId").asText())) {
                rows++;
            }
        }
        assertThat(rows).isEqualTo(2);
    }
}
