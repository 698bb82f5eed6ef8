package io.tapbus.runtime.partner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.connector.tag.SunMode;
import io.tapbus.runtime.RunningBus;
import io.tapbus.samples.tag.SunMessageWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What the partner pages' tests look at, made through the REST API and the reader port of a running bus: two merchants
 * (demo-shop with the demo reader R-DEMO-1, shop-b with its own reader), an approved tap at R-DEMO-1, a campaign of
 * demo-shop with one coupon redeemed by a basket payment and one still to use, a ticket on the demo user's card, and
 * two manufacturers, demo-maker with a batch scanned genuine in Beijing and counterfeit in Shanghai.
 */
public final class PartnerWorld {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String PHONE = "+8613800000001";
    public static final String OTHER_PHONE = "+8613800000003";
    public static final String CARD = "04A1B2C3D4E5F6";
    public static final String BATCH = "B-PP-TEA";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private final RunningBus bus;
    private final String admin;
    public final String shop;
    public final String shopB;
    public final String maker;
    public final String otherMaker;
    public final String media;
    public String campaign;
    public String campaignB;
    public String openCoupon;
    public String ticket;

    public PartnerWorld(RunningBus bus) throws Exception {
        this.bus = bus;
        admin = RunningBus.adminToken();
        ok(bus.post("/partners", admin, "{\"partnerId\":\"shop-b\",\"name\":\"Shop B\",\"kind\":\"MERCHANT\"}"), 201);
        ok(bus.post("/readers", admin, "{\"readerId\":\"R-B-1\",\"merchantId\":\"shop-b\",\"location\":\"door\"}"), 201);
        ok(bus.post("/partners", admin, "{\"partnerId\":\"other-maker\",\"name\":\"Other maker\",\"kind\":\"MANUFACTURER\"}"), 201);
        shop = credential("demo-shop", "merchant");
        shopB = credential("shop-b", "merchant");
        maker = credential("demo-maker", "manufacturer");
        otherMaker = credential("other-maker", "manufacturer");
        media = credential("demo-media", "advertiser");
    }

    public String credential(String partner, String role) throws Exception {
        return ok(bus.post("/partners/" + partner + "/credentials", admin, "{\"roles\":[\"" + role + "\"]}"), 201).path("token").asText();
    }

    public static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    /** An approved tap of the demo card at demo-shop's reader R-DEMO-1. */
    public void tap(String correlationId) throws Exception {
        try (ReaderClient reader = bus.reader("R-DEMO-1")) {
            ReaderFrame answer = reader.tap(new TapRequest(CARD, 300, "CNY", Instant.now().toString(), correlationId));
            assertThat(answer.bodyText()).contains("\"verdict\":\"APPROVED\"");
        }
    }

    /**
     * demo-shop's campaign (10 redemptions paid for): one coupon redeemed by a basket payment, one left to use; and
     * shop-b's own, in its own store only.
     */
    public void campaigns() throws Exception {
        campaign = ok(bus.post("/campaigns", shop, "{\"name\":\"5.00 off cakes\",\"kind\":\"AMOUNT\",\"amountMinor\":500,"
                + "\"skus\":[\"CAKE-PP\"],\"couponRequired\":true,\"budgetUnits\":10}"), 201).path("campaignId").asText();
        campaignB = ok(bus.post("/campaigns", shopB, "{\"name\":\"Shop B secret sale\",\"kind\":\"PERCENT\",\"percent\":5,\"stores\":[\"shop-b\"]}"), 201)
                .path("campaignId").asText();
        String used = issue(campaign, PHONE);
        openCoupon = issue(campaign, PHONE);
        String issuer = credential("demo-bank", "issuer");
        JsonNode paid = ok(bus.post("/payments", issuer, "{\"msisdn\":\"" + PHONE + "\",\"merchantId\":\"demo-shop\",\"basket\":"
                + "[{\"sku\":\"CAKE-PP\",\"category\":\"bakery\",\"quantity\":1,\"unitPriceMinor\":1200}],\"couponCodes\":[\"" + used
                + "\"],\"idempotencyKey\":\"pp-basket-1\"}"), 200);
        assertThat(paid.path("status").asText()).as(paid.toString()).isEqualTo("APPROVED");
    }

    private String issue(String campaignId, String msisdn) throws Exception {
        return ok(bus.post("/campaigns/" + campaignId + "/coupons", shop, "{\"msisdn\":\"" + msisdn + "\"}"), 201).path("code").asText();
    }

    /** A metro ride ticket on the demo card. */
    public void ticket() throws Exception {
        ok(bus.post("/partners", admin, "{\"partnerId\":\"metro-pp\",\"name\":\"Metro\",\"kind\":\"MERCHANT\"}"), 201);
        Instant now = Instant.now();
        ticket = ok(bus.post("/tickets", credential("metro-pp", "ticket-seller"), "{\"idempotencyKey\":\"pp-1\",\"kind\":\"RIDE\","
                + "\"product\":\"METRO-SINGLE\",\"zones\":\"1\",\"validFrom\":\"" + now.minusSeconds(60) + "\",\"validUntil\":\""
                + now.plusSeconds(86_400) + "\",\"cardUid\":\"" + CARD + "\"}"), 201).path("ticketId").asText();
    }

    /** demo-maker's product and batch with one tag: a genuine scan in Beijing, then a forged one in Shanghai. */
    public void scans() throws Exception {
        ok(bus.post("/products", maker, "{\"sku\":\"PP-TEA\",\"name\":\"Longjing tea\",\"description\":\"green tea\"}"), 201);
        SecureRandom random = new SecureRandom();
        byte[] meta = new byte[16];
        byte[] file = new byte[16];
        byte[] uid = new byte[7];
        random.nextBytes(meta);
        random.nextBytes(file);
        random.nextBytes(uid);
        uid[0] = 0x04;
        ok(bus.post("/tag-batches", maker, "{\"batchId\":\"" + BATCH + "\",\"productId\":\"demo-maker:PP-TEA\",\"mode\":\"AES\","
                + "\"metaReadKey\":\"" + HEX.formatHex(meta) + "\",\"fileReadKey\":\"" + HEX.formatHex(file) + "\"}"), 201);
        ok(bus.post("/tag-batches/" + BATCH + "/tags", maker, "{\"tags\":[{\"uid\":\"" + HEX.formatHex(uid)
                + "\",\"serialNumber\":\"SN-PP-1\"}]}"), 201);
        SunMessageWriter writer = new SunMessageWriter(SunMode.AES, meta, file);
        assertThat(scan(writer.write(uid, 1, null).toUrl("/scan/" + BATCH) + "&lat=39.9042&lon=116.4074")).isEqualTo("GENUINE");
        assertThat(scan(writer.write(uid, 2, null).forged().toUrl("/scan/" + BATCH) + "&lat=31.2304&lon=121.4737"))
                .isEqualTo("COUNTERFEIT");
    }

    private String scan(String pathAndQuery) throws Exception {
        HttpResponse<String> r = bus.send(HttpRequest.newBuilder(bus.api(pathAndQuery)).GET().header("Accept", "application/json"), null);
        return ok(r, 200).path("verdict").asText();
    }
}
