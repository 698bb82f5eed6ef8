package io.tapbus.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import io.tapbus.samples.operator.OperatorSimulator;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bus configured with the operator simulator: phone payments from a number whose SIM changed recently are
 * referred to the card holder or declined over REST, as payment-authorize's SIM swap rules say; an operator that
 * does not answer in time leaves the SIM swap unknown and the payment is decided without it.
 */
class SimSwapPaymentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHONE = "+8613800000001"; // the demo user with the active stored-value card
    private static OperatorSimulator operator;
    private static RunningBus bus;
    private static String issuer;

    @BeforeAll
    static void start() throws Exception {
        operator = OperatorSimulator.start("127.0.0.1", 0);
        bus = new RunningBus(Map.of("tapbus.operator.api-root", operator.apiRoot().toString(),
                "tapbus.operator.sim-swap-cache-seconds", "0", "tapbus.operator.timeout-ms", "500"));
        issuer = bus.partnerToken("demo-bank", "issuer");
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
        operator.close();
    }

    @AfterEach
    void normalOperator() {
        operator.state().clearSimSwap(PHONE);
        operator.state().delay(Duration.ZERO);
    }

    private static JsonNode pay(long amountMinor) throws Exception {
        HttpResponse<String> r = bus.post("/payments", issuer, "{\"msisdn\":\"" + PHONE + "\",\"merchantId\":\"demo-cafe\",\"amountMinor\":"
                + amountMinor + ",\"currency\":\"CNY\",\"idempotencyKey\":\"" + UUID.randomUUID() + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static List<String> reasons(JsonNode outcome) {
        List<String> codes = new ArrayList<>();
        outcome.path("reasons").forEach(r -> codes.add(r.path("code").asText()));
        return codes;
    }

    @Test
    void aSimSwappedHoursAgoAsksTheCardHolderAndTheConfirmationPays() throws Exception {
        operator.state().simSwap(PHONE, Instant.now().minus(Duration.ofHours(5)));
        JsonNode waiting = pay(1250);
        assertThat(waiting.path("status").asText()).isEqualTo("STEP_UP");
        assertThat(reasons(waiting)).containsExactly("SIM_SWAP_RECENT");

        HttpResponse<String> confirmed = bus.post("/payments/" + waiting.path("paymentId").asText() + "/confirm", issuer,
                "{\"msisdn\":\"" + PHONE + "\"}");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(JSON.readTree(confirmed.body()).path("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void aSimSwappedJustNowDeclinesALargePayment() throws Exception {
        operator.state().simSwap(PHONE, Instant.now().minus(Duration.ofMinutes(30)));
        JsonNode declined = pay(60_000);
        assertThat(declined.path("status").asText()).isEqualTo("DECLINED");
        assertThat(reasons(declined)).contains("SIM_SWAP_RECENT");
        JsonNode small = pay(800);
        assertThat(small.path("status").asText()).as("a small amount is only referred").isEqualTo("STEP_UP");
    }

    @Test
    void withoutARecentSwapNothingChanges() throws Exception {
        operator.state().simSwap(PHONE, Instant.now().minus(Duration.ofDays(3)));
        JsonNode paid = pay(700);
        assertThat(paid.path("status").asText()).isEqualTo("APPROVED");
        assertThat(reasons(paid)).doesNotContain("SIM_SWAP_RECENT");
    }

    @Test
    void anOperatorTooSlowToAnswerLeavesTheSwapUnknownAndThePaymentIsDecidedWithoutIt() throws Exception {
        operator.state().simSwap(PHONE, Instant.now().minus(Duration.ofHours(1)));
        operator.state().delay(Duration.ofSeconds(3));
        long start = System.nanoTime();
        JsonNode paid = pay(600);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited no longer than the operator timeout").isLessThan(Duration.ofSeconds(2));
        assertThat(paid.path("status").asText()).as("the shipped rules ignore an unknown SIM swap").isEqualTo("APPROVED");
    }
}
