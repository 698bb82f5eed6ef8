package io.tapbus.runtime.phone;

import static io.tapbus.runtime.phone.SmsOutboxFlowTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import io.tapbus.samples.operator.OperatorSimulator;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The phone app chooses how a payment is funded ({@code fundingSource} on POST /api/app/payments): by default and with
 * CARD the card's stored value pays and the operator is not asked; with CARRIER_BILLING the device's line is charged
 * through the operator simulator (CAMARA Carrier Billing) and the stored value does not move; the operator's refusal
 * declines with nothing moved; an unknown source is a 400. Over a real bus, a jSMPP SMSC (for the registration code)
 * and the operator simulator on loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppFundingSourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String USER = "+8613800000001";
    private static final Pattern CODE = Pattern.compile("code (\\d{6})");
    private final int port = RunningBus.freePort();
    private LoopbackSmsc smsc;
    private OperatorSimulator operator;
    private RunningBus bus;
    private String token;

    @BeforeAll
    void start() throws Exception {
        smsc = new LoopbackSmsc(port);
        operator = OperatorSimulator.start("127.0.0.1", 0);
        bus = new RunningBus(Map.of("tapbus.smsc.local.port", String.valueOf(port), "tapbus.phone.poll-ms", "50",
                "tapbus.smsc.local.reconnect-first-ms", "100", "tapbus.operator.api-root", operator.apiRoot().toString(),
                "tapbus.operator.timeout-ms", "1000"));
        await(() -> smsc.binds.get() > 0);
        HttpResponse<String> started = bus.post("/app/registrations", null, "{\"msisdn\":\"" + USER + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        await(() -> CODE.matcher(smsc.textTo(USER, 0)).find());
        Matcher m = CODE.matcher(smsc.textTo(USER, 0));
        assertThat(m.find()).isTrue();
        HttpResponse<String> registered = bus.post("/app/registrations/" + JSON.readTree(started.body())
                .path("registrationId").asText() + "/verify", null, "{\"code\":\"" + m.group(1) + "\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        token = JSON.readTree(registered.body()).path("token").asText();
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
        operator.close();
        smsc.close();
    }

    @Test
    void theAppChoosesTheCardOrThePhoneBill() throws Exception {
        long balance = balance();
        JsonNode byCard = pay(1250, null);
        assertThat(byCard.path("status").asText()).as(byCard.toString()).isEqualTo("APPROVED");
        long spent = 1250 - byCard.path("discountMinor").asLong();
        assertThat(balance()).isEqualTo(balance - spent);
        assertThat(atOperator(byCard.path("paymentId").asText())).isEmpty();

        JsonNode explicitCard = pay(300, "CARD");
        assertThat(explicitCard.path("status").asText()).isEqualTo("APPROVED");
        assertThat(balance()).isEqualTo(balance - spent - (300 - explicitCard.path("discountMinor").asLong()));
        assertThat(atOperator(explicitCard.path("paymentId").asText())).isEmpty();

        long before = balance();
        JsonNode billed = pay(1800, "CARRIER_BILLING");
        assertThat(billed.path("status").asText()).as(billed.toString()).isEqualTo("APPROVED");
        assertThat(billed.path("balanceMinor").isNull()).as("no stored value moved").isTrue();
        assertThat(balance()).isEqualTo(before);
        List<JsonNode> charged = atOperator(billed.path("paymentId").asText());
        assertThat(charged).extracting(p -> p.path("paymentStatus").asText()).containsExactly("succeeded");
        assertThat(charged.get(0).path("amountTransaction").path("phoneNumber").asText()).isEqualTo(USER);

        operator.billingLimit(new BigDecimal("10"));
        JsonNode refused = pay(2000, "CARRIER_BILLING");
        operator.billingLimit(new BigDecimal("500"));
        assertThat(refused.path("status").asText()).isEqualTo("DECLINED");
        assertThat(refused.path("reasons").get(0).path("code").asText()).isEqualTo("CARRIER_DECLINED");
        assertThat(balance()).isEqualTo(before);

        HttpResponse<String> bad = bus.post("/app/payments", token, "{\"merchantId\":\"demo-cafe\",\"amountMinor\":100,"
                + "\"idempotencyKey\":\"k-bad\",\"fundingSource\":\"PAYPAL\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("detail").asText()).contains("fundingSource must be CARD");
        assertThat(balance()).isEqualTo(before);
    }

    private JsonNode pay(long amountMinor, String fundingSource) throws Exception {
        HttpResponse<String> r = bus.post("/app/payments", token, "{\"merchantId\":\"demo-cafe\",\"amountMinor\":"
                + amountMinor + ",\"currency\":\"CNY\",\"idempotencyKey\":\"" + UUID.randomUUID() + "\""
                + (fundingSource == null ? "" : ",\"fundingSource\":\"" + fundingSource + "\"") + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private long balance() throws Exception {
        JsonNode accounts = JSON.readTree(bus.get("/app/accounts", token).body()).path("accounts");
        for (JsonNode a : accounts) {
            if (a.path("kind").asText().equals("STORED_VALUE")) {
                return a.path("balanceMinor").asLong();
            }
        }
        throw new AssertionError("no stored-value account: " + accounts);
    }

    /** The operator's payments made for this TapBus payment (clientCorrelator = the payment id). */
    private List<JsonNode> atOperator(String paymentId) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operator.port()
                + "/control/payments")).build(), HttpResponse.BodyHandlers.ofString());
        List<JsonNode> mine = new ArrayList<>();
        JSON.readTree(r.body()).forEach(p -> {
            if (paymentId.equals(p.path("amountTransaction").path("clientCorrelator").asText())) {
                mine.add(p);
            }
        });
        return mine;
    }
}
