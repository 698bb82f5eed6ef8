package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.tag.SunMode;
import io.tapbus.connector.tag.TagKeys;
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

/**
 * What the tag services' end-to-end tests share: a running bus with the demo manufacturer, advertiser and merchant
 * (and a second manufacturer) signed in, and the steps of registering a batch of tags and scanning one.
 */
abstract class TagScanFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HexFormat HEX = HexFormat.of().withUpperCase();
    static final SecureRandom RANDOM = new SecureRandom();
    static RunningBus bus;
    static String maker;
    static String otherMaker;
    static String media;
    static String shop;

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus();
        maker = bus.partnerToken("demo-maker", "manufacturer");
        media = bus.partnerToken("demo-media", "advertiser");
        shop = bus.partnerToken("demo-shop", "merchant");
        assertThat(bus.post("/partners", RunningBus.adminToken(), "{\"partnerId\":\"other-maker\",\"name\":\"Other\",\"kind\":\"MANUFACTURER\"}")
                .statusCode()).isEqualTo(201);
        otherMaker = bus.partnerToken("other-maker", "manufacturer");
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    /** A product, a batch with fresh keys and some tags, as a manufacturer registers them. */
    record Batch(String id, SunMessageWriter writer, List<byte[]> uids) {}

    static Batch batch(String sku, SunMode mode, boolean diversified, Integer tamperOffset, int tags) throws Exception {
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

    static byte[] key() {
        byte[] k = new byte[16];
        RANDOM.nextBytes(k);
        return k;
    }

    static String url(Batch batch, SunMessage message, String extra) {
        return message.toUrl("/scan/" + batch.id()) + (extra == null ? "" : "&" + extra);
    }

    static JsonNode scan(String pathAndQuery) throws Exception {
        HttpResponse<String> r = bus.send(HttpRequest.newBuilder(bus.api(pathAndQuery)).GET().header("Accept", "application/json"), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static List<String> codes(JsonNode scan) {
        List<String> codes = new ArrayList<>();
        scan.path("reasons").forEach(r -> codes.add(r.path("code").asText()));
        return codes;
    }

    static void assertProblem(String pathAndQuery, String detailPart) throws Exception {
        HttpResponse<String> r = bus.send(HttpRequest.newBuilder(bus.api(pathAndQuery)).GET(), null);
        assertThat(r.statusCode()).as(pathAndQuery + " -> " + r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(JSON.readTree(r.body()).path("detail").asText()).containsIgnoringCase(detailPart);
    }
}
