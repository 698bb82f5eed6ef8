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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A card holder adds a retailer card by its number in the phone app (device token from a real SMS code through a
 * jSMPP SMSC on loopback): the rules refer it to the retailer, which gets {@code membership.merge-requested} and
 * confirms with its record; the app then lists the card with its programme's points. Another person's universal
 * card is not the holder's to name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppMembershipTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "+8613800000001";
    private static final Pattern CODE = Pattern.compile("code (\\d{6})");
    private final int port = RunningBus.freePort();
    private LoopbackSmsc smsc;
    private RunningBus bus;

    @BeforeAll
    void start() throws Exception {
        smsc = new LoopbackSmsc(port);
        bus = new RunningBus(Map.of("tapbus.smsc.local.port", String.valueOf(port), "tapbus.phone.poll-ms", "50",
                "tapbus.smsc.local.reconnect-first-ms", "100", "tapbus.events.relay-period-ms", "100"));
        await(() -> smsc.binds.get() > 0);
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
        smsc.close();
    }

    private String deviceToken() throws Exception {
        int before = smsc.partsTo(USER);
        HttpResponse<String> started = bus.post("/app/registrations", null, "{\"msisdn\":\"" + USER + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        await(() -> smsc.partsTo(USER) > before);
        Matcher m = CODE.matcher(smsc.textTo(USER, before));
        assertThat(m.find()).isTrue();
        HttpResponse<String> registered = bus.post("/app/registrations/" + JSON.readTree(started.body()).path("registrationId").asText()
                + "/verify", null, "{\"code\":\"" + m.group(1) + "\",\"deviceName\":\"test phone\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return JSON.readTree(registered.body()).path("token").asText();
    }

    @Test
    void theHolderAddsACardByNumberAndTheRetailerConfirms() throws Exception {
        String token = deviceToken();
        String admin = RunningBus.adminToken();
        String shop = JSON.readTree(bus.post("/partners/demo-shop/credentials", admin, "{\"roles\":[\"merchant\"]}").body())
                .path("token").asText();
        int dot = shop.indexOf('.');
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort);
        try (Connection events = cf.createConnection(shop.substring(0, dot), shop.substring(dot + 1))) {
            Session s = events.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer shopEvents = s.createConsumer(s.createTopic("tapbus.partner.demo-shop.events"));
            events.start();

            assertThat(bus.post("/app/memberships", token, "{\"programmeId\":\"demo-shop-club\",\"memberNumber\":\"SC-APP-1\","
                    + "\"cardUid\":\"" + DemoSeeder.BANK_CARD + "\"}").statusCode()).as("another person's card").isEqualTo(404);
            HttpResponse<String> asked = bus.post("/app/memberships", token, "{\"programmeId\":\"demo-shop-club\","
                    + "\"memberNumber\":\"SC-APP-1\",\"cardUid\":\"" + DemoSeeder.ACTIVE_CARD + "\",\"tier\":\"SILVER\"}");
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
            assertThat(JSON.readTree(asked.body()).path("verdict").asText()).isEqualTo("REFERRED");
            assertThat(asked.body()).contains("RETAILER_CONFIRMATION_REQUIRED");

            TextMessage m = (TextMessage) shopEvents.receive(10_000);
            assertThat(m).as("the retailer is asked").isNotNull();
            JsonNode request = JSON.readTree(m.getText());
            assertThat(request.path("type").asText()).isEqualTo("membership.merge-requested");
            assertThat(request.path("data").path("memberNumber").asText()).isEqualTo("SC-APP-1");

            // the retailer confirms with its record; the holder's consent was recorded when they asked
            HttpResponse<String> merged = bus.post("/memberships", shop, "{\"programmeId\":\"demo-shop-club\",\"memberNumber\":\"SC-APP-1\","
                    + "\"cardUid\":\"" + request.path("data").path("cardUid").asText() + "\",\"tier\":\"SILVER\",\"points\":300,"
                    + "\"holderName\":\"Demo user\",\"holderPhone\":\"" + USER + "\"}");
            assertThat(merged.statusCode()).as(merged.body()).isEqualTo(201);
        }
        JsonNode mine = JSON.readTree(bus.get("/app/memberships", token).body()).path("memberships");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("memberNumber").asText()).isEqualTo("SC-APP-1");
        assertThat(mine.get(0).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(mine.get(0).path("points").asLong()).isEqualTo(300);
        assertThat(bus.get("/app/consents", token).body()).contains("membership-merge");
    }
}
