package io.tapbus.runtime.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.reader.AccountAnswer;
import io.tapbus.connector.reader.AccountQuery;
import io.tapbus.connector.reader.ErrorBody;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.runtime.phone.AppPhones;
import io.tapbus.samples.reader.ReaderSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The account overview from every channel against a whole bus: a card holder with merged-card points, a coupon and a
 * ticket sees the same figures over partner REST, the phone app (and never another person's card), the reader port's
 * ACCOUNT_QUERY over the real socket and SMS {@code BAL}; the balance follows a tap at once. (Checkouts confirmed by
 * SMS: {@link CheckoutBySmsFlowTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountOverviewFlowTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HOLDER = "+8613800000001";
    static final String OTHER = "+8613800000003";
    static final String CARD = DemoSeeder.ACTIVE_CARD;
    private AppPhones phones;
    private RunningBus bus;
    private String admin;
    private String issuer;
    private String shop;
    private String cafe;
    private String holderApp;
    private String otherApp;
    private String coupon;
    private String ticket;

    @BeforeAll
    void start() throws Exception {
        phones = new AppPhones();
        bus = new RunningBus(phones.busSettings());
        phones.awaitBound();
        admin = RunningBus.adminToken();
        issuer = bus.partnerToken("demo-bank", "issuer");
        shop = bus.partnerToken("demo-shop", "merchant");
        cafe = bus.partnerToken("demo-cafe", "merchant");
        holderApp = phones.register(bus, HOLDER);
        otherApp = phones.register(bus, OTHER);
        ok(bus.post("/memberships", shop, "{\"programmeId\":\"demo-shop-club\",\"memberNumber\":\"SC-7\",\"cardUid\":\"" + CARD
                + "\",\"points\":1000,\"consent\":true,\"holderName\":\"Demo user\",\"holderPhone\":\"" + HOLDER + "\"}"), 201);
        String advertiser = bus.partnerToken("demo-media", "advertiser");
        String campaign = ok(bus.post("/campaigns", advertiser, "{\"name\":\"5.00 off cakes\",\"kind\":\"AMOUNT\",\"amountMinor\":500,"
                + "\"skus\":[\"CAKE-F1\"],\"couponRequired\":true}"), 201).path("campaignId").asText();
        coupon = ok(bus.post("/campaigns/" + campaign + "/coupons", advertiser, "{\"msisdn\":\"" + HOLDER + "\"}"), 201)
                .path("code").asText();
        ok(bus.post("/partners", admin, "{\"partnerId\":\"metro-ov\",\"name\":\"Metro\",\"kind\":\"MERCHANT\"}"), 201);
        String seller = bus.partnerToken("metro-ov", "ticket-seller");
        Instant now = Instant.now();
        ticket = ok(bus.post("/tickets", seller, "{\"idempotencyKey\":\"ov-1\",\"kind\":\"RIDE\",\"product\":\"METRO-SINGLE\","
                + "\"zones\":\"1\",\"validFrom\":\"" + now.minusSeconds(60) + "\",\"validUntil\":\"" + now.plusSeconds(86_400)
                + "\",\"cardUid\":\"" + CARD + "\"}"), 201).path("ticketId").asText();
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
        phones.close();
    }

    @Test
    @Order(1)
    void partnersSeeTheOverviewAndAMerchantOnlyItsOwnShare() throws Exception {
        JsonNode all = ok(bus.get("/cards/" + CARD.toLowerCase() + "/overview", issuer), 200);
        assertThat(all.path("cardUid").asText()).isEqualTo(CARD);
        assertThat(all.path("cardStatus").asText()).isEqualTo("ACTIVE");
        assertThat(all.path("balanceMinor").asLong()).isEqualTo(100_000);
        assertThat(all.path("currency").asText()).isEqualTo("CNY");
        assertThat(all.path("points")).hasSize(1);
        assertThat(all.path("points").get(0).path("programmeId").asText()).isEqualTo("demo-shop-club");
        assertThat(all.path("points").get(0).path("name").asText()).isEqualTo("Demo Shop Club");
        assertThat(all.path("points").get(0).path("points").asLong()).isEqualTo(1000);
        assertThat(all.path("coupons")).hasSize(1);
        assertThat(all.path("coupons").get(0).path("code").asText()).isEqualTo(coupon);
        assertThat(all.path("coupons").get(0).path("state").asText()).isEqualTo("ISSUED");
        assertThat(all.path("tickets")).hasSize(1);
        assertThat(all.path("tickets").get(0).path("ticketId").asText()).isEqualTo(ticket);
        assertThat(all.path("tickets").get(0).path("usesLeft").asInt()).isEqualTo(1);

        JsonNode shopView = ok(bus.get("/cards/" + CARD + "/overview", shop), 200);
        assertThat(shopView.path("points")).as("demo-shop's own programme").hasSize(1);
        assertThat(shopView.path("coupons")).as("demo-media's campaign").isEmpty();
        assertThat(shopView.path("tickets")).as("metro-ov's ticket").isEmpty();
        JsonNode cafeView = ok(bus.get("/cards/" + CARD + "/overview", cafe), 200);
        assertThat(cafeView.path("points")).isEmpty();
        assertThat(cafeView.path("balanceMinor").asLong()).isEqualTo(100_000);

        assertThat(bus.get("/cards/04FFFFFFFFFFFF/overview", issuer).statusCode()).isEqualTo(404);
        assertThat(bus.get("/cards/" + CARD + "/overview", bus.partnerToken("demo-media", "advertiser")).statusCode()).isEqualTo(403);
        assertThat(bus.get("/cards/" + CARD + "/overview", null).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void theOverviewFollowsTheLedgerAtOnce() throws Exception {
        try (ReaderClient reader = bus.reader("R-DEMO-1")) {
            ReaderFrame tap = reader.tap(new TapRequest(CARD, 1250, "CNY", Instant.now().toString(), "ov-tap-1"));
            assertThat(tap.bodyText()).contains("\"verdict\":\"APPROVED\"");
        }
        assertThat(ok(bus.get("/cards/" + CARD + "/overview", issuer), 200).path("balanceMinor").asLong())
                .as("read right after the tap's answer").isEqualTo(100_000 - 1250);
        ok(bus.post("/memberships/demo-shop-club/SC-7/points/earn", shop, "{\"points\":25,\"idempotencyKey\":\"ov-earn-1\"}"), 201);
        assertThat(ok(bus.get("/cards/" + CARD + "/overview", issuer), 200).path("points").get(0).path("points").asLong())
                .isEqualTo(1025);
    }

    @Test
    @Order(3)
    void thePhoneAppSeesItsOwnCardsOnly() throws Exception {
        JsonNode mine = ok(bus.get("/app/overview", holderApp), 200);
        assertThat(mine.path("cards")).hasSize(1);
        assertThat(mine.path("cards").get(0).path("cardUid").asText()).isEqualTo(CARD);
        assertThat(mine.path("cards").get(0).path("coupons").get(0).path("code").asText()).isEqualTo(coupon);
        JsonNode theirs = ok(bus.get("/app/overview", otherApp), 200);
        assertThat(theirs.path("cards")).hasSize(1);
        assertThat(theirs.path("cards").get(0).path("cardUid").asText()).isEqualTo(DemoSeeder.BANK_CARD);
        assertThat(theirs.path("cards").get(0).path("points")).isEmpty();
        assertThat(theirs.path("cards").get(0).path("coupons")).isEmpty();
        assertThat(theirs.path("cards").get(0).path("tickets")).isEmpty();
        assertThat(ok(bus.get("/app/overview?cardUid=" + CARD, holderApp), 200).path("cards")).hasSize(1);
        assertThat(bus.get("/app/overview?cardUid=" + CARD, otherApp).statusCode()).as("another person's card").isEqualTo(404);
        assertThat(bus.get("/app/overview", null).statusCode()).isEqualTo(401);
        assertThat(bus.get("/app/overview", issuer).statusCode()).as("a partner credential is no device token").isEqualTo(401);
    }

    @Test
    @Order(4)
    void aReaderAsksForTheAccountOfATappedCard() throws Exception {
        long balance = ok(bus.get("/cards/" + CARD + "/overview", issuer), 200).path("balanceMinor").asLong();
        try (ReaderClient reader = bus.reader("R-DEMO-1")) {
            ReaderFrame reply = query(reader, new AccountQuery(CARD, Instant.now().toString(), "bal-1").toJson());
            assertThat(reply.type()).as(reply.bodyText()).isEqualTo(FrameType.ACCOUNT_ANSWER);
            AccountAnswer answer = AccountAnswer.parse(reply.body());
            assertThat(answer.balanceMinor()).isEqualTo(balance);
            assertThat(answer.currency()).isEqualTo("CNY");
            assertThat(answer.cardStatus()).isEqualTo("ACTIVE");
            assertThat(answer.points().count()).isEqualTo(1);
            assertThat(answer.points().first().get(0)).isEqualTo(new AccountAnswer.PointsLine("Demo Shop Club", 1025));
            assertThat(answer.coupons().count()).isEqualTo(1);
            assertThat(answer.coupons().first().get(0).code()).isEqualTo(coupon);
            assertThat(answer.tickets().count()).isEqualTo(1);
            assertThat(answer.tickets().first().get(0).product()).isEqualTo("METRO-SINGLE");
            assertThat(answer.correlationId()).isEqualTo("bal-1");

            assertError(query(reader, new AccountQuery("04FFFFFFFFFFFF", Instant.now().toString(), null).toJson()), "NOT_FOUND");
            assertError(query(reader, new AccountQuery(DemoSeeder.BLOCKED_CARD, Instant.now().toString(), null).toJson()),
                    "NOT_PERMITTED");
            assertError(query(reader, "{\"cardUid\":\"nope\"}".getBytes(StandardCharsets.UTF_8)), "BAD_BODY");
            assertThat(query(reader, new AccountQuery(CARD, Instant.now().toString(), null).toJson()).type())
                    .as("the connection stays usable after ERROR answers").isEqualTo(FrameType.ACCOUNT_ANSWER);
        }
    }

    @Test
    @Order(4)
    void theReaderSimulatorShowsTheBalanceAsADisplayWould() {
        String[] common = {"--reader", "R-DEMO-1", "--master-key-file", RunningBus.HOME.resolve("config/demo-keys/reader-master.hex")
                .toString(), "--port", String.valueOf(bus.readerPort)};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ReaderSimulator.run(concat(new String[] {"balance", "--card", CARD}, common),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"balanceMinor\":98750");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("display: 987.50 CNY | Demo Shop Club 1025 pts | coupons 1 | tickets 1");
        int blocked = ReaderSimulator.run(concat(new String[] {"balance", "--card", DemoSeeder.BLOCKED_CARD}, common),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        assertThat(blocked).as("an ERROR answer").isEqualTo(3);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    @Order(5)
    void smsBalanceNamesPointsCouponsAndTicketsInOneOrTwoParts() throws Exception {
        int before = phones.messagesTo(HOLDER);
        String en = phones.ask(HOLDER, "BAL");
        assertThat(en).contains("Card ****E5F6: 987.50 CNY").contains("Points: Demo Shop Club 1025")
                .contains("Coupons: 1. Tickets: 1.");
        assertThat(phones.messagesTo(HOLDER) - before).isBetween(1, 2);
        before = phones.messagesTo(HOLDER);
        String zh = phones.ask(HOLDER, "余额");
        assertThat(zh).contains("卡****E5F6 余额：987.50元").contains("积分：Demo Shop Club 1025").contains("可用优惠券1张，有效票1张");
        assertThat(phones.messagesTo(HOLDER) - before).isBetween(1, 2);
        assertThat(phones.ask(OTHER, "BAL")).contains("Card ****0001: 0.00 CNY").contains("Coupons: 0. Tickets: 0.")
                .doesNotContain("Points");
    }

    private static ReaderFrame query(ReaderClient reader, byte[] body) throws Exception {
        return reader.send(FrameType.ACCOUNT_QUERY, reader.nextSequence(), body);
    }

    private static void assertError(ReaderFrame reply, String code) {
        assertThat(reply.type()).as(reply.bodyText()).isEqualTo(FrameType.ERROR);
        assertThat(ErrorBody.parse(reply.body()).code()).isEqualTo(code);
    }

    private static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }
}
