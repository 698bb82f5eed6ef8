package io.tapbus.runtime.phone;

import static io.tapbus.runtime.phone.SmsOutboxFlowTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The phone-app API against a bus and a jSMPP SMSC on loopback: a phone registers with the code of the SMS the SMSC
 * received, sees only its own cards, pays with a step-up it confirms in the app, gets the payment's events as
 * server-sent events (and again after a reconnect with Last-Event-ID), and a revoked token is refused. Wrong, too many
 * and expired codes, and too many codes asked for, are refused with their problem types.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhoneAppApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "+8613800000001";
    private static final String OTHER = "+8613800000003";
    private static final Pattern CODE = Pattern.compile("code (\\d{6})");
    private final int port = RunningBus.freePort();
    private final HttpClient http = HttpClient.newHttpClient();
    private LoopbackSmsc smsc;
    private RunningBus bus;
    private String token;

    @BeforeAll
    void start() throws Exception {
        smsc = new LoopbackSmsc(port);
        bus = new RunningBus(Map.of("tapbus.smsc.local.port", String.valueOf(port), "tapbus.phone.poll-ms", "50",
                "tapbus.smsc.local.reconnect-first-ms", "100", "tapbus.events.relay-period-ms", "100",
                "tapbus.app.code-resend-seconds", "1", "tapbus.app.code-ttl-seconds", "4", "tapbus.app.heartbeat-ms", "500"));
        await(() -> smsc.binds.get() > 0);
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
        smsc.close();
    }

    /** Starts a registration and returns its id and the code read from the SMS the SMSC received. */
    private String[] codeBySms(String msisdn) throws Exception {
        int before = smsc.partsTo(msisdn);
        HttpResponse<String> started = bus.post("/app/registrations", null, "{\"msisdn\":\"" + msisdn + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        await(() -> smsc.partsTo(msisdn) > before);
        Matcher m = CODE.matcher(smsc.textTo(msisdn, before));
        assertThat(m.find()).isTrue();
        return new String[] {JSON.readTree(started.body()).path("registrationId").asText(), m.group(1)};
    }

    private HttpResponse<String> verify(String registrationId, String code) throws Exception {
        return bus.post("/app/registrations/" + registrationId + "/verify", null,
                "{\"code\":\"" + code + "\",\"deviceName\":\"test phone\"}");
    }

    @Test
    @Order(1)
    void aPhoneRegistersWithTheCodeOfTheSms() throws Exception {
        String[] started = codeBySms(USER);
        HttpResponse<String> registered = verify(started[0], started[1]);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        token = JSON.readTree(registered.body()).path("token").asText();
        assertThat(token).startsWith("DEV-");
        assertThat(verify(started[0], started[1]).statusCode()).as("a code registers once").isEqualTo(400);

        HttpResponse<String> again = bus.post("/app/registrations", null, "{\"msisdn\":\"" + USER + "\"}");
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    @Order(2)
    void theTokenSeesOnlyItsOwnCards() throws Exception {
        JsonNode cards = JSON.readTree(bus.get("/app/cards", token).body()).path("cards");
        assertThat(cards.findValuesAsText("cardUid")).contains(DemoSeeder.ACTIVE_CARD).doesNotContain(DemoSeeder.BANK_CARD);
        JsonNode accounts = JSON.readTree(bus.get("/app/accounts", token).body()).path("accounts");
        assertThat(accounts.size()).isGreaterThanOrEqualTo(1);
        assertThat(bus.get("/app/cards/" + DemoSeeder.ACTIVE_CARD + "/history", token).statusCode()).isEqualTo(200);
        assertThat(bus.get("/app/cards/" + DemoSeeder.BANK_CARD + "/history", token).statusCode()).isEqualTo(404);
        assertThat(bus.post("/app/cards/" + DemoSeeder.BANK_CARD + "/block", token, null).statusCode()).isEqualTo(404);
        assertThat(bus.get("/app/cards", RunningBus.adminToken()).statusCode()).as("a partner credential").isEqualTo(401);
        assertThat(bus.get("/cards/" + DemoSeeder.ACTIVE_CARD, token).statusCode()).as("a device token").isEqualTo(401);
        assertThat(bus.post("/app/consents", token, "{\"purpose\":\"marketing\",\"granted\":true}").statusCode())
                .isEqualTo(201);
        assertThat(bus.get("/app/consents", token).body()).contains("marketing");
    }

    @Test
    @Order(3)
    void aPaymentWithAStepUpIsConfirmedInTheAppAndStreamedAsEvents() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<java.util.stream.Stream<String>> stream = openStream(token, null, lines);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");

        HttpResponse<String> paid = bus.post("/app/payments", token,
                "{\"merchantId\":\"demo-cafe\",\"amountMinor\":35000,\"idempotencyKey\":\"app-1\"}");
        JsonNode outcome = JSON.readTree(paid.body());
        assertThat(outcome.path("status").asText()).as(paid.body()).isEqualTo("STEP_UP");
        String paymentId = outcome.path("paymentId").asText();
        String stepUpId = waitFor(lines, "event: payment.step-up");

        HttpResponse<String> confirmed = bus.post("/app/payments/" + paymentId + "/confirm", token, null);
        assertThat(JSON.readTree(confirmed.body()).path("status").asText()).as(confirmed.body()).isEqualTo("APPROVED");
        waitFor(lines, "event: payment.approved");
        assertThat(JSON.readTree(bus.get("/app/payments/" + paymentId, token).body()).path("status").asText())
                .isEqualTo("APPROVED");

        BlockingQueue<String> resumed = new LinkedBlockingQueue<>();
        openStream(token, stepUpId, resumed);
        waitFor(resumed, "event: payment.approved");
        JsonNode polled = JSON.readTree(bus.get("/app/events?after=" + stepUpId, token).body()).path("events");
        assertThat(polled.findValuesAsText("type")).contains("payment.approved").doesNotContain("payment.step-up");
        // the step-up's SMS went to the user's own number: its states are the user's events too (found by the
        // message's number, not the masked one the event shows)
        long until = System.currentTimeMillis() + 10_000;
        List<String> types = List.of();
        while (!types.contains("sms.state") && System.currentTimeMillis() < until) {
            types = JSON.readTree(bus.get("/app/events", token).body()).path("events").findValuesAsText("type");
            Thread.sleep(100);
        }
        assertThat(types).contains("sms.state");

        HttpResponse<String> second = bus.post("/app/payments", token,
                "{\"merchantId\":\"demo-cafe\",\"amountMinor\":35000,\"idempotencyKey\":\"app-2\"}");
        String refusedId = JSON.readTree(second.body()).path("paymentId").asText();
        JsonNode refused = JSON.readTree(bus.post("/app/payments/" + refusedId + "/refuse", token, null).body());
        assertThat(refused.path("status").asText()).isEqualTo("DECLINED");
        assertThat(refused.path("reasons").toString()).contains("STEP_UP_REFUSED");
        assertThat(bus.post("/app/payments/" + refusedId + "/confirm", token, null).body()).as("answered as it stands")
                .contains("DECLINED");
    }

    @Test
    @Order(4)
    void wrongTooManyAndExpiredCodesAreRefused() throws Exception {
        String[] started = codeBySms(OTHER);
        String wrong = started[1].equals("000000") ? "111111" : "000000";
        for (int i = 1; i <= 4; i++) {
            HttpResponse<String> r = verify(started[0], wrong);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("problems/code-wrong").contains((5 - i) + " attempt(s) left");
        }
        assertThat(verify(started[0], wrong).body()).contains("problems/code-attempts-exhausted");
        assertThat(verify(started[0], started[1]).body()).as("the right code after the last attempt")
                .contains("problems/code-attempts-exhausted");

        Thread.sleep(1100);
        String[] late = codeBySms(OTHER);
        Thread.sleep(4200);
        assertThat(verify(late[0], late[1]).body()).contains("problems/code-expired");
    }

    @Test
    @Order(5)
    void aBlockedCardIsStreamedAndARevokedTokenIsRefusedAndItsStreamEnds() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        openStream(token, null, lines);
        HttpResponse<String> blocked = bus.post("/app/cards/" + DemoSeeder.ACTIVE_CARD + "/block", token, null);
        assertThat(JSON.readTree(blocked.body()).path("status").asText()).as(blocked.body()).isEqualTo("BLOCKED");
        waitFor(lines, "event: card.status");
        HttpResponse<String> revoked = bus.send(HttpRequest.newBuilder(bus.api("/app/devices/current")).DELETE(), token);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(bus.get("/app/cards", token).statusCode()).isEqualTo(401);
        waitFor(lines, "END");
        HttpResponse<String> refused = bus.send(HttpRequest.newBuilder(bus.api("/app/events"))
                .header("Accept", "text/event-stream").GET(), token);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    private HttpResponse<java.util.stream.Stream<String>> openStream(String bearer, String lastEventId,
            BlockingQueue<String> lines) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(bus.api("/app/events")).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + bearer).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<java.util.stream.Stream<String>> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException e) {
                // the stream was closed
            }
            lines.add("END");
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return response;
    }

    /** Waits for a line; returns the id of the event it belongs to (the line before an "event:" line). */
    private static String waitFor(BlockingQueue<String> lines, String wanted) throws InterruptedException {
        String lastId = null;
        long until = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < until) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith("id: ")) {
                lastId = line.substring(4);
            }
            if (line.equals(wanted)) {
                return lastId;
            }
        }
        throw new AssertionError("no line '" + wanted + "' within 20 s");
    }
}
