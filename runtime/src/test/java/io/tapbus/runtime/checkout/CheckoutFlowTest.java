package io.tapbus.runtime.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.phone.AppPhones;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Online checkout against a whole bus: a web shop (demo-shop) creates a payment, the payer confirms in the phone app
 * (device token from a real SMS registration), the shop captures in parts, refunds in parts (never above the capture)
 * and cancels the rest; every call replayed under its Idempotency-Key answers the first outcome and moves nothing again;
 * the shop is told by JMS and by a signed webhook on a loopback HTTP server that fails the first attempts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckoutFlowTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PAYER = "+8613800000001";
    static final String POOR_PAYER = "+8613800000003";
    private AppPhones phones;
    private RunningBus bus;
    private String admin;
    private String shop;
    private String payerToken;
    private WebhookReceiver hook;
    private jakarta.jms.Connection jms;
    private jakarta.jms.MessageConsumer shopEvents;

    @BeforeAll
    void start() throws Exception {
        phones = new AppPhones();
        Map<String, String> settings = new HashMap<>(phones.busSettings());
        settings.put("tapbus.checkout.webhook-attempts", "4");
        settings.put("tapbus.checkout.webhook-first-backoff-ms", "200");
        settings.put("tapbus.checkout.webhook-poll-ms", "50");
        bus = new RunningBus(settings);
        phones.awaitBound();
        admin = RunningBus.adminToken();
        shop = credential("demo-shop", "merchant");
        payerToken = phones.register(bus, PAYER);
        hook = new WebhookReceiver(2);
        HttpResponse<String> registered = bus.post("/checkout/merchants/demo-shop/webhook", shop, "{\"url\":\"" + hook.url() + "\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        hook.secret = JSON.readTree(registered.body()).path("secret").asText();
        assertThat(hook.secret).startsWith("whsec_");
        int dot = shop.indexOf('.');
        jms = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort)
                .createConnection(shop.substring(0, dot), shop.substring(dot + 1));
        jakarta.jms.Session session = jms.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
        shopEvents = session.createConsumer(session.createTopic("tapbus.partner.demo-shop.events"));
        jms.start();
    }

    @AfterAll
    void stop() throws Exception {
        jms.close();
        bus.close();
        phones.close();
        hook.close();
    }

    String credential(String partner, String role) throws Exception {
        HttpResponse<String> cred = bus.post("/partners/" + partner + "/credentials", admin, "{\"roles\":[\"" + role + "\"]}");
        assertThat(cred.statusCode()).as(cred.body()).isEqualTo(201);
        return JSON.readTree(cred.body()).path("token").asText();
    }

    HttpResponse<String> call(String path, String token, String key, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(bus.api(path)).header("Idempotency-Key", key);
        r = body == null ? r.POST(HttpRequest.BodyPublishers.noBody())
                : r.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return bus.send(r, token);
    }

    static String order(String orderId, String msisdn, int quantity, long unitPrice) {
        return "{\"orderId\":\"" + orderId + "\",\"amountMinor\":" + (quantity * unitPrice) + ",\"currency\":\"CNY\",\"msisdn\":\"" + msisdn
                + "\",\"basket\":[{\"sku\":\"TEA-01\",\"name\":\"Green tea\",\"quantity\":" + quantity + ",\"unitPriceMinor\":" + unitPrice + "}]}";
    }

    long balance(String accountId) throws Exception {
        return JSON.readTree(bus.get("/accounts/" + accountId, admin).body()).path("balanceMinor").asLong();
    }

    long payerBalance() throws Exception {
        return JSON.readTree(bus.get("/app/accounts", payerToken).body()).path("accounts").get(0).path("balanceMinor").asLong();
    }

    /** Creates a checkout for the payer and confirms it in the app; its id. */
    String authorized(String orderId, long amount) throws Exception {
        HttpResponse<String> created = call("/checkout/payments", shop, "create-" + orderId, order(orderId, PAYER, 1, amount));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("checkoutId").asText();
        HttpResponse<String> confirmed = bus.post("/app/checkout/" + id + "/confirm", payerToken, null);
        assertThat(JSON.readTree(confirmed.body()).path("status").asText()).as(confirmed.body()).isEqualTo("AUTHORIZED");
        return id;
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as(what + " within 20 s").isLessThan(until);
            Thread.sleep(50);
        }
    }

    @Test
    @Order(1)
    void aWholeCheckoutMovesEachAmountOnceAndRepliesAreReplayed() throws Exception {
        long payerBefore = payerBalance();
        long shopBefore = balance("M-demo-shop");
        String body = order("order-1001", PAYER, 2, 1250);
        HttpResponse<String> created = call("/checkout/payments", shop, "k-create-1001", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> replay = call("/checkout/payments", shop, "k-create-1001", body);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(created.body());
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        HttpResponse<String> reused = call("/checkout/payments", shop, "k-create-1001", order("order-1001", PAYER, 3, 1250));
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.body()).contains("idempotency-key-reused");
        assertThat(call("/checkout/payments", shop, "k-create-1001b", body).body()).as("one checkout per order").contains("order-has-checkout");
        String id = JSON.readTree(created.body()).path("checkoutId").asText();
        assertThat(JSON.readTree(bus.get("/app/checkout/" + id, payerToken).body()).path("status").asText()).isEqualTo("AWAITING_CONFIRMATION");

        HttpResponse<String> confirmed = bus.post("/app/checkout/" + id + "/confirm", payerToken, null);
        assertThat(JSON.readTree(confirmed.body()).path("authorizedMinor").asLong()).as(confirmed.body()).isEqualTo(2500);
        assertThat(JSON.readTree(bus.post("/app/checkout/" + id + "/confirm", payerToken, null).body()).path("status").asText())
                .as("a second confirmation holds nothing more").isEqualTo("AUTHORIZED");
        assertThat(payerBalance()).isEqualTo(payerBefore - 2500);

        HttpResponse<String> captured = call("/checkout/payments/" + id + "/captures", shop, "k-cap-1", "{\"amountMinor\":1500}");
        assertThat(JSON.readTree(captured.body()).path("status").asText()).as(captured.body()).isEqualTo("PARTIALLY_CAPTURED");
        HttpResponse<String> capturedAgain = call("/checkout/payments/" + id + "/captures", shop, "k-cap-1", "{\"amountMinor\":1500}");
        assertThat(capturedAgain.body()).isEqualTo(captured.body());
        HttpResponse<String> tooMuch = call("/checkout/payments/" + id + "/captures", shop, "k-cap-2", "{\"amountMinor\":1001}");
        assertThat(tooMuch.statusCode()).isEqualTo(409);
        assertThat(tooMuch.body()).contains("capture-exceeds-authorization");
        assertThat(balance("M-demo-shop")).isEqualTo(shopBefore + 1500);

        HttpResponse<String> refunded = call("/checkout/payments/" + id + "/refunds", shop, "k-ref-1", "{\"amountMinor\":500,\"reason\":\"cup\"}");
        assertThat(JSON.readTree(refunded.body()).path("refundedMinor").asLong()).as(refunded.body()).isEqualTo(500);
        HttpResponse<String> above = call("/checkout/payments/" + id + "/refunds", shop, "k-ref-2", "{\"amountMinor\":1001}");
        assertThat(above.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(above.body()).path("type").asText()).isEqualTo("https://tapbus.io/problems/refund-exceeds-capture");
        HttpResponse<String> aboveAgain = call("/checkout/payments/" + id + "/refunds", shop, "k-ref-2", "{\"amountMinor\":1001}");
        assertThat(aboveAgain.statusCode()).isEqualTo(409);
        assertThat(aboveAgain.body()).as("a refusal is replayed as it was").isEqualTo(above.body());

        HttpResponse<String> canceled = call("/checkout/payments/" + id + "/cancel", shop, "k-cancel-1", null);
        JsonNode after = JSON.readTree(canceled.body());
        assertThat(after.path("status").asText()).as(canceled.body()).isEqualTo("CAPTURED");
        assertThat(after.path("releasedMinor").asLong()).isEqualTo(1000);
        assertThat(payerBalance()).isEqualTo(payerBefore - 1500 + 500);
        assertThat(balance("M-demo-shop")).isEqualTo(shopBefore + 1000);
        assertThat(balance(CheckoutService.HOLD_ACCOUNT)).as("nothing left held").isZero();

        List<String> types = List.of("payment.checkout-requested", "payment.checkout-authorized", "payment.checkout-captured",
                "payment.checkout-refunded", "payment.checkout-canceled");
        await(() -> types.stream().allMatch(t -> hook.accepted().stream().anyMatch(r -> r.body().contains(id) && r.body().contains(t))),
                "every change delivered to the webhook");
        assertThat(hook.received).allMatch(WebhookReceiver.Received::signatureValid);
        assertThat(hook.received.stream().filter(r -> r.answered() == 500)).as("the first two attempts failed").hasSize(2);
        JsonNode deliveries = JSON.readTree(bus.get("/checkout/merchants/demo-shop/webhook/deliveries", shop).body()).path("deliveries");
        assertThat(deliveries.findValuesAsText("status")).contains("DELIVERED");
        assertThat(deliveries.findValues("attempts").stream().mapToInt(JsonNode::asInt).max().orElse(0)).isGreaterThanOrEqualTo(2);

        WebhookReceiver.Received one = hook.accepted().get(0);
        long sent = Long.parseLong(one.timestamp());
        assertThat(WebhookSigner.verify(hook.secret.getBytes(), one.timestamp(), one.body(), one.signature(), sent + 10, 300)).isTrue();
        assertThat(WebhookSigner.verify(hook.secret.getBytes(), one.timestamp(), one.body(), one.signature(), sent + 301, 300))
                .as("a delivery replayed after the tolerance is refused by the merchant").isFalse();
        assertThat(WebhookSigner.verify(hook.secret.getBytes(), one.timestamp(), one.body().replace("2500", "2600"), one.signature(), sent, 300))
                .as("a changed body").isFalse();

        await(() -> {
            try {
                String events = bus.get("/app/events", payerToken).body();
                return events.contains(id) && events.contains("payment.checkout-requested") && events.contains("payment.checkout-refunded");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "the payer's app events show the checkout");
        boolean seen = false;
        for (int i = 0; i < 30 && !seen; i++) {
            jakarta.jms.TextMessage m = (jakarta.jms.TextMessage) shopEvents.receive(1000);
            seen = m != null && m.getText().contains(id) && m.getText().contains("payment.checkout-captured");
        }
        assertThat(seen).as("the shop's JMS events show the capture").isTrue();
    }

    @Test
    @Order(2)
    void refundsRacingNeverExceedTheCapture() throws Exception {
        String id = authorized("order-race", 10_000);
        assertThat(call("/checkout/payments/" + id + "/captures", shop, "race-cap", null).body()).contains("\"CAPTURED\"");
        long payerBefore = payerBalance();
        List<java.util.concurrent.Callable<Integer>> refunds = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String key = "race-ref-" + i;
            refunds.add(() -> call("/checkout/payments/" + id + "/refunds", shop, key, "{\"amountMinor\":1000}").statusCode());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(24);
        List<Integer> statuses = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<Integer> f : pool.invokeAll(refunds)) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(10);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(14);
        JsonNode after = JSON.readTree(bus.get("/checkout/payments/" + id, shop).body());
        assertThat(after.path("refundedMinor").asLong()).isEqualTo(10_000);
        assertThat(payerBalance()).isEqualTo(payerBefore + 10_000);
    }

    @Test
    @Order(3)
    void cancelRefuseDeclineAndOtherPeoplesCheckouts() throws Exception {
        HttpResponse<String> created = call("/checkout/payments", shop, "k-2001", order("order-2001", PAYER, 1, 700));
        String id = JSON.readTree(created.body()).path("checkoutId").asText();
        assertThat(JSON.readTree(call("/checkout/payments/" + id + "/cancel", shop, "k-2001-c", null).body()).path("status").asText())
                .isEqualTo("CANCELED");
        assertThat(bus.post("/app/checkout/" + id + "/confirm", payerToken, null).statusCode()).as("canceled before the payer confirmed")
                .isEqualTo(409);
        assertThat(call("/checkout/payments/" + id + "/captures", shop, "k-2001-cap", null).body()).contains("checkout-not-capturable");

        String refused = JSON.readTree(call("/checkout/payments", shop, "k-2002", order("order-2002", PAYER, 1, 700)).body())
                .path("checkoutId").asText();
        assertThat(JSON.readTree(bus.post("/app/checkout/" + refused + "/refuse", payerToken, null).body()).path("status").asText())
                .isEqualTo("DECLINED");

        String poorToken = phones.register(bus, POOR_PAYER);
        String poor = JSON.readTree(call("/checkout/payments", shop, "k-2003", order("order-2003", POOR_PAYER, 1, 700)).body())
                .path("checkoutId").asText();
        assertThat(bus.post("/app/checkout/" + poor + "/confirm", payerToken, null).statusCode()).as("another user's").isEqualTo(404);
        assertThat(JSON.readTree(bus.post("/app/checkout/" + poor + "/confirm", poorToken, null).body()).path("status").asText())
                .as("no stored value to hold").isEqualTo("DECLINED");

        String cafe = credential("demo-cafe", "merchant");
        assertThat(bus.get("/checkout/payments/" + id, cafe).statusCode()).as("another shop's checkout").isEqualTo(404);
        assertThat(call("/checkout/payments/" + id + "/refunds", cafe, "cafe-1", "{\"amountMinor\":1}").statusCode()).isEqualTo(404);
        assertThat(bus.post("/checkout/merchants/demo-shop/webhook", cafe, "{\"url\":\"http://127.0.0.1:1/x\"}").statusCode()).isEqualTo(403);
        assertThat(call("/checkout/payments", shop, "k-bad", order("order-bad", PAYER, -1, 700)).statusCode()).isEqualTo(400);
        assertThat(call("/checkout/payments", shop, "k-bad", "{\"orderId\":\"o\",\"amountMinor\":5,\"msisdn\":\"" + PAYER
                + "\",\"basket\":[{\"sku\":\"A\",\"quantity\":1,\"unitPriceMinor\":4}]}").body()).contains("basket's total");
        HttpResponse<String> noKey = bus.post("/checkout/payments", shop, order("order-nokey", PAYER, 1, 1));
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(noKey.body()).contains("Idempotency-Key");
    }

    @Test
    @Order(4)
    void aWebhookThatNeverAnswersIsRetriedWithBackoffThenDeadLettered() throws Exception {
        String cafe = credential("demo-cafe", "merchant");
        try (WebhookReceiver down = new WebhookReceiver(Integer.MAX_VALUE)) {
            HttpResponse<String> registered = bus.post("/checkout/merchants/demo-cafe/webhook", admin, "{\"url\":\"" + down.url() + "\"}");
            down.secret = JSON.readTree(registered.body()).path("secret").asText();
            HttpResponse<String> created = call("/checkout/payments", cafe, "cafe-create", order("order-cafe-1", PAYER, 1, 300));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            await(() -> {
                try {
                    return JSON.readTree(bus.get("/checkout/merchants/demo-cafe/webhook/deliveries", cafe).body()).path("deliveries")
                            .findValuesAsText("status").contains("DEAD");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "the delivery dead-lettered");
            assertThat(down.received).hasSize(4).allMatch(WebhookReceiver.Received::signatureValid);
            assertThat(down.received.stream().map(WebhookReceiver.Received::id).distinct()).as("one delivery, its id kept").hasSize(1);
            for (int i = 2; i < 4; i++) {
                long gap = down.received.get(i).atMillis() - down.received.get(i - 1).atMillis();
                assertThat(gap).as("backoff before attempt " + (i + 1)).isGreaterThanOrEqualTo(200L << (i - 1));
            }
        }
    }
}
