package io.tapbus.runtime.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.tag.SunMode;
import io.tapbus.runtime.RunningBus;
import io.tapbus.samples.tag.SunMessage;
import io.tapbus.samples.tag.SunMessageWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pricing fed by the other services, in a running bus: a tag offer naming a campaign gives the app user who scans the
 * tag one coupon (issued in the scan's unit, once per person and campaign, none for a counterfeit) that a basket
 * payment redeems; a member card merged with tier GOLD makes a GOLD campaign apply to its holder only.
 */
class ScanCouponsAndTiersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PHONE = "+8613800000001";
    private static final String CARD = "04A1B2C3D4E5F6"; // the demo user's universal card
    private static RunningBus bus;
    private static String admin;
    private static String advertiser;
    private static String issuer;
    private static String maker;
    private static String shop;

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus();
        admin = RunningBus.adminToken();
        advertiser = bus.partnerToken("demo-media", "advertiser");
        issuer = bus.partnerToken("demo-bank", "issuer");
        maker = bus.partnerToken("demo-maker", "manufacturer");
        shop = bus.partnerToken("demo-shop", "merchant");
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    private static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    /** A product with one registered tag (AES SUN messages, batch keys), as its manufacturer registers them. */
    private static SunMessageWriter tag(String sku, byte[] uid) throws Exception {
        ok(bus.post("/products", maker, "{\"sku\":\"" + sku + "\",\"name\":\"Longjing tea\"}"), 201);
        byte[] meta = new byte[16];
        byte[] file = new byte[16];
        RANDOM.nextBytes(meta);
        RANDOM.nextBytes(file);
        ok(bus.post("/tag-batches", maker, "{\"batchId\":\"B-" + sku + "\",\"productId\":\"demo-maker:" + sku + "\",\"mode\":\"AES\","
                + "\"metaReadKey\":\"" + HEX.formatHex(meta) + "\",\"fileReadKey\":\"" + HEX.formatHex(file) + "\"}"), 201);
        ok(bus.post("/tag-batches/B-" + sku + "/tags", maker, "{\"tags\":[{\"uid\":\"" + HEX.formatHex(uid) + "\",\"serialNumber\":\"SN-"
                + sku + "\"}]}"), 201);
        return new SunMessageWriter(SunMode.AES, meta, file);
    }

    private static HttpResponse<String> personScan(String sku, SunMessage m, String msisdn, String accept) throws Exception {
        String body = "{\"msisdn\":\"" + msisdn + "\",\"url\":\"https://tags.example.com" + m.toUrl("/scan/B-" + sku) + "\"}";
        return bus.send(HttpRequest.newBuilder(bus.api("/tag-scans/person")).header("Content-Type", "application/json")
                .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofString(body)), issuer);
    }

    private static String couponOf(JsonNode scan) {
        JsonNode code = scan.path("offers").path(0).path("couponCode");
        return code.isTextual() ? code.asText() : null;
    }

    @Test
    void aGenuineScanByAnAppUserGivesOneCouponOfTheCampaignThatABasketPaymentRedeems() throws Exception {
        String campaign = ok(bus.post("/campaigns", advertiser, "{\"name\":\"5.00 off cakes for tea buyers\",\"kind\":\"AMOUNT\","
                + "\"amountMinor\":500,\"skus\":[\"CAKE-S1\"],\"couponRequired\":true,\"budgetUnits\":5,\"perPersonLimit\":1}"), 201)
                .path("campaignId").asText();
        byte[] uid = new byte[7];
        RANDOM.nextBytes(uid);
        uid[0] = 0x04;
        SunMessageWriter writer = tag("TEA-S1", uid);
        String offer = "{\"productId\":\"demo-maker:TEA-S1\",\"kind\":\"COUPON\",\"title\":\"5 yuan off a cake\",\"couponValueMinor\":500";
        assertThat(bus.post("/tag-offers", advertiser, offer + ",\"campaignId\":\"CMP-NOSUCH\"}").statusCode())
                .as("an unknown campaign").isEqualTo(404);
        assertThat(bus.post("/tag-offers", advertiser, "{\"productId\":\"demo-maker:TEA-S1\",\"kind\":\"CONTENT\",\"title\":\"x\","
                + "\"campaignId\":\"" + campaign + "\"}").statusCode()).as("only a coupon names a campaign").isEqualTo(400);
        assertThat(ok(bus.post("/tag-offers", advertiser, offer + ",\"campaignId\":\"" + campaign + "\"}"), 201).path("campaignId").asText())
                .isEqualTo(campaign);

        JsonNode anonymous = ok(bus.send(HttpRequest.newBuilder(bus.api(writer.write(uid, 1, null).toUrl("/scan/B-TEA-S1")))
                .header("Accept", "application/json").GET(), null), 200);
        assertThat(anonymous.path("verdict").asText()).isEqualTo("GENUINE");
        assertThat(couponOf(anonymous)).as("no person, no coupon").isNull();

        JsonNode first = ok(personScan("TEA-S1", writer.write(uid, 2, null), PHONE, "application/json"), 200);
        assertThat(first.path("verdict").asText()).isEqualTo("GENUINE");
        String code = couponOf(first);
        assertThat(code).startsWith("CPN-");
        assertThat(first.path("offers").path(0).path("campaignId").asText()).isEqualTo(campaign);
        JsonNode coupon = ok(bus.get("/coupons/" + code, advertiser), 200);
        assertThat(coupon.path("state").asText()).isEqualTo("ISSUED");
        assertThat(coupon.path("issuedVia").asText()).isEqualTo("TAG_SCAN");

        HttpResponse<String> page = personScan("TEA-S1", writer.write(uid, 3, null), PHONE, "text/html");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).as("the same coupon, not a second one").contains("<b class=\"coupon\">" + code + "</b>");

        JsonNode forged = ok(personScan("TEA-S1", writer.write(uid, 4, null).forged(), PHONE, "application/json"), 200);
        assertThat(forged.path("verdict").asText()).isEqualTo("COUNTERFEIT");
        assertThat(forged.path("offers")).as("a counterfeit gives nothing").isEmpty();

        String basket = "[{\"sku\":\"CAKE-S1\",\"category\":\"bakery-s1\",\"quantity\":1,\"unitPriceMinor\":1800}]";
        JsonNode paid = ok(bus.post("/payments", issuer, "{\"msisdn\":\"" + PHONE + "\",\"merchantId\":\"demo-shop\",\"basket\":" + basket
                + ",\"couponCodes\":[\"" + code + "\"],\"idempotencyKey\":\"scan-coupon-s1\"}"), 200);
        assertThat(paid.path("status").asText()).as(paid.toString()).isEqualTo("APPROVED");
        assertThat(paid.path("pricing").path("payableMinor").asLong()).isEqualTo(1300);
        assertThat(paid.path("pricing").path("applied").path(0).path("couponCode").asText()).isEqualTo(code);
        assertThat(ok(bus.get("/coupons/" + code, advertiser), 200).path("state").asText()).isEqualTo("REDEEMED");

        JsonNode later = ok(personScan("TEA-S1", writer.write(uid, 5, null), PHONE, "application/json"), 200);
        assertThat(later.path("verdict").asText()).isEqualTo("GENUINE");
        assertThat(couponOf(later)).as("once per person and campaign: no second coupon after the first was used").isNull();
        assertThat(personScan("TEA-S1", writer.write(uid, 6, null), "+8613999999999", "application/json").statusCode())
                .as("an unknown app user").isEqualTo(404);
    }

    @Test
    void racingScansGiveOneCouponAndACampaignWithoutBudgetGivesNone() throws Exception {
        String campaign = ok(bus.post("/campaigns", advertiser, "{\"name\":\"1.00 off\",\"kind\":\"AMOUNT\",\"amountMinor\":100,"
                + "\"couponRequired\":true}"), 201).path("campaignId").asText();
        String spent = ok(bus.post("/campaigns", advertiser, "{\"name\":\"nothing left\",\"kind\":\"AMOUNT\",\"amountMinor\":100,"
                + "\"couponRequired\":true,\"budgetUnits\":0}"), 201).path("campaignId").asText();
        byte[] uid = new byte[7];
        RANDOM.nextBytes(uid);
        uid[0] = 0x04;
        SunMessageWriter writer = tag("TEA-R1", uid);
        for (String id : List.of(campaign, spent)) {
            ok(bus.post("/tag-offers", advertiser, "{\"productId\":\"demo-maker:TEA-R1\",\"kind\":\"COUPON\",\"title\":\"" + id
                    + "\",\"couponValueMinor\":100,\"campaignId\":\"" + id + "\"}"), 201);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> scans = new ArrayList<>();
            for (int counter = 10; counter < 16; counter++) {
                SunMessage m = writer.write(uid, counter, null);
                scans.add(pool.submit(() -> personScan("TEA-R1", m, PHONE, "application/json")));
            }
            java.util.Set<String> codes = new java.util.HashSet<>();
            for (java.util.concurrent.Future<HttpResponse<String>> f : scans) {
                JsonNode scan = ok(f.get(), 200);
                if (!scan.path("verdict").asText().equals("GENUINE")) {
                    continue; // a counter overtaken by a racing scan is a replay: SUSPECT, no offers
                }
                for (JsonNode o : scan.path("offers")) {
                    if (o.path("campaignId").asText().equals(spent)) {
                        assertThat(o.path("couponCode").isNull()).as("no budget, no coupon").isTrue();
                    } else {
                        codes.add(o.path("couponCode").asText());
                    }
                }
            }
            assertThat(codes).as("one coupon per person and campaign, however the scans race").hasSize(1);
            assertThat(codes.iterator().next()).startsWith("CPN-");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCampaignForGoldMembersOfAProgrammeAppliesToTheHolderOfAGoldCardMergedOntoTheUniversalCard() throws Exception {
        ok(bus.post("/memberships", shop, "{\"programmeId\":\"demo-shop-club\",\"memberNumber\":\"SC-GOLD-1\",\"cardUid\":\"" + CARD
                + "\",\"tier\":\"GOLD\",\"consent\":true,\"holderName\":\"Demo user\",\"holderPhone\":\"" + PHONE + "\"}"), 201);
        String gold = ok(bus.post("/campaigns", advertiser, "{\"name\":\"20% off for gold\",\"kind\":\"PERCENT\",\"percent\":20,"
                + "\"categories\":[\"tier-t1\"],\"tiers\":[\"demo-shop-club:GOLD\"]}"), 201).path("campaignId").asText();
        String platinum = ok(bus.post("/campaigns", advertiser, "{\"name\":\"30% off for platinum\",\"kind\":\"PERCENT\",\"percent\":30,"
                + "\"categories\":[\"tier-t1\"],\"tiers\":[\"demo-shop-club:PLATINUM\"]}"), 201).path("campaignId").asText();
        String lines = "\"storeId\":\"demo-shop\",\"lines\":[{\"sku\":\"TEA-T1\",\"category\":\"tier-t1\",\"quantity\":1,\"unitPriceMinor\":5000}]";

        JsonNode member = ok(bus.post("/pricing/quote", issuer, "{\"msisdn\":\"" + PHONE + "\"," + lines + "}"), 200);
        assertThat(member.path("payableMinor").asLong()).as(member.toString()).isEqualTo(4000);
        assertThat(member.path("applied").path(0).path("campaignId").asText()).isEqualTo(gold);
        assertThat(reasonOf(member, platinum)).isEqualTo("AUDIENCE_NOT_MATCHED");

        JsonNode nobody = ok(bus.post("/pricing/quote", issuer, "{" + lines + "}"), 200);
        assertThat(nobody.path("payableMinor").asLong()).as("no person, no tier").isEqualTo(5000);
        assertThat(reasonOf(nobody, gold)).isEqualTo("AUDIENCE_NOT_MATCHED");
    }

    private static String reasonOf(JsonNode priced, String campaignId) {
        List<String> reasons = new ArrayList<>();
        priced.path("notApplied").forEach(n -> {
            if (n.path("campaignId").asText().equals(campaignId)) {
                reasons.add(n.path("reason").asText());
            }
        });
        return reasons.isEmpty() ? null : reasons.get(0);
    }
}
