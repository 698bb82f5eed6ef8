package io.tapbus.runtime.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.tag.SunMode;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.mms.MmsOutboxFlowTest;
import io.tapbus.runtime.phone.AppPhones;
import io.tapbus.samples.mmsc.MmscSimulator;
import io.tapbus.samples.tag.SunMessage;
import io.tapbus.samples.tag.SunMessageWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Coupons that reach the person's phone (docs/pricing.md "Coupons by SMS and MMS"), on a running bus with the loopback
 * SMSC and the MMSC simulator: a tag scan gives the demo user a coupon of a campaign that asks for MMS; the phone gets
 * one SMS with the code and the campaign and one MMS whose QR code is the code, and neither again for a repeated scan,
 * nor after the bus restarts on the same data. A campaign without delivery sends nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CouponsByPhoneTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PHONE = "+8613800000001"; // the demo user
    private final int mmscPort = RunningBus.freePort();
    private final int reportPort = RunningBus.freePort();
    private final List<String> simLog = new CopyOnWriteArrayList<>();
    private final byte[] uid = new byte[7];
    private AppPhones phones;
    private MmscSimulator sim;
    private RunningBus bus;
    private Map<String, String> settings;
    private SunMessageWriter writer;
    private int counter = 1;
    private String code;

    @BeforeAll
    void start() throws Exception {
        phones = new AppPhones();
        settings = new HashMap<>(phones.busSettings());
        settings.putAll(MmsOutboxFlowTest.settings(mmscPort, reportPort));
        bus = new RunningBus(settings);
        phones.awaitBound();
        sim = MmsOutboxFlowTest.simulator(mmscPort, reportPort, Path.of("target", "mmsc-coupons-" + System.nanoTime())
                .toAbsolutePath(), simLog);
        RANDOM.nextBytes(uid);
        uid[0] = 0x04;
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
        sim.close();
        phones.close();
    }

    private String token(String partner, String role) throws Exception {
        HttpResponse<String> cred = bus.post("/partners/" + partner + "/credentials", RunningBus.adminToken(),
                "{\"roles\":[\"" + role + "\"]}");
        assertThat(cred.statusCode()).as(cred.body()).isEqualTo(201);
        return JSON.readTree(cred.body()).path("token").asText();
    }

    private JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    /** A scan of the tag by the demo user; the coupon code its first offer gave, or null. */
    private String scan() throws Exception {
        SunMessage m = writer.write(uid, counter++, null);
        String body = "{\"msisdn\":\"" + PHONE + "\",\"url\":\"https://tags.example.com" + m.toUrl("/scan/B-TEA-P1") + "\"}";
        JsonNode scan = ok(bus.send(HttpRequest.newBuilder(bus.api("/tag-scans/person")).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), token("demo-bank", "issuer")), 200);
        assertThat(scan.path("verdict").asText()).isEqualTo("GENUINE");
        JsonNode c = scan.path("offers").path(0).path("couponCode");
        return c.isTextual() ? c.asText() : null;
    }

    /** How many short messages to the demo user's phone carried {@code text}. */
    private int smsWith(String text) {
        String all = phones.textTo(PHONE, 0);
        return all.split(java.util.regex.Pattern.quote(text), -1).length - 1;
    }

    private long mmsWith(String qr) {
        return sim.accepted().stream().filter(a -> a.submit().to().contains(PHONE.substring(1))).filter(a -> {
            try {
                return MmsOutboxFlowTest.decodeQr(a.folder().resolve("ticket-qr.png")).equals(qr);
            } catch (Exception e) {
                return false;
            }
        }).count();
    }

    @Test
    @Order(1)
    void aCouponFromATagScanArrivesOnceBySmsWithItsCodeAndByMmsWithItsQr() throws Exception {
        String advertiser = token("demo-media", "advertiser");
        String maker = token("demo-maker", "manufacturer");
        JsonNode campaign = ok(bus.post("/campaigns", advertiser, "{\"name\":\"Free cake with tea\",\"kind\":\"AMOUNT\","
                + "\"amountMinor\":800,\"skus\":[\"CAKE-P1\"],\"couponRequired\":true,\"delivery\":\"MMS\"}"), 201);
        assertThat(campaign.path("definition").path("delivery").asText()).isEqualTo("MMS");
        assertThat(bus.post("/campaigns", advertiser, "{\"name\":\"x\",\"kind\":\"AMOUNT\",\"amountMinor\":1,\"delivery\":\"FAX\"}")
                .statusCode()).isEqualTo(400);
        ok(bus.post("/products", maker, "{\"sku\":\"TEA-P1\",\"name\":\"Longjing tea\"}"), 201);
        byte[] meta = new byte[16];
        byte[] file = new byte[16];
        RANDOM.nextBytes(meta);
        RANDOM.nextBytes(file);
        ok(bus.post("/tag-batches", maker, "{\"batchId\":\"B-TEA-P1\",\"productId\":\"demo-maker:TEA-P1\",\"mode\":\"AES\","
                + "\"metaReadKey\":\"" + HEX.formatHex(meta) + "\",\"fileReadKey\":\"" + HEX.formatHex(file) + "\"}"), 201);
        ok(bus.post("/tag-batches/B-TEA-P1/tags", maker, "{\"tags\":[{\"uid\":\"" + HEX.formatHex(uid) + "\",\"serialNumber\":\"SN-P1\"}]}"),
                201);
        writer = new SunMessageWriter(SunMode.AES, meta, file);
        ok(bus.post("/tag-offers", advertiser, "{\"productId\":\"demo-maker:TEA-P1\",\"kind\":\"COUPON\",\"title\":\"Free cake\","
                + "\"couponValueMinor\":800,\"campaignId\":\"" + campaign.path("campaignId").asText() + "\"}"), 201);

        code = scan();
        assertThat(code).startsWith("CPN-");
        MmsOutboxFlowTest.await(() -> smsWith(code) > 0);
        assertThat(phones.textTo(PHONE, 0)).contains(code + ": Free cake with tea");
        MmsOutboxFlowTest.await(() -> mmsWith(code) > 0);

        assertThat(scan()).as("the same coupon for a repeated scan").isEqualTo(code);
        Thread.sleep(1500); // time for a second message, were one queued
        assertThat(smsWith(code)).as("one SMS").isEqualTo(1);
        assertThat(mmsWith(code)).as("one MMS").isEqualTo(1);
        JsonNode mms = ok(bus.get("/mms?correlation=coupon:" + code, RunningBus.adminToken()), 200);
        assertThat(mms.path("messages")).hasSize(1);
        assertThat(mms.path("messages").path(0).path("kind").asText()).isEqualTo("COUPON");
    }

    @Test
    @Order(2)
    void aCouponOfACampaignWithoutDeliveryIsNotSent() throws Exception {
        String advertiser = token("demo-media", "advertiser");
        String quiet = ok(bus.post("/campaigns", advertiser, "{\"name\":\"Quiet offer\",\"kind\":\"AMOUNT\",\"amountMinor\":100,"
                + "\"couponRequired\":true}"), 201).path("campaignId").asText();
        JsonNode coupon = ok(bus.post("/campaigns/" + quiet + "/coupons", advertiser, "{\"msisdn\":\"" + PHONE + "\"}"), 201);
        String quietCode = coupon.path("code").asText();
        assertThat(quietCode).startsWith("CPN-");
        Thread.sleep(1500);
        assertThat(smsWith(quietCode)).isZero();
        assertThat(ok(bus.get("/mms?correlation=coupon:" + quietCode, RunningBus.adminToken()), 200).path("messages")).isEmpty();
    }

    @Test
    @Order(3)
    void afterARestartOnTheSameDataTheCouponIsNotSentAgain() throws Exception {
        String dataDir = bus.dataDir.toString();
        bus.close();
        Map<String, String> again = new HashMap<>(settings);
        again.put("tapbus.data.dir", dataDir);
        bus = new RunningBus(again);
        phones.awaitBound();
        assertThat(scan()).as("the coupon given before the restart").isEqualTo(code);
        String advertiser = token("demo-media", "advertiser");
        String later = ok(bus.post("/campaigns", advertiser, "{\"name\":\"After the restart\",\"kind\":\"AMOUNT\",\"amountMinor\":100,"
                + "\"couponRequired\":true,\"delivery\":\"SMS\"}"), 201).path("campaignId").asText();
        String laterCode = ok(bus.post("/campaigns/" + later + "/coupons", advertiser, "{\"msisdn\":\"" + PHONE + "\"}"), 201)
                .path("code").asText();
        MmsOutboxFlowTest.await(() -> smsWith(laterCode) == 1); // the restarted bus sends: anything left would have gone too
        Thread.sleep(1000);
        assertThat(smsWith(code)).as("still one SMS").isEqualTo(1);
        assertThat(mmsWith(code)).as("still one MMS").isEqualTo(1);
    }
}
