package io.tapbus.runtime.phone;

import static io.tapbus.runtime.phone.SmsOutboxFlowTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.ota.CommandPacket;
import io.tapbus.connector.ota.OtaKeys;
import io.tapbus.connector.ota.RemoteResponse;
import io.tapbus.connector.ota.ResponsePacket;
import io.tapbus.connector.ota.SmsDataDownload;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.runtime.keys.KeyVault;
import io.tapbus.runtime.ota.OtaKeyRing;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsmpp.bean.SubmitSm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * OTA updates through the bus, against a jSMPP SMSC on loopback that plays the card's side too: each update leaves as
 * SMS-PP data download (PID 7F, DCS F6, UDH IEI 70) whose packet the connector decodes and verifies with the card's
 * own keys (AES and triple DES key sets); the card's proof of receipt, built with its keys and sent back as a PID 7F
 * deliver_sm, is matched and recorded; a bad checksum, a replay and an unknown counter change nothing; counters go
 * on increasing after a restart. Every REST exchange is checked against the API document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OtaUpdatesFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CARD = DemoSeeder.ACTIVE_CARD;
    private static final String PHONE = "+8613800000001";
    private final int port = RunningBus.freePort();
    private LoopbackSmsc smsc;
    private RunningBus bus;
    private String admin;
    private OtaKeyRing ring;
    private Map<String, String> settings;

    @BeforeAll
    void start() throws Exception {
        smsc = new LoopbackSmsc(port);
        settings = new HashMap<>(Map.of("tapbus.smsc.local.port", String.valueOf(port), "tapbus.phone.poll-ms", "50",
                "tapbus.smsc.local.reconnect-first-ms", "100"));
        bus = new RunningBus(settings);
        admin = RunningBus.adminToken();
        byte[] master = KeyVault.readHexKeyFile(RunningBus.HOME.resolve("config/demo-keys/ota-master.hex"), 16);
        ring = new OtaKeyRing(master, OtaKeyRing.parseKeySets("1:aes, 2:3des"));
        await(() -> smsc.binds.get() > 0);
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
        smsc.close();
    }

    @Test
    @Order(1)
    void aMembershipEntryGoesAsSmsPpAndItsProofOfReceiptIsRecorded() throws Exception {
        JsonNode queued = send("{\"cardUid\":\"" + CARD + "\",\"kind\":\"membership\",\"data\":\"4D454D4245522D3432\"}");
        assertThat(queued.path("keySet").asInt()).isEqualTo(1);
        assertThat(queued.path("tar").asText()).isEqualTo("B00010");
        String id = queued.path("commandId").asText();
        long counter = Long.parseLong(queued.path("counter").asText(), 16);

        List<SubmitSm> parts = awaitParts(queued);
        assertThat(parts).hasSize(1);
        SubmitSm sm = parts.get(0);
        assertThat(sm.getProtocolId() & 0xFF).isEqualTo(0x7F);
        assertThat(sm.getDataCoding() & 0xFF).isEqualTo(0xF6);
        assertThat(sm.getEsmClass() & 0x40).isEqualTo(0x40);
        assertThat(HexFormat.of().formatHex(sm.getShortMessage(), 0, 3)).isEqualTo("027000");
        OtaKeys keys = cardKeys(1);
        CommandPacket packet = CommandPacket.decode(SmsDataDownload.commandPacket(List.of(sm.getShortMessage())), keys);
        assertThat(packet.counter()).isEqualTo(counter);
        assertThat(packet.kic()).isEqualTo(0x12);
        assertThat(packet.spi().toString()).isEqualTo("1639");
        assertThat(HexFormat.of().withUpperCase().formatHex(packet.tar())).isEqualTo("B00010");
        // SELECT 6F50, APPEND RECORD with the entry
        assertThat(HexFormat.of().withUpperCase().formatHex(packet.data()))
                .isEqualTo("00A40004026F50" + "00E20000" + "09" + "4D454D4245522D3432");
        assertThat(awaitState(id, "delivered").path("porStatus").isNull()).isTrue();

        int dot = admin.indexOf('.');
        try (jakarta.jms.Connection jms = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + bus.brokerPort).createConnection(admin.substring(0, dot), admin.substring(dot + 1))) {
            jakarta.jms.Session session = jms.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.MessageConsumer events = session.createConsumer(session.createTopic("tapbus.events"),
                    "TapBusEventType = 'ota.por'");
            jms.start();
            smsc.simData(PHONE, por(keys, packet.tar(), counter, 0x00, "9000"));
            jakarta.jms.TextMessage event = (jakarta.jms.TextMessage) events.receive(20_000);
            assertThat(event).as("the ota.por event").isNotNull();
            JsonNode data = JSON.readTree(event.getText()).path("data");
            assertThat(data.path("commandId").asText()).isEqualTo(id);
            assertThat(data.path("state").asText()).isEqualTo("POR_OK");
            assertThat(data.path("statusWord").asText()).isEqualTo("9000");
            assertThat(data.path("msisdn").asText()).isEqualTo("+86138****0001");
        }
        JsonNode done = awaitState(id, "por_ok");
        assertThat(done.path("porStatus").asText()).isEqualTo("por_ok");
        assertThat(done.path("statusWord").asText()).isEqualTo("9000");
        assertThat(done.path("msisdn").asText()).isEqualTo("+86138****0001");
        assertThat(done.toString()).doesNotContain("4D454D4245522D3432");

        // the same PoR again: a replay, refused, nothing changes
        smsc.simData(PHONE, por(keys, packet.tar(), counter, 0x00, "6A82"));
        awaitRefused("COUNTER_REPLAYED", 1);
        assertThat(get(id).path("statusWord").asText()).isEqualTo("9000");
        // a counter never sent
        smsc.simData(PHONE, por(keys, packet.tar(), counter + 100, 0x00, "9000"));
        awaitRefused("COUNTER_UNKNOWN", 1);
    }

    @Test
    @Order(2)
    void aTripleDesKeySetPorWithABadChecksumIsRefusedThenTheGoodOneRecordsTheCardsError() throws Exception {
        JsonNode queued = send("{\"cardUid\":\"" + CARD + "\",\"kind\":\"ticket\",\"data\":\"54494B4554\",\"keySet\":2}");
        String id = queued.path("commandId").asText();
        long counter = Long.parseLong(queued.path("counter").asText(), 16);
        assertThat(counter).isEqualTo(1); // key set 2 has its own counter
        SubmitSm sm = awaitParts(queued).get(0);
        OtaKeys keys = cardKeys(2);
        CommandPacket packet = CommandPacket.decode(SmsDataDownload.commandPacket(List.of(sm.getShortMessage())), keys);
        assertThat(packet.kic()).isEqualTo(0x25);
        assertThat(HexFormat.of().withUpperCase().formatHex(packet.data())).startsWith("00A40004026F51");
        awaitState(id, "delivered");

        byte[] tampered = por(keys, packet.tar(), counter, 0x00, "9000");
        tampered[tampered.length - 1] ^= 0x01;
        smsc.simData(PHONE, tampered);
        awaitRefused("CHECKSUM_FAILED", 1);
        assertThat(get(id).path("state").asText()).isEqualTo("delivered");
        // signed with another card's keys: no key set of this card verifies it
        smsc.simData(PHONE, por(ring.keys("0499999999999999", ring.keySet(2)), packet.tar(), counter, 0x00, "9000"));
        awaitRefused("CHECKSUM_FAILED", 2);

        smsc.simData(PHONE, por(keys, packet.tar(), counter, 0x02, null)); // cntr_low
        JsonNode failed = awaitState(id, "por_failed");
        assertThat(failed.path("porStatus").asText()).isEqualTo("cntr_low");
        assertThat(failed.path("statusWord").isNull()).isTrue();
    }

    @Test
    @Order(3)
    void aLongUpdateGoesConcatenatedAndBadRequestsSpendNoCounter() throws Exception {
        String apdus = "80E28000C8" + "AB".repeat(195);
        assertThat(bus.post("/ota/updates", admin, "{\"cardUid\":\"" + CARD + "\",\"kind\":\"song\",\"data\":\"00\"}")
                .statusCode()).isEqualTo(400);
        assertThat(bus.post("/ota/updates", admin, "{\"cardUid\":\"" + CARD + "\",\"kind\":\"key\",\"data\":\"0G\"}")
                .statusCode()).isEqualTo(400);
        assertThat(bus.post("/ota/updates", admin, "{\"cardUid\":\"" + CARD + "\",\"kind\":\"key\",\"data\":\"00\","
                + "\"keySet\":7}").statusCode()).isEqualTo(400);
        assertThat(bus.post("/ota/updates", admin, "{\"cardUid\":\"0499999999999999\",\"kind\":\"key\",\"data\":\"00\"}")
                .statusCode()).isEqualTo(404);
        assertThat(bus.post("/ota/updates", admin, "{\"cardUid\":\"" + DemoSeeder.BLOCKED_CARD + "\",\"kind\":\"key\","
                + "\"data\":\"00\"}").statusCode()).isEqualTo(409);
        assertThat(bus.post("/ota/updates", null, "{}").statusCode()).isEqualTo(401);
        assertThat(bus.get("/ota/updates/OTA-nope", admin).statusCode()).isEqualTo(404);

        JsonNode queued = send("{\"cardUid\":\"" + CARD + "\",\"kind\":\"apdus\",\"data\":\"" + apdus + "\"}");
        assertThat(queued.path("counter").asText()).isEqualTo("0000000002"); // the refusals above took none
        assertThat(queued.path("parts").asInt()).isEqualTo(2);
        List<SubmitSm> parts = awaitParts(queued);
        List<byte[]> userData = new ArrayList<>();
        for (SubmitSm sm : parts) {
            assertThat(sm.getProtocolId() & 0xFF).isEqualTo(0x7F);
            assertThat(sm.getDataCoding() & 0xFF).isEqualTo(0xF6);
            assertThat(sm.getShortMessage().length).isLessThanOrEqualTo(140);
            userData.add(sm.getShortMessage());
        }
        CommandPacket packet = CommandPacket.decode(SmsDataDownload.commandPacket(userData), cardKeys(1));
        assertThat(HexFormat.of().withUpperCase().formatHex(packet.data())).isEqualTo(apdus);
    }

    @Test
    @Order(4)
    void countersStrictlyIncreaseAcrossARestart() throws Exception {
        long before = Long.parseLong(send("{\"cardUid\":\"" + CARD + "\",\"kind\":\"key\",\"data\":\"0102\"}")
                .path("counter").asText(), 16);
        bus.close();
        settings.put("tapbus.data.dir", bus.dataDir.toString());
        bus = new RunningBus(settings);
        long after = Long.parseLong(send("{\"cardUid\":\"" + CARD + "\",\"kind\":\"key\",\"data\":\"0304\"}")
                .path("counter").asText(), 16);
        assertThat(after).isEqualTo(before + 1);
        long threeDes = Long.parseLong(send("{\"cardUid\":\"" + CARD + "\",\"kind\":\"key\",\"data\":\"05\","
                + "\"keySet\":2}").path("counter").asText(), 16);
        assertThat(threeDes).isEqualTo(2);
    }

    private OtaKeys cardKeys(int keySet) {
        return ring.keys(CARD, ring.keySet(keySet));
    }

    /** The card's proof of receipt as SPI 1639 asks: ciphered, with an 8-octet checksum. */
    private static byte[] por(OtaKeys keys, byte[] tar, long counter, int status, String statusWord) throws Exception {
        byte[] data = statusWord == null ? new byte[0]
                : new RemoteResponse(1, HexFormat.of().parseHex(statusWord), new byte[0]).encode();
        return new ResponsePacket(tar, counter, status, data, true, 8).encode(keys, true, 8);
    }

    private JsonNode send(String body) throws Exception {
        HttpResponse<String> r = bus.post("/ota/updates", admin, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode queued = JSON.readTree(r.body());
        assertThat(queued.path("state").asText()).isEqualTo("queued");
        return queued;
    }

    private JsonNode get(String id) throws Exception {
        HttpResponse<String> r = bus.get("/ota/updates/" + id, admin);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private JsonNode awaitState(String id, String state) throws Exception {
        JsonNode[] last = new JsonNode[1];
        await(() -> {
            try {
                last[0] = get(id);
                return last[0].path("state").asText().equals(state);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return last[0];
    }

    /** The submit_sm the SMSC took for the queued outbox message, in part order. */
    private List<SubmitSm> awaitParts(JsonNode queued) throws Exception {
        return smsc.awaitSubmits(bus, admin, queued.path("smsMessageId").asText(), queued.path("parts").asInt());
    }

    private void awaitRefused(String reason, int count) throws Exception {
        Pattern line = Pattern.compile("tapbus_ota_por_refused_total\\{[^}]*reason=\"" + reason + "\"[^}]*\\} ([0-9.]+)");
        await(() -> {
            try {
                Matcher m = line.matcher(bus.management("/observe/metrics").body());
                return m.find() && Double.parseDouble(m.group(1)) == count;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
