package io.tapbus.samples.daylife;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.connector.tag.SunMode;
import io.tapbus.samples.tag.SunMessage;
import io.tapbus.samples.tag.SunMessageWriter;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/** In the shops: two store cards merged, a tag scan and its coupon, a basket paid with the discount. */
final class StoreSteps {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Day day;
    private final Rest rest;

    StoreSteps(Day day) {
        this.day = day;
        this.rest = day.rest;
    }

    /** The retailers merge the person's shop card and cafe card onto the universal card (each with its own credential). */
    void mergeTwoStoreCards() throws Exception {
        String shop = merge("demo-shop", "demo-shop-club", "SC-" + day.run, "GOLD", 1200);
        String cafe = merge("demo-cafe", "demo-cafe-card", "CC-" + day.run, "SILVER", 300);
        day.report.info("merged: " + shop + "; " + cafe);
    }

    private String merge(String retailer, String programme, String number, String tier, int points) throws Exception {
        Rest.Reply r = rest.post("/memberships", day.token(retailer), "{\"programmeId\":" + Rest.q(programme) + ",\"memberNumber\":"
                + Rest.q(number) + ",\"cardUid\":" + Rest.q(day.card()) + ",\"tier\":\"" + tier + "\",\"points\":" + points
                + ",\"consent\":true}");
        String status = r.field("status");
        boolean ok = r.status() == 201 && (status.equals("ACTIVE") || status.equals("RETIRED"));
        day.report.step("merge " + programme, ok, retailer + " merges card " + number + " (" + tier + ", " + points + " points) onto "
                + day.card() + ": HTTP " + r.status() + " " + status + " tier " + r.json().path("tier").asText("?")
                + (ok ? "" : " " + r.text()));
        return programme + " " + number + " " + status;
    }

    /**
     * A genuine NTAG 424 DNA tag on a tea tin is scanned in demo-shop and shows the advertiser's coupon offer; the
     * advertiser then issues a coupon of its campaign to the person's phone and the app claims it.
     */
    void couponFromATagScan() throws Exception {
        String maker = day.token("demo-maker");
        String media = day.token("demo-media");
        String sku = "DAY-" + day.run;
        String batch = "B-" + sku;
        byte[] meta = key();
        byte[] file = key();
        byte[] uid = key();
        uid = java.util.Arrays.copyOf(uid, 7);
        uid[0] = 0x04;
        expect(rest.post("/products", maker, "{\"sku\":" + Rest.q(sku) + ",\"name\":\"Longjing tea\"}"), 201, "product");
        expect(rest.post("/tag-batches", maker, "{\"batchId\":" + Rest.q(batch) + ",\"productId\":\"demo-maker:" + sku
                + "\",\"mode\":\"AES\",\"metaReadKey\":\"" + HEX.formatHex(meta) + "\",\"fileReadKey\":\"" + HEX.formatHex(file) + "\"}"), 201, "batch");
        expect(rest.post("/tag-batches/" + batch + "/tags", maker, "{\"tags\":[{\"uid\":\"" + HEX.formatHex(uid)
                + "\",\"serialNumber\":\"SN-" + sku + "\"}]}"), 201, "tag");
        expect(rest.post("/tag-offers", media, "{\"productId\":\"demo-maker:" + sku + "\",\"storeId\":\"demo-shop\",\"kind\":\"COUPON\","
                + "\"title\":\"5 CNY off tea today\",\"couponValueMinor\":500,\"validUntil\":\"" + Instant.now().plusSeconds(86_400) + "\"}"), 201, "offer");
        String campaign = expect(rest.post("/campaigns", media, "{\"name\":\"5.00 off tea (tag scan " + day.run + ")\",\"kind\":\"AMOUNT\","
                + "\"amountMinor\":500,\"skus\":[" + Rest.q("TEA-" + day.run) + "],\"stores\":[\"demo-shop\"],\"couponRequired\":true,"
                + "\"budgetUnits\":100,\"perPersonLimit\":1}"), 201, "campaign").field("campaignId");

        SunMessage tap = new SunMessageWriter(SunMode.AES, meta, file).write(uid, 1, null);
        Rest.Reply scan = rest.get(tap.toUrl("/scan/" + batch).replaceFirst("^/api", "") + "&store=demo-shop", null);
        JsonNode offer = scan.json().path("offers").path(0);
        boolean genuine = scan.status() == 200 && scan.field("verdict").equals("GENUINE") && offer.path("claimId").isTextual();
        Rest.Reply issued = rest.post("/campaigns/" + campaign + "/coupons", media, "{\"msisdn\":" + Rest.q(day.msisdn()) + "}");
        day.couponCode = issued.field("code");
        Rest.Reply claimed = rest.post("/coupons/" + day.couponCode + "/claim", day.token("demo-bank"), "{\"msisdn\":" + Rest.q(day.msisdn()) + "}");
        boolean ok = genuine && issued.status() == 201 && claimed.status() == 200 && claimed.field("state").equals("CLAIMED");
        day.report.step("coupon from tag scan", ok, "tag scan in demo-shop: " + scan.field("verdict") + ", offer \""
                + offer.path("title").asText() + "\" (claim " + offer.path("claimId").asText() + "); coupon " + day.couponCode
                + " of campaign " + campaign + " " + claimed.field("state") + (ok ? "" : " " + scan.text() + " " + issued.text() + " " + claimed.text()));
        day.report.note("a tag offer is not yet turned into a campaign coupon by the bus (docs/pricing.md, not done): "
                + "the advertiser issues the campaign coupon to the phone over REST after the scan showed its offer");
    }

