package io.tapbus.runtime.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.BusProcess;
import io.tapbus.runtime.RunningBus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGKILLs a bus process while its outbox is submitting to an SMSC (jSMPP's server API on a loopback port, in this
 * JVM), starts it again on the same data, and checks what the SMSC got: every message exactly once and DELIVERED,
 * or never and OUTCOME_UNKNOWN (it was recorded SUBMITTING when the bus died); none twice, none left behind.
 */
class SmsCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MESSAGES = 300;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path data = Path.of("target", "sms-crash-" + System.nanoTime()).toAbsolutePath();
    private final int smscPort = RunningBus.freePort();
    private Process bus;

    @AfterEach
    void kill() {
        if (bus != null) {
            bus.destroyForcibly();
        }
    }

    /**
     * @param echo whether the SMSC's receipts carry our user_message_reference: then a part the crash left
     *             SUBMITTING that did reach the SMSC is resolved by its receipt; without, it stays OUTCOME_UNKNOWN
     */
    @ParameterizedTest(name = "receipts echo the reference: {0}")
    @ValueSource(booleans = {true, false})
    void killedWhileSubmittingNoMessageGoesTwiceAndNoneIsLost(boolean echo) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("tapbus.phone.smscs", "a");
        settings.put("tapbus.smsc.a.host", "127.0.0.1");
        settings.put("tapbus.smsc.a.port", String.valueOf(smscPort));
        settings.put("tapbus.smsc.a.system-id", "tapbus");
        settings.put("tapbus.smsc.a.password", "demo");
        settings.put("tapbus.smsc.a.reconnect-first-ms", "100");
        settings.put("tapbus.smsc.a.reconnect-max-ms", "500");
        settings.put("tapbus.phone.poll-ms", "50");
        BusProcess first = new BusProcess(data, settings);
        bus = first.start();
        String admin = RunningBus.adminToken();
        // no SMSC yet: everything queues
        for (int i = 0; i < MESSAGES; i++) {
            HttpResponse<String> r = post(first.httpPort, admin, "{\"msisdn\":\"+86138000" + String.format("%05d", i)
                    + "\",\"text\":\"crash " + i + "\",\"correlation\":\"crash\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        }
        try (LoopbackSmsc smsc = new LoopbackSmsc(smscPort)) {
            smsc.echoReference = echo;
            smsc.answerDelayMillis = 20; // ten in flight, about 500 a second: the kill comes mid-stream
            long until = System.currentTimeMillis() + 60_000;
            while (smsc.accepted.size() < 60 && System.currentTimeMillis() < until) {
                Thread.sleep(5);
            }
            assertThat(smsc.accepted.size()).isGreaterThanOrEqualTo(60);
            bus.destroyForcibly().waitFor();
            int atKill = smsc.accepted.size();
            assertThat(atKill).as("the bus died before it sent everything").isLessThan(MESSAGES);

            BusProcess second = new BusProcess(data, settings);
            bus = second.start();
            JsonNode messages = null;
            until = System.currentTimeMillis() + 90_000;
            while (System.currentTimeMillis() < until) {
                messages = JSON.readTree(get(second.httpPort, admin, "/sms?correlation=crash&limit=500").body())
                        .get("messages");
                if (messages.size() == MESSAGES && allFinal(messages)) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(messages).hasSize(MESSAGES);
            int delivered = 0;
            int unknown = 0;
            for (JsonNode m : messages) {
                String state = m.get("state").asText();
                String text = textOf(m, smsc);
                assertThat(state).as(m.toString()).isIn("DELIVERED", "OUTCOME_UNKNOWN");
                if (state.equals("DELIVERED")) {
                    delivered++;
                    assertThat(smsc.acceptedWith(text)).as(text).isEqualTo(1);
                } else {
                    unknown++;
                    assertThat(smsc.acceptedWith(text)).as(text).isLessThanOrEqualTo(1);
                }
            }
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(smsc.acceptedWith("crash " + i)).as("crash %d", i).isLessThanOrEqualTo(1);
            }
            assertThat(delivered + unknown).isEqualTo(MESSAGES);
            assertThat(unknown).as("no more than the window was in flight").isLessThanOrEqualTo(10);
            // the SMSC holds nothing but these messages, each at most once
            assertThat(smsc.accepted).hasSize(delivered + countAcceptedUnknown(messages, smsc));
            System.out.printf("SMS crash test (echo " + echo + "): %d accepted when killed, %d delivered, %d OUTCOME_UNKNOWN%n", atKill,
                    delivered, unknown);
        }
    }

    /** The text of a message, found through the SMSC's record of its part (the API never shows the text). */
    private static String textOf(JsonNode m, LoopbackSmsc smsc) {
        JsonNode part = m.get("parts").get(0);
        String smscId = part.get("smscMessageId").isNull() ? null : part.get("smscMessageId").asText();
        if (smscId == null) {
            String masked = m.get("msisdn").asText(); // +86138****NNNN: the last four digits are the message number
            return "crash " + Integer.parseInt(masked.substring(masked.length() - 4));
        }
        return smsc.accepted.stream().filter(a -> a.messageId().equals(smscId)).findFirst().orElseThrow().text();
    }

    private static int countAcceptedUnknown(JsonNode messages, LoopbackSmsc smsc) {
        int n = 0;
        for (JsonNode m : messages) {
            if (m.get("state").asText().equals("OUTCOME_UNKNOWN")) {
                n += smsc.acceptedWith(textOf(m, smsc));
            }
        }
        return n;
    }

    private static boolean allFinal(JsonNode messages) {
        for (JsonNode m : messages) {
            if (!PartState.messageFinal(m.get("state").asText())) {
                return false;
            }
        }
        return true;
    }

    private HttpResponse<String> post(int port, String token, String body) throws Exception {
        long until = System.currentTimeMillis() + 30_000;
        HttpResponse<String> r = postOnce(port, token, body);
        while (r.statusCode() == 404 && r.body().contains("no operation") && System.currentTimeMillis() < until) {
            Thread.sleep(100); // the reader port opens before the REST routes have started
            r = postOnce(port, token, body);
        }
        return r;
    }

    private HttpResponse<String> postOnce(int port, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sms"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api" + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
