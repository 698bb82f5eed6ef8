package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.connector.tag.SunMode;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * Tag services for the partners in a running bus: offers claimed at a store, a merchant's reader forwarding a tag read,
 * batches and keys that belong to their manufacturer, and bulk tag registration over JMS.
 */
class TagPartnerFlowTest extends TagScanFixture {

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
