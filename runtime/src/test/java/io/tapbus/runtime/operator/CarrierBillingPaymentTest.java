package io.tapbus.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.operator.OperatorApiSettings;
import io.tapbus.connector.operator.OperatorApis;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.db.Database;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.samples.operator.OperatorSimulator;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Phone payments charged to the phone bill (fundingSource CARRIER_BILLING) through a running bus and the operator
 * simulator over loopback: approved with the carrier receivable against the merchant, declined by the operator, a
 * timeout left pending and settled by recovery, a repeat charged once, and a payment pending across a restart.
 */
class CarrierBillingPaymentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHONE = "+8613800000001"; // the demo user with the active stored-value card
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static OperatorSimulator operator;
    private static RunningBus bus;
    private static String issuer;

    @BeforeAll
    static void start() throws Exception {
        operator = OperatorSimulator.start("127.0.0.1", 0);
        bus = new RunningBus(settings(Map.of("tapbus.payments.recovery-after-seconds", "2")));
        issuer = issuerToken(bus);
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
        operator.close();
    }

    @AfterEach
    void normalOperator() {
        operator.state().delay(Duration.ZERO);
        operator.billingLimit(new BigDecimal("500"));
    }

    private static Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(Map.of("tapbus.operator.api-root", operator.apiRoot().toString(),
                "tapbus.operator.timeout-ms", "500", "tapbus.payments.recovery-period-ms", "300"));
        all.putAll(extra);
        return all;
    }

    private static String issuerToken(RunningBus on) throws Exception {
        return on.partnerToken("demo-bank", "issuer");
    }

    private static JsonNode pay(RunningBus on, String token, long amountMinor, String key) throws Exception {
        HttpResponse<String> r = on.post("/payments", token, "{\"msisdn\":\"" + PHONE + "\",\"merchantId\":\"demo-cafe\",\"amountMinor\":"
                + amountMinor + ",\"currency\":\"CNY\",\"fundingSource\":\"CARRIER_BILLING\",\"idempotencyKey\":\"" + key + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode payment(RunningBus on, String token, String paymentId) throws Exception {
        HttpResponse<String> r = on.get("/payments/" + paymentId, token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static List<String> reasons(JsonNode outcome) {
        List<String> codes = new ArrayList<>();
        outcome.path("reasons").forEach(r -> codes.add(r.path("code").asText()));
        return codes;
    }

    /** The operator's payments made for this TapBus payment (clientCorrelator = the payment id). */
    private static List<JsonNode> atOperator(String paymentId) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operator.port() + "/control/payments")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<JsonNode> mine = new ArrayList<>();
        JSON.readTree(r.body()).forEach(p -> {
            if (paymentId.equals(p.path("amountTransaction").path("clientCorrelator").asText())) {
                mine.add(p);
            }
        });
        return mine;
    }

    /** The ledger lines of the payment's transaction, account → amount. */
    private static Map<String, Long> ledgerLines(RunningBus on, String paymentId) {
        Map<String, Long> lines = new HashMap<>();
        // the tables follow the journal by a few ms: read them as the REST API does, after they caught up
        on.app().context().getRegistry().lookupByNameAndType("writePath", io.tapbus.runtime.write.WritePath.class).catchUp();
        on.app().context().getRegistry().lookupByNameAndType("database", Database.class).jdbi().useHandle(h -> h.createQuery(
                        "SELECT e.account_id, e.amount_minor FROM ledger_entry e JOIN payment p ON p.txn_id = e.txn_id WHERE p.payment_id = ?")
                .bind(0, paymentId).map((rs, ctx) -> lines.merge(rs.getString(1), rs.getLong(2), Long::sum)).list());
        return lines;
    }

    private static JsonNode awaitFinal(RunningBus on, String token, String paymentId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode now = payment(on, token, paymentId);
        while (now.path("status").asText().startsWith("PENDING") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            now = payment(on, token, paymentId);
        }
        return now;
    }

    @Test
    void anApprovedPaymentIsChargedToThePhoneBillAndCreditsTheMerchantAgainstTheCarrierReceivable() throws Exception {
        JsonNode paid = pay(bus, issuer, 1250, UUID.randomUUID().toString());
        String id = paid.path("paymentId").asText();
        assertThat(paid.path("status").asText()).as(paid.toString()).isEqualTo("APPROVED");
        assertThat(paid.path("balanceMinor").isNull()).as("no stored value moved, so no balance to show").isTrue();

        List<JsonNode> charged = atOperator(id);
        assertThat(charged).hasSize(1);
        assertThat(charged.get(0).path("paymentStatus").asText()).isEqualTo("succeeded");
        assertThat(charged.get(0).path("amountTransaction").path("paymentAmount").path("chargingInformation").path("amount").decimalValue())
                .isEqualByComparingTo("12.50");
        assertThat(charged.get(0).path("amountTransaction").path("phoneNumber").asText()).isEqualTo(PHONE);
        assertThat(ledgerLines(bus, id)).containsExactlyInAnyOrderEntriesOf(Map.of("P-CARRIER-RECEIVABLE-CNY", -1250L,
                PartnerService.merchantAccountId("demo-cafe"), 1250L));
    }

    @Test
    void theOperatorsRefusalDeclinesThePaymentAndMovesNothing() throws Exception {
        operator.billingLimit(new BigDecimal("10"));
        JsonNode declined = pay(bus, issuer, 2000, UUID.randomUUID().toString());
        String id = declined.path("paymentId").asText();
        assertThat(declined.path("status").asText()).isEqualTo("DECLINED");
        assertThat(reasons(declined)).containsExactly("CARRIER_DECLINED");
        assertThat(declined.path("reasons").get(0).path("message").asText()).contains("denied");
        assertThat(atOperator(id)).extracting(p -> p.path("paymentStatus").asText()).containsExactly("denied");
        assertThat(ledgerLines(bus, id)).isEmpty();
    }

    @Test
    void theRulesStillDecideFirstAndTheOperatorIsNotAskedForADecline() throws Exception {
        int calls = operator.state().apiCalls();
        JsonNode declined = pay(bus, issuer, 300_000, UUID.randomUUID().toString()); // over the phone's single limit 2000.00
        assertThat(declined.path("status").asText()).isEqualTo("DECLINED");
        assertThat(reasons(declined)).contains("OVER_SINGLE_LIMIT").doesNotContain("CARRIER_DECLINED");
        assertThat(atOperator(declined.path("paymentId").asText())).isEmpty();
        assertThat(operator.state().apiCalls() - calls).as("only the SIM swap lookups").isLessThanOrEqualTo(3);
    }

    @Test
    void anOperatorThatDoesNotAnswerLeavesThePaymentPendingAndRecoverySettlesItWithoutACharge() throws Exception {
        operator.state().delay(Duration.ofSeconds(2));
        String key = UUID.randomUUID().toString();
        JsonNode pending = pay(bus, issuer, 900, key);
        String id = pending.path("paymentId").asText();
        assertThat(pending.path("status").asText()).as("never answered as done").isEqualTo("PENDING_CARRIER");
        assertThat(pay(bus, issuer, 900, key).path("status").asText()).as("a repeat meanwhile").isIn("PENDING_CARRIER", "DECLINED");
        operator.state().delay(Duration.ZERO);

        JsonNode settled = awaitFinal(bus, issuer, id);
        assertThat(settled.path("status").asText()).as(settled.toString()).isEqualTo("DECLINED");
        assertThat(reasons(settled)).contains("CARRIER_DECLINED");
        Thread.sleep(2500); // the delayed prepare reaches the operator too
        assertThat(atOperator(id)).as("one reservation, cancelled").extracting(p -> p.path("paymentStatus").asText()).containsExactly("cancelled");
        assertThat(ledgerLines(bus, id)).isEmpty();
        assertThat(pay(bus, issuer, 900, key).path("status").asText()).isEqualTo("DECLINED");
    }

    @Test
    void aStepUpIsAskedFirstAndTheConfirmedPaymentIsChargedToTheBill() throws Exception {
        JsonNode waiting = pay(bus, issuer, 25_000, UUID.randomUUID().toString()); // over the phone's confirmation limit 200.00
        String id = waiting.path("paymentId").asText();
        assertThat(waiting.path("status").asText()).isEqualTo("STEP_UP");
        assertThat(atOperator(id)).as("nothing asked of the operator before the confirmation").isEmpty();
        HttpResponse<String> confirmed = bus.post("/payments/" + id + "/confirm", issuer, "{\"msisdn\":\"" + PHONE + "\"}");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        JsonNode paid = JSON.readTree(confirmed.body());
        assertThat(paid.path("status").asText()).isEqualTo("APPROVED");
        long charged = 25_000 - paid.path("discountMinor").asLong();
        assertThat(atOperator(id)).extracting(p -> p.path("paymentStatus").asText()).containsExactly("succeeded");
        assertThat(ledgerLines(bus, id)).containsEntry("P-CARRIER-RECEIVABLE-CNY", -charged).hasSize(2);
    }

    @Test
    void anUnknownFundingSourceIsABadRequest() throws Exception {
        HttpResponse<String> r = bus.post("/payments", issuer, "{\"msisdn\":\"" + PHONE + "\",\"merchantId\":\"demo-cafe\",\"amountMinor\":100,"
                + "\"fundingSource\":\"PHONE_BILL\",\"idempotencyKey\":\"" + UUID.randomUUID() + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    }

    @Test
    void aRepeatOfTheSamePaymentChargesOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> pay(bus, issuer, 1500, key)));
            }
            String id = answers.get(0).get().path("paymentId").asText();
            for (Future<JsonNode> answer : answers) {
                assertThat(answer.get().path("paymentId").asText()).isEqualTo(id);
            }
            JsonNode again = pay(bus, issuer, 1500, key);
            assertThat(again.path("paymentId").asText()).isEqualTo(id);
            assertThat(awaitFinal(bus, issuer, id).path("status").asText()).isEqualTo("APPROVED");
            assertThat(atOperator(id)).hasSize(1);
            assertThat(ledgerLines(bus, id)).containsEntry("P-CARRIER-RECEIVABLE-CNY", -1500L).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPaymentPendingWhenTheBusStopsIsSettledAfterTheRestartWithWhatTheOperatorHolds() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "carrier-restart").toAbsolutePath();
        Map<String, String> first = settings(Map.of("tapbus.data.dir", data.toString(), "tapbus.payments.recovery-after-seconds", "3600"));
        String id;
        String key = UUID.randomUUID().toString();
        try (RunningBus before = new RunningBus(first)) {
            String token = issuerToken(before);
            operator.state().delay(Duration.ofSeconds(1));
            JsonNode pending = pay(before, token, 2200, key);
            id = pending.path("paymentId").asText();
            assertThat(pending.path("status").asText()).isEqualTo("PENDING_CARRIER");
        }
        operator.state().delay(Duration.ZERO);
        Thread.sleep(1500); // the delayed prepare reaches the operator: reserved
        List<JsonNode> reserved = atOperator(id);
        assertThat(reserved).extracting(p -> p.path("paymentStatus").asText()).containsExactly("reserved");
        // the bus's confirm had reached the operator before it stopped: the line is charged
        OperatorApis direct = new OperatorApis(new OperatorApiSettings(operator.apiRoot(), operator.tokenUrl(), OperatorSimulator.DEMO_CLIENT_ID,
                OperatorSimulator.DEMO_CLIENT_SECRET, null, Duration.ofSeconds(2), null, null, null, null));
        direct.carrierBilling().confirm(reserved.get(0).path("paymentId").asText(), PHONE);

        Map<String, String> second = settings(Map.of("tapbus.data.dir", data.toString(), "tapbus.payments.recovery-after-seconds", "0"));
        try (RunningBus after = new RunningBus(second)) {
            String token = issuerToken(after);
            JsonNode settled = awaitFinal(after, token, id);
            assertThat(settled.path("status").asText()).as(settled.toString()).isEqualTo("APPROVED");
            long charged = 2200 - settled.path("discountMinor").asLong();
            assertThat(charged).as("demo-cafe's loyalty discount applies as for any payment").isLessThan(2200L);
            assertThat(ledgerLines(after, id)).containsExactlyInAnyOrderEntriesOf(Map.of("P-CARRIER-RECEIVABLE-CNY", -charged,
                    PartnerService.merchantAccountId("demo-cafe"), charged));
            assertThat(reserved.get(0).path("amountTransaction").path("paymentAmount").path("chargingInformation").path("amount")
                    .decimalValue().movePointRight(2).longValueExact()).as("the operator charged the same").isEqualTo(charged);
            assertThat(pay(after, token, 2200, key).path("status").asText()).as("the repeat gets the settled answer").isEqualTo("APPROVED");
            assertThat(atOperator(id)).as("charged once").hasSize(1);
        }
    }
}
