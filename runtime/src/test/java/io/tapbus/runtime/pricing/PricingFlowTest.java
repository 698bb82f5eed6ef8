package io.tapbus.runtime.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.UserService;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Campaigns, coupons and basket payments in a running bus: an advertiser publishes over REST and JMS, coupons are
 * issued, claimed, revoked and redeemed by a phone payment of a basket (the discounted amount is what the card pays),
 * the advertiser receives coupon.redeemed and campaign.budget on its own topic, and a campaign's last unit is redeemed
 * once when many payments race for it.
 */
class PricingFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHONE = "+8613800000001";
    private static RunningBus bus;
    private static String admin;
    private static String advertiser;
    private static String issuer;

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus();
        admin = RunningBus.adminToken();
        advertiser = bus.partnerToken("demo-media", "advertiser");
        issuer = bus.partnerToken("demo-bank", "issuer");
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    private static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private static String publish(String body) throws Exception {
        return ok(bus.post("/campaigns", advertiser, body), 201).path("campaignId").asText();
    }

    private static long balance(String msisdn) throws Exception {
        UserService users = bus.app().context().getRegistry().lookupByNameAndType("userService", UserService.class);
        String userId = users.findUserByMsisdn(msisdn).orElseThrow().userId();
        String account = users.cardsOf(userId).get(0).accountId();
        return ok(bus.get("/accounts/" + account, admin), 200).path("balanceMinor").asLong();
    }

    @Test
    void aCouponIsIssuedClaimedAndRedeemedOnceByABasketPaymentAndTheAdvertiserHearsOfIt() throws Exception {
        String percent = publish("{\"name\":\"10% off tea\",\"kind\":\"PERCENT\",\"percent\":10,\"categories\":[\"tea-f1\"],\"priority\":20}");
        String coupon = publish("{\"name\":\"5.00 off cakes\",\"kind\":\"AMOUNT\",\"amountMinor\":500,\"skus\":[\"CAKE-F1\"],"
                + "\"couponRequired\":true,\"budgetUnits\":10,\"perPersonLimit\":1}");
        JsonNode issued = ok(bus.post("/campaigns/" + coupon + "/coupons", advertiser, "{\"msisdn\":\"" + PHONE + "\"}"), 201);
        String code = issued.path("code").asText();
        assertThat(issued.path("state").asText()).isEqualTo("ISSUED");
        assertThat(ok(bus.post("/coupons/" + code + "/claim", issuer, "{\"msisdn\":\"" + PHONE + "\"}"), 200).path("state").asText())
                .isEqualTo("CLAIMED");
        assertThat(bus.post("/coupons/" + code + "/claim", issuer, "{\"msisdn\":\"+8613800000002\"}").statusCode())
                .as("another person's coupon").isEqualTo(404);

        String basket = "[{\"sku\":\"TEA-F1\",\"category\":\"tea-f1\",\"quantity\":2,\"unitPriceMinor\":4500},"
                + "{\"sku\":\"CAKE-F1\",\"category\":\"bakery-f1\",\"quantity\":3,\"unitPriceMinor\":1200}]";
        JsonNode quote = ok(bus.post("/pricing/quote", issuer, "{\"msisdn\":\"" + PHONE + "\",\"storeId\":\"demo-shop\",\"lines\":" + basket
                + ",\"couponCodes\":[\"" + code + "\"]}"), 200);
        assertThat(quote.path("payableMinor").asLong()).isEqualTo(12600 - 900 - 500);

        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort);
        int dot = advertiser.indexOf('.');
        try (Connection jms = cf.createConnection(advertiser.substring(0, dot), advertiser.substring(dot + 1))) {
            jms.start();
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = session.createConsumer(session.createTopic("tapbus.partner.demo-media.events"));
            long before = balance(PHONE);
            String pay = "{\"msisdn\":\"" + PHONE + "\",\"merchantId\":\"demo-shop\",\"basket\":" + basket + ",\"couponCodes\":[\"" + code
                    + "\"],\"idempotencyKey\":\"basket-f1\"}";
            JsonNode paid = ok(bus.post("/payments", issuer, pay), 200);
            assertThat(paid.path("status").asText()).as(paid.toString()).isEqualTo("APPROVED");
            assertThat(paid.path("pricing").path("applied")).hasSize(2);
            assertThat(balance(PHONE)).as("the card pays the discounted amount").isEqualTo(before - 11200);
            JsonNode again = ok(bus.post("/payments", issuer, pay), 200);
            assertThat(again.path("paymentId").asText()).isEqualTo(paid.path("paymentId").asText());
            assertThat(balance(PHONE)).as("a repeat pays once").isEqualTo(before - 11200);

            JsonNode redeemed = ok(bus.get("/coupons/" + code, advertiser), 200);
            assertThat(redeemed.path("state").asText()).isEqualTo("REDEEMED");
            assertThat(redeemed.path("paymentId").asText()).isEqualTo(paid.path("paymentId").asText());
            JsonNode spent = ok(bus.get("/campaigns/" + coupon, advertiser), 200);
            assertThat(spent.path("redemptions").asLong()).isEqualTo(1);
            assertThat(spent.path("spentMinor").asLong()).isEqualTo(500);

            Map<String, JsonNode> seen = new HashMap<>();
            java.util.Set<String> wanted = java.util.Set.of("coupon.redeemed:" + coupon, "campaign.budget:" + coupon,
                    "campaign.budget:" + percent);
            for (Message m; !seen.keySet().containsAll(wanted) && (m = events.receive(10_000)) != null; ) {
                JsonNode e = JSON.readTree(((TextMessage) m).getText());
                // the other tests' campaigns (same advertiser) may still be relaying their events: only ours count
                seen.put(e.path("type").asText() + ":" + e.path("data").path("campaignId").asText(), e);
            }
            assertThat(seen).containsKeys("coupon.redeemed:" + coupon, "campaign.budget:" + coupon, "campaign.budget:" + percent);
            assertThat(seen.get("campaign.budget:" + coupon).path("data").path("budgetLeftUnits").asLong()).isEqualTo(9);
        }

        JsonNode second = ok(bus.post("/pricing/quote", issuer, "{\"msisdn\":\"" + PHONE + "\",\"storeId\":\"demo-shop\",\"lines\":" + basket
                + ",\"couponCodes\":[\"" + code + "\"]}"), 200);
        assertThat(second.path("notApplied").toString()).contains("COUPON_REDEEMED");
        assertThat(bus.post("/coupons/" + code + "/revoke", advertiser, null).statusCode()).as("a redeemed coupon").isEqualTo(409);
    }

    @Test
    void aRevokedCouponIsRefusedAndBadBasketsAreRefusedWithReasons() throws Exception {
        String coupon = publish("{\"name\":\"2.00 off\",\"kind\":\"AMOUNT\",\"amountMinor\":200,\"couponRequired\":true,\"skus\":[\"X-F2\"]}");
        String code = ok(bus.post("/campaigns/" + coupon + "/coupons", advertiser, "{\"msisdn\":\"" + PHONE + "\"}"), 201).path("code").asText();
        assertThat(ok(bus.post("/coupons/" + code + "/revoke", advertiser, null), 200).path("state").asText()).isEqualTo("REVOKED");
        assertThat(bus.post("/coupons/" + code + "/claim", issuer, "{\"msisdn\":\"" + PHONE + "\"}").statusCode()).isEqualTo(409);
        String line = "{\"sku\":\"X-F2\",\"quantity\":1,\"unitPriceMinor\":1000}";
        JsonNode quote = ok(bus.post("/pricing/quote", admin, "{\"msisdn\":\"" + PHONE + "\",\"storeId\":\"demo-shop\",\"lines\":[" + line
                + "],\"couponCodes\":[\"" + code + "\"]}"), 200);
        assertThat(quote.path("notApplied").get(0).path("reason").asText()).isEqualTo("COUPON_REVOKED");
        assertThat(quote.path("payableMinor").asLong()).isEqualTo(1000);

        HttpResponse<String> negative = bus.post("/payments", issuer, "{\"msisdn\":\"" + PHONE + "\",\"merchantId\":\"demo-shop\",\"basket\":["
                + "{\"sku\":\"X-F2\",\"quantity\":-1,\"unitPriceMinor\":1000}],\"idempotencyKey\":\"neg-f2\"}");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.body()).contains("NEGATIVE_QUANTITY").doesNotContain("Exception");
        assertThat(bus.post("/campaigns", advertiser, "{\"name\":\"bad\",\"kind\":\"PERCENT\",\"percent\":150}").statusCode()).isEqualTo(400);
        assertThat(bus.post("/campaigns", issuer, "{\"name\":\"x\",\"kind\":\"AMOUNT\",\"amountMinor\":1}").statusCode()).isEqualTo(403);
        assertThat(bus.get("/campaigns/" + coupon, bus.partnerToken("demo-shop", "merchant")).statusCode()).as("another partner's").isEqualTo(404);
        HttpResponse<String> badDate = bus.post("/campaigns", advertiser,
                "{\"name\":\"x\",\"kind\":\"AMOUNT\",\"amountMinor\":1,\"startsAt\":\"yesterday\"}");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("startsAt").doesNotContain("java.");
        assertThat(ok(bus.post("/campaigns/" + coupon + "/withdraw", advertiser, null), 200).path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(bus.post("/campaigns/" + coupon + "/coupons", advertiser, "{\"msisdn\":\"" + PHONE + "\"}").statusCode())
                .as("no coupons of a withdrawn campaign").isEqualTo(409);
    }

    @Test
    void aBasketWithOffersThatWouldNeedAStepUpIsDeclinedAndRedeemsNothing() throws Exception {
        String campaign = publish("{\"name\":\"1% off TVs\",\"kind\":\"PERCENT\",\"percent\":1,\"skus\":[\"TV-F5\"],\"budgetUnits\":5}");
        long before = balance(PHONE);
        JsonNode paid = ok(bus.post("/payments", issuer, "{\"msisdn\":\"" + PHONE + "\",\"merchantId\":\"demo-shop\",\"basket\":"
                + "[{\"sku\":\"TV-F5\",\"quantity\":1,\"unitPriceMinor\":30000}],\"idempotencyKey\":\"tv-f5\"}"), 200);
        assertThat(paid.path("status").asText()).isEqualTo("DECLINED");
        assertThat(paid.path("reasons").toString()).contains("BASKET_STEP_UP_UNSUPPORTED");
        assertThat(balance(PHONE)).isEqualTo(before);
        assertThat(ok(bus.get("/campaigns/" + campaign, advertiser), 200).path("redemptions").asLong()).isZero();
    }

    @Test
    void campaignsArePublishedAndCouponsIssuedOverJmsWithTheSendersOwnCredential() throws Exception {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort);
        int dot = advertiser.indexOf('.');
        try (Connection jms = cf.createConnection(advertiser.substring(0, dot), advertiser.substring(dot + 1))) {
            jms.start();
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer replies = session.createConsumer(session.createQueue("tapbus.partner.demo-media.campaign-replies"));
            TextMessage publish = session.createTextMessage("{\"operation\":\"publish\",\"campaign\":{\"name\":\"JMS 3.00 off\","
                    + "\"kind\":\"AMOUNT\",\"amountMinor\":300,\"skus\":[\"J-F3\"],\"couponRequired\":true}}");
            publish.setJMSCorrelationID("pub-1");
            session.createProducer(session.createQueue("tapbus.campaign-requests")).send(publish);
            JsonNode reply = JSON.readTree(((TextMessage) replies.receive(10_000)).getText());
            assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
            assertThat(reply.path("correlationId").asText()).isEqualTo("pub-1");
            String campaignId = reply.path("result").path("campaignId").asText();
            assertThat(ok(bus.get("/campaigns/" + campaignId, advertiser), 200).path("advertiserId").asText()).isEqualTo("demo-media");

            session.createProducer(session.createQueue("tapbus.campaign-requests")).send(session.createTextMessage(
                    "{\"operation\":\"issueCoupon\",\"campaignId\":\"" + campaignId + "\",\"msisdn\":\"" + PHONE + "\"}"));
            JsonNode coupon = JSON.readTree(((TextMessage) replies.receive(10_000)).getText());
            assertThat(coupon.path("result").path("issuedVia").asText()).as(coupon.toString()).isEqualTo("JMS");

            session.createProducer(session.createQueue("tapbus.campaign-requests")).send(session.createTextMessage(
                    "{\"operation\":\"publish\",\"campaign\":{\"name\":\"bad\",\"kind\":\"BUY_X_GET_Y\"}}"));
            JsonNode refused = JSON.readTree(((TextMessage) replies.receive(10_000)).getText());
            assertThat(refused.path("ok").asBoolean()).isFalse();
            assertThat(refused.path("status").asInt()).isEqualTo(400);
        }
        String merchant = bus.partnerToken("demo-bank", "issuer");
        int d = merchant.indexOf('.');
        try (Connection jms = cf.createConnection(merchant.substring(0, d), merchant.substring(d + 1))) {
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> session.createProducer(session.createQueue("tapbus.campaign-requests"))
                    .send(session.createTextMessage("{}"))).as("an issuer may not publish campaigns").isInstanceOf(jakarta.jms.JMSSecurityException.class);
        }
    }

    @Test
    void manyPaymentsRacingForACampaignsLastUnitRedeemItOnce() throws Exception {
        String campaign = publish("{\"name\":\"the last 3.00\",\"kind\":\"AMOUNT\",\"amountMinor\":300,\"skus\":[\"RACE-F4\"],\"budgetUnits\":1}");
        UserService users = bus.app().context().getRegistry().lookupByNameAndType("userService", UserService.class);
        LedgerService ledger = bus.app().context().getRegistry().lookupByNameAndType("ledgerService", LedgerService.class);
        int n = 12;
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String msisdn = String.format("+86139%08d", 4400 + i);
            String uid = String.format("04F4%010X", i);
            users.createUser(msisdn, "racer " + i, "test");
            UserService.Card card = users.issueCard(uid, "CNY", "test");
            users.bindCard(uid, msisdn, "test");
            ledger.topUp(card.accountId(), 10_000, "race-topup-" + i, "test");
            phones.add(msisdn);
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<JsonNode>> answers = new ArrayList<>();
        for (String msisdn : phones) {
            answers.add(pool.submit(() -> {
                go.await();
                return ok(bus.post("/payments", issuer, "{\"msisdn\":\"" + msisdn + "\",\"merchantId\":\"demo-shop\",\"basket\":"
                        + "[{\"sku\":\"RACE-F4\",\"quantity\":1,\"unitPriceMinor\":1000}],\"idempotencyKey\":\"race-" + msisdn + "\"}"), 200);
            }));
        }
        go.countDown();
        int withOffer = 0;
        for (int i = 0; i < n; i++) {
            JsonNode a = answers.get(i).get();
            boolean applied = a.path("pricing").path("applied").size() == 1;
            String status = a.path("status").asText();
            if (status.equals("APPROVED") && applied) {
                withOffer++;
                assertThat(balance(phones.get(i))).isEqualTo(10_000 - 700);
            } else if (status.equals("APPROVED")) {
                assertThat(a.path("pricing").path("notApplied").toString()).contains("BUDGET_SPENT");
                assertThat(balance(phones.get(i))).isEqualTo(10_000 - 1000);
            } else {
                assertThat(a.path("reasons").toString()).as(a.toString()).contains("OFFER_UNAVAILABLE");
                assertThat(balance(phones.get(i))).as("declined: nothing paid").isEqualTo(10_000);
            }
        }
        pool.shutdown();
        assertThat(withOffer).as("the last unit goes to one payment").isEqualTo(1);
        JsonNode spent = ok(bus.get("/campaigns/" + campaign, advertiser), 200);
        assertThat(spent.path("redemptions").asLong()).isEqualTo(1);
        assertThat(spent.path("spentMinor").asLong()).isEqualTo(300);
    }
}
