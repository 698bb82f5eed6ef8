package io.tapbus.samples.daylife;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.connector.tag.SunMode;
import io.tapbus.samples.tag.SunMessage;
import io.tapbus.samples.tag.SunMessageWriter;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** In the shops: two store cards merged, a tag scan that gives a coupon, a basket paid at the till's reader with the discount. */
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
     * A genuine NTAG 424 DNA tag on a tea tin carries the advertiser's coupon offer, which names its campaign. The person
     * scans it in demo-shop with the phone app, whose backend (demo-bank, issuer) sends the scanned URL to the bus
     * ({@code POST /api/tag-scans/person}): the bus checks the tag and gives the person a coupon of the campaign (issued
     * via TAG_SCAN, its code in the answer); the app then keeps it in the wallet (claim).
     */
    void couponFromATagScan() throws Exception {
        String maker = day.token("demo-maker");
        String media = day.token("demo-media");
        String sku = "DAY-" + day.run;
        String batch = "B-" + sku;
        byte[] meta = key();
        byte[] file = key();
        byte[] uid = java.util.Arrays.copyOf(key(), 7);
        uid[0] = 0x04;
        expect(rest.post("/products", maker, "{\"sku\":" + Rest.q(sku) + ",\"name\":\"Longjing tea\"}"), 201, "product");
        expect(rest.post("/tag-batches", maker, "{\"batchId\":" + Rest.q(batch) + ",\"productId\":\"demo-maker:" + sku
                + "\",\"mode\":\"AES\",\"metaReadKey\":\"" + HEX.formatHex(meta) + "\",\"fileReadKey\":\"" + HEX.formatHex(file) + "\"}"), 201, "batch");
        expect(rest.post("/tag-batches/" + batch + "/tags", maker, "{\"tags\":[{\"uid\":\"" + HEX.formatHex(uid)
                + "\",\"serialNumber\":\"SN-" + sku + "\"}]}"), 201, "tag");
        String campaign = expect(rest.post("/campaigns", media, "{\"name\":\"5.00 off tea (tag scan " + day.run + ")\",\"kind\":\"AMOUNT\","
                + "\"amountMinor\":500,\"skus\":[" + Rest.q("TEA-" + day.run) + "],\"stores\":[\"demo-shop\"],\"couponRequired\":true,"
                + "\"budgetUnits\":100,\"perPersonLimit\":1}"), 201, "campaign").field("campaignId");
        expect(rest.post("/tag-offers", media, "{\"productId\":\"demo-maker:" + sku + "\",\"storeId\":\"demo-shop\",\"kind\":\"COUPON\","
                + "\"title\":\"5 CNY off tea today\",\"couponValueMinor\":500,\"campaignId\":" + Rest.q(campaign) + ",\"validUntil\":\""
                + Instant.now().plusSeconds(86_400) + "\"}"), 201, "offer");

        SunMessage tap = new SunMessageWriter(SunMode.AES, meta, file).write(uid, 1, null);
        String url = "https://tags.example.com" + tap.toUrl("/scan/" + batch).replaceFirst("^/api", "") + "&store=demo-shop";
        Rest.Reply scan = rest.post("/tag-scans/person", day.token("demo-bank"), "{\"msisdn\":" + Rest.q(day.msisdn()) + ",\"url\":"
                + Rest.q(url) + "}");
        JsonNode offer = scan.json().path("offers").path(0);
        day.couponCode = offer.path("couponCode").asText(null);
        boolean genuine = scan.status() == 200 && scan.field("verdict").equals("GENUINE") && campaign.equals(offer.path("campaignId").asText())
                && day.couponCode != null;
        Rest.Reply claimed = genuine ? rest.post("/coupons/" + day.couponCode + "/claim", day.token("demo-bank"), "{\"msisdn\":"
                + Rest.q(day.msisdn()) + "}") : scan;
        boolean ok = genuine && claimed.status() == 200 && claimed.field("state").equals("CLAIMED")
                && claimed.field("issuedVia").equals("TAG_SCAN");
        day.report.step("coupon from tag scan", ok, "tag scan in demo-shop: " + scan.field("verdict") + ", offer \""
                + offer.path("title").asText() + "\" gave coupon " + day.couponCode + " of campaign " + campaign + " (issued via "
                + claimed.field("issuedVia") + "); in the app's wallet: " + claimed.field("state")
                + (ok ? "" : " " + scan.text() + " " + claimed.text()));
    }

    /**
     * The basket at demo-shop's till: the card is tapped at reader R-DEMO-1, which sends the lines and the coupon with
     * the payment request; the card authorises the basket's total, the bus prices it and the card pays it minus the coupon.
     */
    void payWithTheDiscount() throws Exception {
        String tea = "TEA-" + day.run;
        String basket = "[{\"sku\":" + Rest.q(tea) + ",\"category\":\"tea\",\"quantity\":2,\"unitPriceMinor\":3800},"
                + "{\"sku\":\"CAKE-1\",\"category\":\"bakery\",\"quantity\":1,\"unitPriceMinor\":1200}]";
        JsonNode paid = new Till(day).pay(basket, List.of(day.couponCode));
        JsonNode priced = paid.path("basket");
        long total = priced.path("totalMinor").asLong();
        long discount = priced.path("discountMinor").asLong();
        long charged = priced.path("chargedMinor").asLong();
        JsonNode applied = priced.path("applied").path(0);
        boolean ok = paid.path("verdict").asText().equals("APPROVED") && total == 8800 && discount == 500 && charged == 8300
                && day.couponCode.equals(applied.path("k").asText());
        if (ok) {
            day.spent += charged;
        }
        day.report.step("pay with discount", ok, "card tapped at " + Till.READER + " (demo-shop), basket " + Day.cny(total)
                + " with coupon " + applied.path("k").asText("-") + ": coupon " + Day.cny(discount) + " off, card pays "
                + Day.cny(charged) + ": " + paid.path("verdict").asText() + " " + paid.path("transactionId").asText()
                + (ok ? "" : " " + paid));
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
