package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.tag.SunMode;
import io.tapbus.runtime.tags.TagScanService;
import io.tapbus.connector.tag.TagKeys;
import io.tapbus.samples.tag.SunMessage;
import io.tapbus.samples.tag.SunMessageWriter;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tag services end to end in a running bus: a manufacturer registers a product, a batch with its SDM keys and tags
 * over REST; tags made by the tag simulator are scanned through the public scan URL; verdicts come from the
 * tag-authenticity rules; alerts reach the manufacturer's own JMS destination.
 */
class TagScanFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static RunningBus bus;
    private static String admin;
    private static String maker;
    private static String otherMaker;
    private static String media;
    private static String shop;

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus();
        admin = RunningBus.adminToken();
        maker = credential("demo-maker", "manufacturer");
        media = credential("demo-media", "advertiser");
        shop = credential("demo-shop", "merchant");
        assertThat(bus.post("/partners", admin, "{\"partnerId\":\"other-maker\",\"name\":\"Other\",\"kind\":\"MANUFACTURER\"}").statusCode())
                .isEqualTo(201);
        otherMaker = credential("other-maker", "manufacturer");
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    private static String credential(String partner, String role) throws Exception {
        HttpResponse<String> cred = bus.post("/partners/" + partner + "/credentials", admin, "{\"roles\":[\"" + role + "\"]}");
        assertThat(cred.statusCode()).as(cred.body()).isEqualTo(201);
        return JSON.readTree(cred.body()).path("token").asText();
    }

    /** A product, a batch with fresh keys and some tags, as a manufacturer registers them. */
    private record Batch(String id, SunMessageWriter writer, List<byte[]> uids) {}

    private static Batch batch(String sku, SunMode mode, boolean diversified, Integer tamperOffset, int tags) throws Exception {
        String batchId = "B-" + sku;
        HttpResponse<String> product = bus.post("/products", maker,
                "{\"sku\":\"" + sku + "\",\"name\":\"Longjing tea <b>2026</b>\",\"description\":\"West Lake green tea\","
                        + "\"infoUrl\":\"https://example.com/tea\"}");
        assertThat(product.statusCode()).as(product.body()).isEqualTo(201);
        byte[] meta = key();
        byte[] file = key();
        String sysId = "54415042";
        String body = "{\"batchId\":\"" + batchId + "\",\"productId\":\"demo-maker:" + sku + "\",\"mode\":\"" + mode + "\","
                + "\"metaReadKey\":\"" + HEX.formatHex(meta) + "\","
                + (diversified ? "\"fileMasterKey\":\"" + HEX.formatHex(file) + "\",\"systemIdentifier\":\"" + sysId + "\""
                : "\"fileReadKey\":\"" + HEX.formatHex(file) + "\"")
                + (tamperOffset == null ? "" : ",\"tamperOffset\":" + tamperOffset) + "}";
        HttpResponse<String> registered = bus.post("/tag-batches", maker, body);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(registered.body()).doesNotContain(HEX.formatHex(meta)).doesNotContain(HEX.formatHex(file));

        List<byte[]> uids = new ArrayList<>();
        StringBuilder list = new StringBuilder("{\"tags\":[");
        for (int i = 0; i < tags; i++) {
            byte[] uid = new byte[7];
            RANDOM.nextBytes(uid);
            uid[0] = 0x04;
            uids.add(uid);
            list.append(i == 0 ? "" : ",").append("{\"uid\":\"").append(HEX.formatHex(uid)).append("\",\"serialNumber\":\"SN-")
                    .append(sku).append("-").append(i + 1).append("\"}");
        }
        HttpResponse<String> bound = bus.post("/tag-batches/" + batchId + "/tags", maker, list.append("]}").toString());
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(201);
        assertThat(JSON.readTree(bound.body()).path("registered").asInt()).isEqualTo(tags);
        // a diversified batch: the simulator is given the tag's own key, as the tag was personalised with it
        SunMessageWriter writer = diversified ? null : new SunMessageWriter(mode, meta, file);
        if (diversified) {
            byte[] tagKey = TagKeys.fileReadKey(file, uids.get(0), null, HexFormat.of().parseHex(sysId));
            writer = new SunMessageWriter(mode, meta, tagKey);
        }
        return new Batch(batchId, writer, uids);
    }

    private static byte[] key() {
        byte[] k = new byte[16];
        RANDOM.nextBytes(k);
        return k;
    }

    private static String url(Batch batch, SunMessage message, String extra) {
        return message.toUrl("/scan/" + batch.id()) + (extra == null ? "" : "&" + extra);
    }

    private static JsonNode scan(String pathAndQuery) throws Exception {
        HttpResponse<String> r = bus.send(HttpRequest.newBuilder(bus.api(pathAndQuery)).GET().header("Accept", "application/json"), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static List<String> codes(JsonNode scan) {
        List<String> codes = new ArrayList<>();
        scan.path("reasons").forEach(r -> codes.add(r.path("code").asText()));
        return codes;
    }

    @Test
    void genuineThenReplayedThenForgedAndTheManufacturerGetsTheAlerts() throws Exception {
        Batch batch = batch("TEA-A", SunMode.AES, false, null, 3);
        int dot = maker.indexOf('.');
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort);
        // the manufacturer subscribes durably once, then goes offline: its alerts wait for it
        try (Connection jms = cf.createConnection(maker.substring(0, dot), maker.substring(dot + 1))) {
            jms.setClientID("demo-maker-alerts");
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createDurableConsumer(session.createTopic("tapbus.partner.demo-maker.events"), "alerts").close();
        }

        SunMessage message = batch.writer().write(batch.uids().get(0), 5, null);
        JsonNode genuine = scan(url(batch, message, null));
        assertThat(genuine.path("verdict").asText()).isEqualTo("GENUINE");
        assertThat(genuine.path("serialNumber").asText()).isEqualTo("SN-TEA-A-1");
        assertThat(genuine.path("readCounter").asInt()).isEqualTo(5);
        assertThat(genuine.path("product").path("name").asText()).isEqualTo("Longjing tea <b>2026</b>");
        assertThat(genuine.path("tagUid").asText()).doesNotContain(HEX.formatHex(batch.uids().get(0)));

        JsonNode replayed = scan(url(batch, message, null));
        assertThat(replayed.path("verdict").asText()).isEqualTo("SUSPECT");
        assertThat(codes(replayed)).containsExactly("COUNTER_REPLAYED");
        assertThat(replayed.path("serialNumber").isNull() || replayed.path("serialNumber").isMissingNode()).isTrue();

        JsonNode forged = scan(url(batch, batch.writer().write(batch.uids().get(0), 6, null).forged(), null));
        assertThat(forged.path("verdict").asText()).isEqualTo("COUNTERFEIT");
        assertThat(codes(forged)).containsExactly("BAD_MAC");

        try (Connection jms = cf.createConnection(maker.substring(0, dot), maker.substring(dot + 1))) {
            jms.setClientID("demo-maker-alerts");
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer alerts = session.createDurableConsumer(session.createTopic("tapbus.partner.demo-maker.events"), "alerts");
            jms.start();
            List<JsonNode> received = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                TextMessage m = (TextMessage) alerts.receive(10_000);
                assertThat(m).as("alert " + (i + 1)).isNotNull();
                received.add(JSON.readTree(m.getText()));
            }
            assertThat(received).extracting(e -> e.path("type").asText()).containsOnly("tag.alert");
            assertThat(received).extracting(e -> e.path("data").path("verdict").asText()).containsExactly("SUSPECT", "COUNTERFEIT");
            assertThat(received.get(0).path("data").path("scanId").asText()).isEqualTo(replayed.path("scanId").asText());
            assertThat(received.get(1).path("data").path("reasons").get(0).path("code").asText()).isEqualTo("BAD_MAC");
            assertThat(alerts.receive(300)).as("no alert for the genuine scan").isNull();
        }
        JsonNode tag = JSON.readTree(bus.get("/tags/" + HEX.formatHex(batch.uids().get(0)), maker).body());
        assertThat(tag.path("lastCounter").asLong()).as("a forged message does not move the counter").isEqualTo(5);
        assertThat(tag.path("scanCount").asLong()).isEqualTo(1);
        JsonNode scans = JSON.readTree(bus.get("/tag-batches/" + batch.id() + "/scans", maker).body());
        assertThat(scans).extracting(s -> s.path("verdict").asText()).containsExactlyInAnyOrder("GENUINE", "SUSPECT", "COUNTERFEIT");
        assertThat(scans).extracting(s -> s.path("reasons").toString()).contains("[\"BAD_MAC\"]", "[\"COUNTER_REPLAYED\"]", "[]");
    }

    @Test
    void lrpWithDiversifiedFileKeysAndTagTamper() throws Exception {
        Batch batch = batch("TEA-LRP", SunMode.LRP, true, 0, 1);
        byte[] intact = SunMessageWriter.padFileData("CC");
        byte[] opened = SunMessageWriter.padFileData("OC");

        JsonNode first = scan(url(batch, batch.writer().write(batch.uids().get(0), 1, intact), null));
        assertThat(first.path("verdict").asText()).as(first.toString()).isEqualTo("GENUINE");
        assertThat(first.path("tagTamper").asText()).isEqualTo("CC");

        JsonNode second = scan(url(batch, batch.writer().write(batch.uids().get(0), 2, opened), null));
        assertThat(second.path("verdict").asText()).isEqualTo("SUSPECT");
        assertThat(codes(second)).containsExactly("TAMPER_OPEN");
    }

    @Test
    void badScanUrlsGet400WithTheReason() throws Exception {
        Batch batch = batch("TEA-BAD", SunMode.AES, false, null, 1);
        SunMessage m = batch.writer().write(batch.uids().get(0), 1, null);
        String base = "/scan/" + batch.id();

        assertProblem(base + "?picc_data=" + m.piccData() + "&cmac=" + m.cmac() + "&campaign=x", "unknown parameter 'campaign'");
        assertProblem(base + "?picc_data=ZZ" + m.piccData().substring(2) + "&cmac=" + m.cmac(), "hex");
        assertProblem(base + "?picc_data=" + m.piccData().substring(2) + "&cmac=" + m.cmac(), "picc_data");
        assertProblem(base + "?picc_data=" + m.piccData(), "cmac");
        assertProblem(base + "?picc_data=" + m.piccData() + "&cmac=" + m.cmac() + "&lat=95&lon=10", "lat");
        assertProblem(base, "no query");
        assertProblem("/scan/bad%20id?picc_data=" + m.piccData() + "&cmac=" + m.cmac(), "batch id");

        TagScanService service = bus.app().context().getRegistry().lookupByNameAndType("tagScanService", TagScanService.class);
        long unknownBefore = service.unknownBatchScans();
        JsonNode unknown = scan("/scan/B-NOBODY?picc_data=" + m.piccData() + "&cmac=" + m.cmac());
        assertThat(unknown.path("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(codes(unknown)).containsExactly("UNKNOWN_BATCH");
        assertThat(unknown.path("scanId").isNull() || unknown.path("scanId").isMissingNode())
                .as("a made-up batch is counted, not stored one row each").isTrue();
        assertThat(service.unknownBatchScans()).isEqualTo(unknownBefore + 1);
        JsonNode tag = JSON.readTree(bus.get("/tags/" + HEX.formatHex(batch.uids().get(0)), maker).body());
        assertThat(tag.path("lastCounter").asLong()).as("refused scans change nothing").isEqualTo(-1);
    }

    private static void assertProblem(String pathAndQuery, String detailPart) throws Exception {
        HttpResponse<String> r = bus.send(HttpRequest.newBuilder(bus.api(pathAndQuery)).GET(), null);
        assertThat(r.statusCode()).as(pathAndQuery + " -> " + r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(JSON.readTree(r.body()).path("detail").asText()).containsIgnoringCase(detailPart);
    }

    @Test
    void aBrowserGetsAnEscapedPage() throws Exception {
        Batch batch = batch("TEA-HTML", SunMode.AES, false, null, 1);
        HttpResponse<String> page = bus.send(HttpRequest.newBuilder(bus.api(url(batch, batch.writer().write(batch.uids().get(0), 1, null), null)))
                .GET().header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"), null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("Genuine product").contains("SN-TEA-HTML-1")
                .contains("Longjing tea &lt;b&gt;2026&lt;/b&gt;").doesNotContain("<b>2026</b>");
    }

    @Test
    void genuineScansInTheStoreClaimTheCouponOnceAndOtherStoresGetNone() throws Exception {
        Batch batch = batch("TEA-OFFER", SunMode.AES, false, null, 1);
        HttpResponse<String> offer = bus.post("/tag-offers", media, "{\"productId\":\"demo-maker:TEA-OFFER\",\"storeId\":\"demo-shop\","
                + "\"kind\":\"COUPON\",\"title\":\"5 yuan off your next tea\",\"couponValueMinor\":500}");
        assertThat(offer.statusCode()).as(offer.body()).isEqualTo(201);
        HttpResponse<String> content = bus.post("/tag-offers", media, "{\"productId\":\"demo-maker:TEA-OFFER\",\"kind\":\"CONTENT\","
                + "\"title\":\"How to brew Longjing\",\"url\":\"https://example.com/brew\"}");
        assertThat(content.statusCode()).as(content.body()).isEqualTo(201);
        byte[] uid = batch.uids().get(0);

        JsonNode inShop = scan(url(batch, batch.writer().write(uid, 1, null), "store=demo-shop"));
        JsonNode again = scan(url(batch, batch.writer().write(uid, 2, null), "store=demo-shop"));
        JsonNode inCafe = scan(url(batch, batch.writer().write(uid, 3, null), "store=demo-cafe"));

        assertThat(inShop.path("offers")).extracting(o -> o.path("title").asText())
                .containsExactly("5 yuan off your next tea", "How to brew Longjing");
        String claim = inShop.path("offers").get(0).path("claimId").asText();
        assertThat(claim).startsWith("CL-");
        assertThat(again.path("offers").get(0).path("claimId").asText()).as("one claim per coupon and tag").isEqualTo(claim);
        assertThat(inCafe.path("offers")).extracting(o -> o.path("title").asText()).containsExactly("How to brew Longjing");
        assertThat(inShop.path("storeName").asText()).as("store information for the place").isEqualTo("Demo Convenience Store");
    }

    @Test
    void aReaderForwardsATagReadAndAnItemSoldByAnotherStoreIsSuspect() throws Exception {
        Batch batch = batch("TEA-SOLD", SunMode.AES, false, null, 1);
        String uid = HEX.formatHex(batch.uids().get(0));
        HttpResponse<String> sold = bus.post("/tags/" + uid + "/status", maker, "{\"status\":\"SOLD\",\"storeId\":\"demo-cafe\"}");
        assertThat(sold.statusCode()).as(sold.body()).isEqualTo(200);

        String tagUrl = "https://tags.example.com" + url(batch, batch.writer().write(batch.uids().get(0), 7, null), null);
        HttpResponse<String> forwarded = bus.post("/tag-scans", shop, "{\"readerId\":\"R-DEMO-1\",\"url\":\"" + tagUrl + "\"}");

        assertThat(forwarded.statusCode()).as(forwarded.body()).isEqualTo(200);
        JsonNode scan = JSON.readTree(forwarded.body());
        assertThat(scan.path("verdict").asText()).isEqualTo("SUSPECT");
        assertThat(codes(scan)).containsExactly("SOLD_ELSEWHERE");
        assertThat(scan.path("storeId").asText()).isEqualTo("demo-shop");
        assertThat(bus.post("/tag-scans", shop, "{\"readerId\":\"R-DEMO-2\",\"url\":\"" + tagUrl + "\"}").statusCode())
                .as("a reader of another merchant").isEqualTo(404);
    }

    @Test
    void anItemCannotBeScannedInBeijingAndShanghaiTenSecondsApart() throws Exception {
        Batch batch = batch("TEA-TRAVEL", SunMode.AES, false, null, 1);
        byte[] uid = batch.uids().get(0);
        JsonNode beijing = scan(url(batch, batch.writer().write(uid, 1, null), "lat=39.9042&lon=116.4074"));
        JsonNode shanghai = scan(url(batch, batch.writer().write(uid, 2, null), "lat=31.2304&lon=121.4737"));

        assertThat(beijing.path("verdict").asText()).isEqualTo("GENUINE");
        assertThat(shanghai.path("verdict").asText()).isEqualTo("SUSPECT");
        assertThat(codes(shanghai)).containsExactly("IMPOSSIBLE_TRAVEL");
    }

    @Test
    void theSameUrlSentConcurrentlyIsGenuineOnlyOnce() throws Exception {
        Batch batch = batch("TEA-RACE", SunMode.AES, false, null, 1);
        String url = url(batch, batch.writer().write(batch.uids().get(0), 9, null), null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> scan(url).path("verdict").asText());
            }
            List<String> verdicts = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                verdicts.add(f.get());
            }
            assertThat(verdicts).filteredOn("GENUINE"::equals).hasSize(1);
            assertThat(verdicts).filteredOn("SUSPECT"::equals).hasSize(7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keysAreNeverReturnedAndBatchesBelongToTheirManufacturer() throws Exception {
        Batch batch = batch("TEA-KEYS", SunMode.AES, false, null, 1);
        HttpResponse<String> own = bus.get("/tag-batches/" + batch.id(), maker);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).doesNotContainIgnoringCase("key\":\"").contains("\"tags\":1");
        assertThat(bus.get("/tag-batches/" + batch.id(), otherMaker).statusCode()).isEqualTo(404);
        assertThat(bus.get("/tags/" + HEX.formatHex(batch.uids().get(0)), otherMaker).statusCode()).isEqualTo(404);
        assertThat(bus.post("/tag-batches/" + batch.id() + "/tags", otherMaker,
                "{\"tags\":[{\"uid\":\"04AABBCCDDEEFF\",\"serialNumber\":\"X\"}]}").statusCode()).isEqualTo(404);
        assertThat(bus.post("/tag-batches/" + batch.id() + "/tags", maker,
                "{\"tags\":[{\"uid\":\"" + HEX.formatHex(batch.uids().get(0)) + "\",\"serialNumber\":\"X\"}]}").statusCode())
                .as("a UID is bound once").isEqualTo(409);
        assertThat(bus.post("/tag-batches", maker, "{\"batchId\":\"B-SHORT\",\"productId\":\"demo-maker:TEA-KEYS\","
                + "\"metaReadKey\":\"00112233\",\"fileReadKey\":\"00112233445566778899AABBCCDDEEFF\"}").statusCode()).isEqualTo(400);
        assertThat(bus.post("/products", shop, "{\"sku\":\"X\",\"name\":\"x\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void aManufacturerRegistersTagsInBulkOverJmsAndGetsTheAnswerOnItsOwnQueue() throws Exception {
        Batch batch = batch("TEA-JMS", SunMode.AES, false, null, 1);
        String uid = "04" + HEX.formatHex(key()).substring(0, 12);
        String request = "{\"operation\":\"registerTags\",\"batchId\":\"" + batch.id() + "\",\"tags\":[{\"uid\":\"" + uid
                + "\",\"serialNumber\":\"SN-JMS-1\"}]}";
        int dot = maker.indexOf('.');
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort);
        try (Connection jms = cf.createConnection(maker.substring(0, dot), maker.substring(dot + 1))) {
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer replies = session.createConsumer(session.createQueue("tapbus.partner.demo-maker.tag-replies"));
            jms.start();
            var producer = session.createProducer(session.createQueue("tapbus.tag-requests"));
            TextMessage ok = session.createTextMessage(request);
            ok.setJMSCorrelationID("bulk-1");
            ok.setJMSReplyTo(session.createQueue("tapbus.partner.other-maker.tag-replies")); // ignored: answers go to the sender's own queue
            ok.setStringProperty("_AMQ_VALIDATED_USER", otherMaker.substring(0, otherMaker.indexOf('.'))); // overwritten by the broker
            producer.send(ok);
            TextMessage bad = session.createTextMessage("{\"operation\":\"registerTags\",\"batchId\":\"" + batch.id() + "\",\"tags\":[]}");
            bad.setJMSCorrelationID("bulk-2");
            producer.send(bad);

            TextMessage first = (TextMessage) replies.receive(10_000);
            TextMessage second = (TextMessage) replies.receive(10_000);
            assertThat(first).isNotNull();
            assertThat(second).isNotNull();
            assertThat(first.getJMSCorrelationID()).isEqualTo("bulk-1");
            assertThat(JSON.readTree(first.getText()).path("registered").asInt()).isEqualTo(1);
            assertThat(second.getJMSCorrelationID()).isEqualTo("bulk-2");
            assertThat(JSON.readTree(second.getText()).path("ok").asBoolean()).isFalse();
            assertThat(JSON.readTree(second.getText()).path("detail").asText()).contains("1 to 1000 tags");
        }
        assertThat(bus.get("/tags/" + uid, maker).statusCode()).isEqualTo(200);

        // a merchant may not send bulk tag requests, and nobody but the bus reads the request queue
        int shopDot = shop.indexOf('.');
        try (Connection jms = cf.createConnection(shop.substring(0, shopDot), shop.substring(shopDot + 1))) {
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                            session.createProducer(session.createQueue("tapbus.tag-requests")).send(session.createTextMessage(request)))
                    .isInstanceOf(jakarta.jms.JMSSecurityException.class);
        }
        try (Connection jms = cf.createConnection(maker.substring(0, dot), maker.substring(dot + 1))) {
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> session.createConsumer(session.createQueue("tapbus.tag-requests")))
                    .isInstanceOf(jakarta.jms.JMSSecurityException.class);
        }
    }
}