    /** The basket at demo-shop's till, priced with the coupon: the card pays the discounted amount. */
    void payWithTheDiscount() throws Exception {
        String tea = "TEA-" + day.run;
        String basket = "[{\"sku\":" + Rest.q(tea) + ",\"category\":\"tea\",\"quantity\":2,\"unitPriceMinor\":3800},"
                + "{\"sku\":\"CAKE-1\",\"category\":\"bakery\",\"quantity\":1,\"unitPriceMinor\":1200}]";
        Rest.Reply paid = rest.post("/payments", day.token("demo-bank"), "{\"msisdn\":" + Rest.q(day.msisdn())
                + ",\"merchantId\":\"demo-shop\",\"basket\":" + basket + ",\"couponCodes\":[" + Rest.q(day.couponCode)
                + "],\"idempotencyKey\":\"day-pos-" + day.run + "\"}");
        JsonNode pricing = paid.json().path("pricing");
        long total = pricing.path("totalMinor").asLong();
        long discount = pricing.path("discountMinor").asLong();
        long payable = pricing.path("payableMinor").asLong();
        boolean ok = paid.status() == 200 && paid.field("status").equals("APPROVED") && total == 8800 && discount == 500 && payable == 8300;
        if (ok) {
            day.spent += payable;
        }
        day.report.step("pay with discount", ok, "basket " + Day.cny(total) + " at demo-shop, coupon " + Day.cny(discount)
                + " off, card pays " + Day.cny(payable) + ": " + paid.field("status") + " " + paid.field("paymentId")
                + (ok ? "" : " " + paid.text()));
        day.report.note("the reader and the chained POS take no basket yet (docs/pricing.md, not done): the till's basket is "
                + "paid through the payment API (POST /api/payments with basket and coupon), the same pricing and redemption");
    }

    private Rest.Reply expect(Rest.Reply r, int status, String what) {
        if (r.status() != status) {
            throw new IllegalStateException(what + ": HTTP " + r.status() + " " + r.text());
        }
        return r;
    }

    private static byte[] key() {
        byte[] k = new byte[16];
        RANDOM.nextBytes(k);
        return k;
    }
}
