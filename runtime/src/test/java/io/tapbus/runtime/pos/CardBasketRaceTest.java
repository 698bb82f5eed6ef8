package io.tapbus.runtime.pos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.runtime.platform.UserService;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A campaign's last unit raced for by card payments with baskets (issue 14, "bad input"): a reader's PAYMENT_REQUEST
 * against a chained POS's 0200, and many readers at once. Each payer is another person (a benchmark card of its own).
 * Exactly one payment gets the discount; every other is approved at the basket's full price, told why
 * ({@code BUDGET_SPENT} in the reader's answer, {@code OR} in field 48); the campaign counts one redemption, its budget
 * ends at zero, and the advertiser hears of one redemption.
 */
class CardBasketRaceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger STAN = new AtomicInteger(700);
    private static RunningBus bus;
    private static String admin;
    private static String advertiser;

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus(Map.of("tapbus.demo.bench-readers", "10", "tapbus.events.relay-period-ms", "100"));
        admin = RunningBus.adminToken();
        advertiser = bus.partnerToken("demo-media", "advertiser");
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    private static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    /** The stored value of benchmark card {@code i} (its holder +86139000000ii). */
    private static long balance(int i) throws Exception {
        UserService users = bus.app().context().getRegistry().lookupByNameAndType("userService", UserService.class);
        String userId = users.findUserByMsisdn(String.format("+86139000000%02d", i)).orElseThrow().userId();
        return ok(bus.get("/accounts/" + users.cardsOf(userId).get(0).accountId(), admin), 200).path("balanceMinor").asLong();
    }

    /** Benchmark card {@code i} tapped at reader {@code readerId} with a basket file (reader simulator, real socket). */
    private static JsonNode readerPay(String readerId, int i, Path basket, String... coupons) throws Exception {
        List<String> options = new ArrayList<>(List.of("--basket", basket.toString()));
        options.addAll(List.of(coupons));
        return BasketTaps.readerPay(bus, readerId, DemoSeeder.benchPan(i, false), options.toArray(String[]::new));
    }

    /** A chained POS 0200 of benchmark card {@code i}, the card tapped now (field 55), sent later. */
    private static Iso8583Message posRequest(int i, long amountMinor, String field48) throws Exception {
        String pan = DemoSeeder.benchPan(i, false);
        return BasketTaps.posPurchase(PosCards.card(pan), pan, String.format("%06d", STAN.getAndIncrement()), amountMinor, field48);
    }

    private static String element(String tag, String value) {
        return BasketTaps.element(tag, value);
    }

    private static String coupon(String campaign, int i) throws Exception {
        return ok(bus.post("/campaigns/" + campaign + "/coupons", advertiser, String.format("{\"msisdn\":\"+86139000000%02d\"}", i)), 201)
                .path("code").asText();
    }

    /** Runs the payments at once; their answers in order. */
    private static <T> List<T> race(List<Callable<T>> payments) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(payments.size());
        try {
            List<Future<T>> answers = new ArrayList<>();
            for (Callable<T> p : payments) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return p.call();
                }));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> a : answers) {
                out.add(a.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    /** The advertiser's events of this campaign ({@code type}), collected until the relay has been quiet for 2 s. */
    private static List<JsonNode> events(MessageConsumer consumer, String campaign, String type) throws Exception {
        List<JsonNode> seen = new ArrayList<>();
        for (Message m; (m = consumer.receive(seen.isEmpty() ? 10_000 : 2_000)) != null; ) {
            JsonNode e = JSON.readTree(((TextMessage) m).getText());
            if (e.path("type").asText().equals(type) && e.path("data").path("campaignId").asText().equals(campaign)) {
                seen.add(e);
            }
        }
        return seen;
    }

    private static <T> T withAdvertiserEvents(EventsCheck<T> check) throws Exception {
        int dot = advertiser.indexOf('.');
        try (Connection jms = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort)
                .createConnection(advertiser.substring(0, dot), advertiser.substring(dot + 1))) {
            jms.start();
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            return check.run(session.createConsumer(session.createTopic("tapbus.partner.demo-media.events")));
        }
    }

    interface EventsCheck<T> {
        T run(MessageConsumer events) throws Exception;
    }

    @Test
    void aReaderAndAChainedPosRaceForTheLastUnitAndExactlyOneGetsTheDiscount() throws Exception {
        String campaign = ok(bus.post("/campaigns", advertiser, "{\"name\":\"the last 6.00 off rice\",\"kind\":\"AMOUNT\",\"amountMinor\":600,"
                + "\"skus\":[\"RICE-RP\"],\"couponRequired\":true,\"budgetUnits\":1}"), 201).path("campaignId").asText();
        String readerCoupon = coupon(campaign, 1);
        String posCoupon = coupon(campaign, 2);
        Path basket = Files.createTempFile(Path.of("target"), "race-basket", ".json");
        Files.writeString(basket, "[{\"sku\":\"RICE-RP\",\"category\":\"rice-rp\",\"quantity\":2,\"unitPriceMinor\":2500}]");
        long readerBefore = balance(1);
        long posBefore = balance(2);
        Iso8583Message request = posRequest(2, 5000, element("BV", "1") + element("BL", "RICE-RP;rice-rp;2;2500") + element("CP", posCoupon));

        withAdvertiserEvents(events -> {
            List<Object> answers = race(List.<Callable<Object>>of(() -> readerPay("R-BENCH-001", 1, basket, "--coupon", readerCoupon), () -> {
                try (PosClient pos = new PosClient(bus.posPort)) {
                    return pos.send(request);
                }
            }));
            JsonNode reader = (JsonNode) answers.get(0);
            Iso8583Message pos = (Iso8583Message) answers.get(1);
            assertThat(reader.path("verdict").asText()).as(reader.toString()).isEqualTo("APPROVED");
            assertThat(pos.field(39)).as(pos.toString()).isEqualTo("00");
            boolean readerWon = reader.path("basket").path("discountMinor").asLong() == 600;
            boolean posWon = pos.field(54) != null && pos.field(54).startsWith("0090156C000000000600");
            assertThat(readerWon ^ posWon).as("exactly one gets the discount: " + reader + " / " + pos).isTrue();
            if (readerWon) {
                assertThat(pos.field(48)).contains(element("OR", campaign + ";" + posCoupon + ";BUDGET_SPENT"));
                assertThat(balance(1)).isEqualTo(readerBefore - 4400);
                assertThat(balance(2)).as("the POS pays the full basket").isEqualTo(posBefore - 5000);
            } else {
                assertThat(reader.path("basket").path("chargedMinor").asLong()).isEqualTo(5000);
                assertThat(reader.path("basket").path("refused").toString()).contains(campaign, "BUDGET_SPENT");
                assertThat(balance(1)).as("the reader pays the full basket").isEqualTo(readerBefore - 5000);
                assertThat(balance(2)).isEqualTo(posBefore - 4400);
            }
            JsonNode spent = ok(bus.get("/campaigns/" + campaign, advertiser), 200);
            assertThat(spent.path("redemptions").asLong()).isEqualTo(1);
            assertThat(spent.path("spentMinor").asLong()).isEqualTo(600);
            List<JsonNode> budget = events(events, campaign, "campaign.budget");
            assertThat(budget).as("one redemption told to the advertiser").hasSize(1);
            assertThat(budget.get(0).path("data").path("budgetLeftUnits").asLong()).as("zero left, never below").isZero();
            return null;
        });
        String loser = ok(bus.get("/coupons/" + readerCoupon, advertiser), 200).path("state").asText().equals("REDEEMED") ? posCoupon : readerCoupon;
        assertThat(ok(bus.get("/coupons/" + loser, advertiser), 200).path("state").asText()).as("the other coupon stays unused")
                .isIn("ISSUED", "CLAIMED");
        Files.deleteIfExists(basket);
    }

    @Test
    void tenReadersRaceForTheLastUnitAndOneRedeemsItTheOthersPayInFull() throws Exception {
        String campaign = ok(bus.post("/campaigns", advertiser, "{\"name\":\"the last 3.00 off soap\",\"kind\":\"AMOUNT\",\"amountMinor\":300,"
                + "\"skus\":[\"SOAP-RN\"],\"budgetUnits\":1}"), 201).path("campaignId").asText();
        Path basket = Files.createTempFile(Path.of("target"), "race-basket", ".json");
        Files.writeString(basket, "[{\"sku\":\"SOAP-RN\",\"category\":\"soap-rn\",\"quantity\":1,\"unitPriceMinor\":1000}]");
        int n = 10;
        long[] before = new long[n];
        List<Callable<JsonNode>> payments = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int card = k + 3; // cards 1 and 2 belong to the other race
            before[k] = balance(card);
            payments.add(() -> readerPay(String.format("R-BENCH-%03d", card - 2), card, basket));
        }
        withAdvertiserEvents(events -> {
            List<JsonNode> answers = race(payments);
            int discounted = 0;
            for (int k = 0; k < n; k++) {
                JsonNode a = answers.get(k);
                assertThat(a.path("verdict").asText()).as(a.toString()).isEqualTo("APPROVED");
                long charged = a.path("basket").path("chargedMinor").asLong();
                if (charged == 700) {
                    discounted++;
                } else {
                    assertThat(charged).as(a.toString()).isEqualTo(1000);
                    assertThat(a.path("basket").path("refused").toString()).contains(campaign, "BUDGET_SPENT");
                }
                assertThat(balance(k + 3)).isEqualTo(before[k] - charged);
            }
            assertThat(discounted).as("the last unit goes to one payment").isEqualTo(1);
            assertThat(ok(bus.get("/campaigns/" + campaign, advertiser), 200).path("redemptions").asLong()).isEqualTo(1);
            List<JsonNode> budget = events(events, campaign, "campaign.budget");
            assertThat(budget).hasSize(1);
            assertThat(budget.get(0).path("data").path("budgetLeftUnits").asLong()).isZero();
            return null;
        });
        Files.deleteIfExists(basket);
    }
}
