package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.runtime.demo.DemoSeeder;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Partners on AMQP 1.0 with a client that is not Java: the Node.js (rhea) client of docs/partner-guide.md,
 * {@code src/test/amqp/partner-client.js}, against a running bus. The same credentials and addresses as JMS: a
 * merchant receives its own events, a manufacturer sends a bulk tag request and gets the answer on its own queue,
 * another partner's address is refused with amqp:unauthorized-access, and so are wrong or missing credentials;
 * after every refusal the connection, or the bus, goes on.
 */
class AmqpPartnerTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static RunningBus bus;
    private static Credential shop;
    private static Credential maker;
    private static Credential otherMaker;

    private record Credential(String keyId, String secret) {}

    @BeforeAll
    static void start() throws Exception {
        NodeAmqpClient.install();
        bus = new RunningBus();
        String admin = RunningBus.adminToken();
        assertThat(bus.post("/partners", admin, "{\"partnerId\":\"other-maker\",\"name\":\"Other\",\"kind\":\"MANUFACTURER\"}").statusCode())
                .isEqualTo(201);
        shop = credential("demo-shop", "merchant");
        maker = credential("demo-maker", "manufacturer");
        otherMaker = credential("other-maker", "manufacturer");
    }

    @AfterAll
    static void stop() throws Exception {
        if (bus != null) {
            bus.close();
        }
    }

    private static Credential credential(String partner, String role) throws Exception {
        String token = bus.partnerToken(partner, role);
        int dot = token.indexOf('.');
        return new Credential(token.substring(0, dot), token.substring(dot + 1));
    }

    private static NodeAmqpClient client(Credential as, String script, String... args) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("TAPBUS_AMQP_PORT", String.valueOf(bus.amqpPort));
        env.put("TAPBUS_TIMEOUT_MS", "20000");
        if (as != null && as.keyId() != null) {
            env.put("TAPBUS_KEY_ID", as.keyId());
        }
        if (as != null && as.secret() != null) {
            env.put("TAPBUS_SECRET", as.secret());
        }
        return NodeAmqpClient.start(env, script, args);
    }

    private static NodeAmqpClient startAfter(NodeAmqpClient listening, Credential as, String script, String... args) throws Exception {
        listening.await("listening");
        return client(as, script, args);
    }

    @Test
    void aMerchantReceivesItsOwnTapEvents() throws Exception {
        try (NodeAmqpClient events = client(shop, "partner-client.js", "events", "tapbus.partner.demo-shop.events", "1");
             ReaderClient reader = bus.reader("R-DEMO-1")) {
            events.await("listening");
            TapResponse tap = TapResponse.parse(reader.tap(new TapRequest(DemoSeeder.ACTIVE_CARD, 120, "CNY", Instant.now().toString(), null)).body());
            assertThat(tap.verdict()).isEqualTo(TapResponse.Verdict.APPROVED);

            JsonNode event = events.await("message");
            assertThat(event.path("body").path("type").asText()).isEqualTo("tap.decided");
            assertThat(event.path("body").path("data").path("transactionId").asText()).isEqualTo(tap.transactionId());
            assertThat(event.path("properties").path("TapBusMerchantId").asText()).isEqualTo("demo-shop");
            assertThat(event.path("properties").path("TapBusEventId").asText()).isEqualTo(event.path("body").path("eventId").asText());
            events.await("done");
            assertThat(events.exitCode()).isZero();
        }
    }

    @Test
    void aManufacturerSendsABulkTagRequestAndGetsTheAnswerOnItsOwnQueue() throws Exception {
        String batch = batch("TEA-AMQP");
        String uid = uid();
        String request = "{\"operation\":\"registerTags\",\"batchId\":\"" + batch + "\",\"tags\":[{\"uid\":\"" + uid
                + "\",\"serialNumber\":\"SN-AMQP-1\"}]}";
        try (NodeAmqpClient bulk = client(maker, "partner-client.js", "bulk", "demo-maker", "amqp-bulk-1", request)) {
            JsonNode answer = bulk.await("message");
            assertThat(answer.path("correlationId").asText()).isEqualTo("amqp-bulk-1");
            assertThat(answer.path("body").path("ok").asBoolean()).as(answer.toString()).isTrue();
            assertThat(answer.path("body").path("registered").asInt()).isEqualTo(1);
            assertThat(bulk.exitCode()).isZero();
        }
        HttpResponse<String> tag = bus.get("/tags/" + uid, RunningBus.adminToken());
        assertThat(tag.statusCode()).as(tag.body()).isEqualTo(200);

        // an invalid request is answered too, with the reason
        String empty = "{\"operation\":\"registerTags\",\"batchId\":\"" + batch + "\",\"tags\":[]}";
        try (NodeAmqpClient bulk = client(maker, "partner-client.js", "bulk", "demo-maker", "amqp-bulk-2", empty)) {
            JsonNode answer = bulk.await("message");
            assertThat(answer.path("body").path("ok").asBoolean()).isFalse();
            assertThat(answer.path("body").path("detail").asText()).contains("1 to 1000 tags");
        }
    }

    @Test
    void aSenderCannotClaimAnotherPartnersKey() throws Exception {
        String batch = batch("TEA-FORGED");
        String request = "{\"operation\":\"registerTags\",\"batchId\":\"" + batch + "\",\"tags\":[{\"uid\":\"" + uid()
                + "\",\"serialNumber\":\"SN-FORGED-1\"}]}";
        // application properties named like the broker's stamp are overwritten: the bus answers the real sender
        try (NodeAmqpClient forged = client(maker, "forged-sender.js", "properties", "demo-maker", otherMaker.keyId(), "forged-1", request)) {
            JsonNode answer = forged.await("message");
            assertThat(answer.path("body").path("ok").asBoolean()).as(answer.toString()).isTrue();
        }
        // an AMQP user-id naming another key is rejected; the link and the connection stay open
        try (NodeAmqpClient forged = client(maker, "forged-sender.js", "user-id", "demo-maker", otherMaker.keyId(), "forged-2", request)) {
            JsonNode rejected = forged.await("rejected");
            assertThat(rejected.path("condition").asText()).isEqualTo("amqp:unauthorized-access");
            assertThat(rejected.path("description").asText()).contains("user-id");
            assertThat(rejected.path("linkOpen").asBoolean()).isTrue();
            assertThat(rejected.path("connectionOpen").asBoolean()).isTrue();
        }
    }

    @Test
    void anotherPartnersAddressIsRefusedAndTheConnectionLivesOn() throws Exception {
        // the other manufacturer listens on its reply queue meanwhile, so that queue exists
        try (NodeAmqpClient owner = client(otherMaker, "partner-client.js", "events", "tapbus.partner.other-maker.tag-replies", "1");
             NodeAmqpClient access = startAfter(owner, shop, "partner-client.js", "access",
                "receive:tapbus.partner.demo-cafe.events",
                "receive:tapbus.partner.other-maker.tag-replies",
                "send:tapbus.partner.other-maker.tag-replies",
                "send:tapbus.partner.demo-cafe.not-created-yet",
                "receive:tapbus.events",
                "send:tapbus.tag-requests",
                "receive:tapbus.partner.demo-shop.events")) {
            List<JsonNode> lines = access.finish();
            assertThat(access.exitCode()).as(access.output()).isZero();
            assertThat(lines).hasSize(8);
            for (JsonNode refused : lines.subList(0, 6)) {
                assertThat(refused.path("allowed").asBoolean()).as(refused.toString()).isFalse();
                assertThat(refused.path("description").asText()).as(refused.toString()).contains("does not have permission");
            }
            for (int i : new int[] {0, 1, 2, 5}) {
                assertThat(lines.get(i).path("condition").asText()).as(lines.get(i).toString()).isEqualTo("amqp:unauthorized-access");
            }
            // Artemis creates a missing address before it checks SEND, and reports that refusal as an internal error
            assertThat(lines.get(3).path("condition").asText()).isEqualTo("amqp:internal-error");
            // the platform's events topic exists (the bus's own SMS and app routes subscribe to it): a receiver there
            // needs a subscription queue first, and Artemis reports that refusal as an internal error too
            assertThat(lines.get(4).path("condition").asText()).as(lines.get(4).toString()).isEqualTo("amqp:internal-error");
            assertThat(lines.get(4).path("description").asText()).contains("CREATE_NON_DURABLE_QUEUE");
            assertThat(lines.get(6).path("allowed").asBoolean()).as("its own events, on the same connection").isTrue();
            assertThat(lines.get(7).path("connectionOpen").asBoolean()).isTrue();
        }
    }

    @Test
    void wrongOrMissingCredentialsAreRefusedAndTheBusLivesOn() throws Exception {
        String own = "receive:tapbus.partner.demo-shop.events";
        try (NodeAmqpClient wrong = client(new Credential(shop.keyId(), "not-the-secret"), "partner-client.js", "access", own)) {
            JsonNode refused = wrong.await("refused");
            assertThat(refused.path("scope").asText()).isEqualTo("connection");
            assertThat(refused.path("condition").asText()).isEqualTo("amqp:unauthorized-access");
            assertThat(wrong.exitCode()).isEqualTo(3);
        }
        try (NodeAmqpClient unknown = client(new Credential("k000000000000", shop.secret()), "partner-client.js", "access", own)) {
            assertThat(unknown.await("refused").path("condition").asText()).isEqualTo("amqp:unauthorized-access");
        }
        // a user name without a password: rhea offers SASL ANONYMOUS, which the broker does not
        try (NodeAmqpClient anonymous = client(new Credential(shop.keyId(), null), "partner-client.js", "access", own)) {
            JsonNode refused = anonymous.await("refused");
            assertThat(refused.path("condition").asText()).isEqualTo("amqp:unauthorized-access");
            assertThat(refused.path("description").asText()).contains("server supports PLAIN");
        }
        // no credentials at all: no SASL, which the broker requires
        try (NodeAmqpClient none = client(null, "partner-client.js", "access", own)) {
            assertThat(none.await("refused").path("scope").asText()).isEqualTo("connection");
            assertThat(none.exitCode()).isEqualTo(3);
        }
        try (NodeAmqpClient fine = client(shop, "partner-client.js", "access", own)) {
            assertThat(fine.await("done").path("connectionOpen").asBoolean()).as("the bus still takes partners").isTrue();
        }
    }

    /** A product and a tag batch of demo-maker's, registered over REST; returns the batch id. */
    private static String batch(String sku) throws Exception {
        Credential m = maker;
        String token = m.keyId() + "." + m.secret();
        HttpResponse<String> product = bus.post("/products", token, "{\"sku\":\"" + sku + "\",\"name\":\"Tea\"}");
        assertThat(product.statusCode()).as(product.body()).isEqualTo(201);
        String batchId = "B-" + sku;
        HttpResponse<String> batch = bus.post("/tag-batches", token, "{\"batchId\":\"" + batchId + "\",\"productId\":\"demo-maker:" + sku
                + "\",\"mode\":\"AES\",\"metaReadKey\":\"" + HEX.formatHex(key()) + "\",\"fileReadKey\":\"" + HEX.formatHex(key()) + "\"}");
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(201);
        return batchId;
    }

    private static byte[] key() {
        byte[] k = new byte[16];
        RANDOM.nextBytes(k);
        return k;
    }

    private static String uid() {
        byte[] uid = new byte[7];
        RANDOM.nextBytes(uid);
        uid[0] = 0x04;
        return HEX.formatHex(uid);
    }
}
