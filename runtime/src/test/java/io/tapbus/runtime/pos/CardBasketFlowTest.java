package io.tapbus.runtime.pos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.pcsc.CardReaderAgent;
import io.tapbus.connector.card.sim.CardProfile;
import io.tapbus.connector.card.sim.SimulatedCard;
import io.tapbus.connector.card.sim.SimulatedReaders;
import io.tapbus.connector.card.sim.TapBusPaymentApplet;
import io.tapbus.connector.card.sim.TapBusSimProvider;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Baskets paid with the card present, in a running bus: the reader simulator's {@code pay --basket --coupon} over the real
 * reader socket, and a chained POS terminal's 0200 with field 48 over the real POS socket. The card authorises the basket's
 * total; the bus prices it with the basket-pricing rules, charges the total minus the offers, redeems a coupon once and
 * refuses it the second time (the payment goes on at full price), and tells the terminal why.
 */
class CardBasketFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHONE = "+8613800000001"; // the holder of DemoSeeder.ACTIVE_CARD
    private static final byte[] DEMO_IMK = PosCards.HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
    /** One ATC for every tap of the demo card, reader or POS: each tap's counter is above the last one. */
    private static final AtomicInteger ATC = new AtomicInteger(0x0300);
    private static final AtomicInteger STAN = new AtomicInteger(500);
    private static RunningBus bus;
    private static String admin;
    private static String advertiser;
    private static Path basketFile;

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus();
        admin = RunningBus.adminToken();
        advertiser = bus.partnerToken("demo-media", "advertiser");
        basketFile = Files.createTempFile(Path.of("target"), "basket", ".json");
        Files.writeString(basketFile, "[{\"sku\":\"CAKE-R1\",\"category\":\"bakery-r1\",\"quantity\":2,\"unitPriceMinor\":1200},"
                + "{\"sku\":\"TEA-R1\",\"category\":\"tea-r1\",\"quantity\":1,\"unitPriceMinor\":800}]");
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
        Files.deleteIfExists(basketFile);
    }

    private static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private static String publish(String body) throws Exception {
        return ok(bus.post("/campaigns", advertiser, body), 201).path("campaignId").asText();
    }

    private static long balance() throws Exception {
        JsonNode card = ok(bus.get("/cards/" + DemoSeeder.ACTIVE_CARD, admin), 200);
        return ok(bus.get("/accounts/" + card.path("accountId").asText(), admin), 200).path("balanceMinor").asLong();
    }

    /** One tap of the demo card at reader R-DEMO-1 through the reader simulator, with the basket file; its JSON line. */
    private static JsonNode readerPay(String... extra) throws Exception {
        List<String> options = new ArrayList<>(List.of("--sim-atc", String.format("%04X", ATC.getAndIncrement()), "--basket",
                basketFile.toString()));
        options.addAll(List.of(extra));
        return BasketTaps.readerPay(bus, "R-DEMO-1", DemoSeeder.ACTIVE_CARD_PAN, options.toArray(String[]::new));
    }

    /** A chained POS purchase of the demo card (a fresh tap, field 55) with {@code field48}. */
    private static Iso8583Message posPurchase(long amountMinor, String field48) throws Exception {
        SimulatedReaders readers = new SimulatedReaders("Sim basket");
        readers.terminal("Sim basket").insert(SimulatedCard.withApplet(new TapBusPaymentApplet(CardProfile.personalise(DEMO_IMK,
                new CardId(DemoSeeder.ACTIVE_CARD_PAN, "00"), YearMonth.of(2030, 12)), ATC.getAndIncrement(), 0)));
        CardReaderAgent card = CardReaderAgent.forTerminal(TerminalFactory.getInstance(TapBusSimProvider.TYPE, readers,
                new TapBusSimProvider()), "Sim basket");
        Iso8583Message request = BasketTaps.posPurchase(card, DemoSeeder.ACTIVE_CARD_PAN, String.format("%06d", STAN.getAndIncrement()),
                amountMinor, field48);
        try (PosClient pos = new PosClient(bus.posPort)) {
            return pos.send(request);
        }
    }

    private static String element(String tag, String value) {
        return BasketTaps.element(tag, value);
    }

    @Test
    void aReaderBasketWithACouponIsDiscountedAndTheCouponIsRedeemedOnceThenRefused() throws Exception {
        String campaign = publish("{\"name\":\"5.00 off cake at the till\",\"kind\":\"AMOUNT\",\"amountMinor\":500,\"skus\":[\"CAKE-R1\"],"
                + "\"couponRequired\":true,\"budgetUnits\":10,\"perPersonLimit\":5}");
        String code = ok(bus.post("/campaigns/" + campaign + "/coupons", advertiser, "{\"msisdn\":\"" + PHONE + "\"}"), 201).path("code").asText();
        long before = balance();
        String correlationId = "basket-" + System.nanoTime();

        JsonNode first = readerPay("--coupon", code, "--correlation-id", correlationId);

        assertThat(first.path("verdict").asText()).as(first.toString()).isEqualTo("APPROVED");
        JsonNode basket = first.path("basket");
        assertThat(basket.path("totalMinor").asLong()).isEqualTo(3200);
        assertThat(basket.path("discountMinor").asLong()).isEqualTo(500);
        assertThat(basket.path("chargedMinor").asLong()).isEqualTo(2700);
        assertThat(basket.path("applied")).hasSize(1);
        assertThat(basket.path("applied").path(0).path("c").asText()).isEqualTo(campaign);
        assertThat(basket.path("applied").path(0).path("k").asText()).isEqualTo(code);
        assertThat(basket.path("applied").path(0).path("a").asLong()).isEqualTo(500);
        assertThat(balance()).as("the card pays the basket minus the coupon").isEqualTo(before - 2700);
        assertThat(first.path("writes").path(0).path("valueMinor").asLong()).as("the card takes the account's balance")
                .isEqualTo(before - 2700);
        JsonNode coupon = ok(bus.get("/coupons/" + code, advertiser), 200);
        assertThat(coupon.path("state").asText()).isEqualTo("REDEEMED");
        assertThat(coupon.path("paymentId").asText()).isEqualTo(first.path("transactionId").asText());

        JsonNode repeat = readerPay("--coupon", code, "--correlation-id", correlationId);
        assertThat(repeat.path("transactionId").asText()).as("a new tap, the same correlationId: the recorded payment")
                .isEqualTo(first.path("transactionId").asText());
        assertThat(repeat.path("basket").path("chargedMinor").asLong()).isEqualTo(2700);
        assertThat(repeat.path("basket").path("applied")).isEmpty();
        assertThat(balance()).as("paid once").isEqualTo(before - 2700);

        JsonNode second = readerPay("--coupon", code);
        assertThat(second.path("verdict").asText()).as(second.toString()).isEqualTo("APPROVED");
        assertThat(second.path("basket").path("chargedMinor").asLong()).as("full price").isEqualTo(3200);
        assertThat(second.path("basket").path("applied")).isEmpty();
        assertThat(second.path("basket").path("refused").toString()).contains(campaign).contains("COUPON_REDEEMED");
        assertThat(balance()).isEqualTo(before - 2700 - 3200);
        JsonNode spent = ok(bus.get("/campaigns/" + campaign, advertiser), 200);
        assertThat(spent.path("redemptions").asLong()).as("redeemed once").isEqualTo(1);
        assertThat(spent.path("spentMinor").asLong()).isEqualTo(500);

        JsonNode unknown = readerPay("--coupon", "CPN-NOSUCHCOUPON");
        assertThat(unknown.path("verdict").asText()).isEqualTo("APPROVED");
        assertThat(unknown.path("basket").path("refused").toString()).contains("CPN-NOSUCHCOUPON").contains("COUPON_UNKNOWN");
        assertThat(unknown.toString()).doesNotContain(DemoSeeder.ACTIVE_CARD_PAN);
    }

    @Test
    void aPosBasketGetsItsDiscountInField54AndItsOffersInField48AndTheLastUnitGoesOnce() throws Exception {
        String campaign = publish("{\"name\":\"10% off coffee at the POS\",\"kind\":\"PERCENT\",\"percent\":10,\"categories\":[\"coffee-p1\"],"
                + "\"budgetUnits\":1}");
        String field48 = element("BV", "1") + element("BL", "COFFEE-P1;coffee-p1;2;4500") + element("CP", "CPN-NOTACOUPON1");
        long before = balance();

        Iso8583Message first = posPurchase(9000, field48);

        assertThat(first.field(39)).as(first.toString()).isEqualTo("00");
        assertThat(first.field(4)).as("what the card authorised").isEqualTo("000000009000");
        assertThat(first.field(54)).startsWith("0090156C000000000900");
        assertThat(first.field(48)).isEqualTo("BV0011" + element("OA", campaign + ";;900") + element("OR", ";CPN-NOTACOUPON1;COUPON_UNKNOWN"));
        assertThat(balance()).isEqualTo(before - 8100);

        Iso8583Message second = posPurchase(9000, field48);
        assertThat(second.field(39)).isEqualTo("00");
        assertThat(second.field(54)).as("no discount: the last unit is gone").doesNotContain("0090156");
        assertThat(second.field(48)).contains(element("OR", campaign + ";;BUDGET_SPENT"));
        assertThat(balance()).isEqualTo(before - 8100 - 9000);
        assertThat(ok(bus.get("/campaigns/" + campaign, advertiser), 200).path("redemptions").asLong()).isEqualTo(1);

        Iso8583Message mismatch = posPurchase(9100, field48);
        assertThat(mismatch.field(39)).as("the lines do not add up to field 4").isEqualTo("30");
        Iso8583Message malformed = posPurchase(9000, "BL026COFFEE-P1;coffee-p1;2;4500");
        assertThat(malformed.field(39)).isEqualTo("30");
        assertThat(balance()).isEqualTo(before - 8100 - 9000);
    }
}
