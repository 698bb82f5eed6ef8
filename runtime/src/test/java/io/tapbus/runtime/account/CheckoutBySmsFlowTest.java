package io.tapbus.runtime.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.phone.AppPhones;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Online checkout confirmed on the phone by SMS against a whole bus and a loopback SMSC: the bus's prompt answered
 * {@code Y} confirms once, a {@code Y} (or {@code 是}) after the app confirmed is "already done", {@code N} refuses and a
 * late {@code Y} changes nothing: the money is held exactly once. (The account overview: {@link AccountOverviewFlowTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckoutBySmsFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOLDER = AccountOverviewFlowTest.HOLDER;
    private AppPhones phones;
    private RunningBus bus;
    private String shop;
    private String holderApp;

    @BeforeAll
    void start() throws Exception {
        phones = new AppPhones();
        bus = new RunningBus(phones.busSettings());
        phones.awaitBound();
        shop = bus.partnerToken("demo-shop", "merchant");
        holderApp = phones.register(bus, HOLDER);
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
        phones.close();
    }

    @Test
    @Order(1)
    void aCheckoutIsConfirmedBySmsYOnceAndAYAfterTheAppIsAlreadyDone() throws Exception {
        long start = payerBalance();
        String first = checkout("ov-order-1", 2_000);
        assertThat(phones.ask(HOLDER, "Y")).contains("confirmed");
        assertThat(status(first)).isEqualTo("AUTHORIZED");
        assertThat(payerBalance()).isEqualTo(start - 2_000);
        assertThat(phones.ask(HOLDER, "Y")).contains("Already done");
        assertThat(ok(bus.post("/app/checkout/" + first + "/confirm", holderApp, null), 200).path("status").asText())
                .isEqualTo("AUTHORIZED");
        assertThat(payerBalance()).as("held once").isEqualTo(start - 2_000);

        String second = checkout("ov-order-2", 3_000);
        ok(bus.post("/app/checkout/" + second + "/confirm", holderApp, null), 200);
        assertThat(phones.ask(HOLDER, "是")).contains("已确认过");
        assertThat(status(second)).isEqualTo("AUTHORIZED");
        assertThat(payerBalance()).isEqualTo(start - 5_000);
    }

    @Test
    @Order(2)
    void aCheckoutIsRefusedBySmsN() throws Exception {
        long start = payerBalance();
        String id = checkout("ov-order-3", 4_000);
        assertThat(phones.ask(HOLDER, "N")).contains("Payment refused");
        assertThat(status(id)).isEqualTo("DECLINED");
        assertThat(payerBalance()).isEqualTo(start);
        assertThat(phones.ask(HOLDER, "Y")).contains("Already done").contains("refused before");
        assertThat(status(id)).isEqualTo("DECLINED");
        assertThat(payerBalance()).isEqualTo(start);
    }

    /** A checkout of demo-shop for the holder, once its SMS prompt arrived; its id. */
    private String checkout(String orderId, long amount) throws Exception {
        int before = phones.messagesTo(HOLDER);
        HttpResponse<String> created = bus.send(java.net.http.HttpRequest.newBuilder(bus.api("/checkout/payments"))
                .header("Idempotency-Key", "create-" + orderId).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"orderId\":\"" + orderId + "\",\"amountMinor\":" + amount
                        + ",\"currency\":\"CNY\",\"msisdn\":\"" + HOLDER + "\",\"basket\":[{\"sku\":\"TEA-01\",\"name\":\"Green tea\","
                        + "\"quantity\":1,\"unitPriceMinor\":" + amount + "}]}")), shop);
        String id = ok(created, 201).path("checkoutId").asText();
        AppPhones.awaitThat(() -> phones.textTo(HOLDER, before).contains("order " + orderId + "? Reply Y or N"));
        Thread.sleep(300); // the prompt's other part
        return id;
    }

    private String status(String checkoutId) throws Exception {
        return ok(bus.get("/app/checkout/" + checkoutId, holderApp), 200).path("status").asText();
    }

    private long payerBalance() throws Exception {
        return ok(bus.get("/app/accounts", holderApp), 200).path("accounts").get(0).path("balanceMinor").asLong();
    }

    private static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }
}
