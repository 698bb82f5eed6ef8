package io.tapbus.runtime.phone;

import static io.tapbus.runtime.phone.SmsOutboxFlowTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.phone.PushDocumentType;
import io.tapbus.connector.phone.PushElement;
import io.tapbus.connector.phone.WbxmlDecoder;
import io.tapbus.connector.phone.WspPush;
import io.tapbus.runtime.RunningBus;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jsmpp.bean.SubmitSm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * WAP Push through the bus, against a jSMPP SMSC on loopback: POST /api/wap-push leaves as 8-bit submit_sm (data_coding
 * 0x04, protocol id 0, UDHI) whose UDH addresses WDP port 2948 from 9200; the short messages reassemble to a WSP push
 * whose WBXML is byte for byte the published tokenised form of the WAP-167 example (the connector's golden file); a
 * long SI goes concatenated; the push's SMS is DELIVERED by its receipt; bad input is a 400 problem and sends nothing.
 * Every REST exchange is checked against the API document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WapPushFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHONE = "+8613800138000";
    private final int port = RunningBus.freePort();
    private LoopbackSmsc smsc;
    private RunningBus bus;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        smsc = new LoopbackSmsc(port);
        bus = new RunningBus(Map.of("tapbus.smsc.local.port", String.valueOf(port), "tapbus.phone.poll-ms", "50",
                "tapbus.smsc.local.reconnect-first-ms", "100"));
        admin = RunningBus.adminToken();
        await(() -> smsc.binds.get() > 0);
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
        smsc.close();
    }

    @Test
    void theWap167ExampleArrivesAsItsPublishedWbxmlOnPort2948AndIsDelivered() throws Exception {
        JsonNode queued = send("{\"msisdn\":\"" + PHONE + "\",\"kind\":\"SI\",\"href\":\"http://www.xyz.com/email/123/"
                + "abc.wml\",\"text\":\"You have 4 new emails\",\"created\":\"1999-06-25T15:23:15Z\",\"expires\":"
                + "\"1999-06-30T02:00:00+02:00\",\"correlation\":\"wap:golden\"}");
        assertThat(queued.path("kind").asText()).isEqualTo("SI");
        assertThat(queued.path("parts").asInt()).isEqualTo(1);
        List<SubmitSm> parts = awaitParts(queued);
        SubmitSm sm = parts.get(0);
        assertThat(sm.getDestAddress()).isEqualTo("8613800138000");
        assertThat(sm.getDataCoding() & 0xFF).isEqualTo(0x04);
        assertThat(sm.getProtocolId() & 0xFF).isEqualTo(0x00);
        assertThat(sm.getEsmClass() & 0x40).isEqualTo(0x40);
        assertThat(hex(sm.getShortMessage()).substring(0, 14)).isEqualTo("0605040B8423F0");

        WspPush push = WspPush.decode(reassemble(parts));
        assertThat(push.contentType()).isEqualTo(PushDocumentType.SI.wspContentType());
        String golden = Files.readString(RunningBus.HOME.resolve(
                "connectors/phone/src/test/resources/io/tapbus/connector/phone/wap/wap-167-example.wbxml.hex"))
                .replaceAll("\\s+", "");
        assertThat(hex(push.content())).isEqualTo(golden);

        JsonNode sms = awaitState(queued.path("messageId").asText(), "DELIVERED");
        assertThat(sms.path("correlation").asText()).isEqualTo("wap:golden");
        assertThat(sms.path("msisdn").asText()).isEqualTo("+86138****8000");
    }

    @Test
    void aLongIndicationIsConcatenatedWithThePortsInEveryPart() throws Exception {
        String text = "Your e-ticket for the 18:05 train from Beijing South is ready, seat 12F, coach 7. ".repeat(5)
                .strip();
        JsonNode queued = send("{\"msisdn\":\"8613800138000\",\"kind\":\"SI\",\"href\":\"https://www.tapbus.org/t/8F3A"
                + "\",\"text\":\"" + text + "\",\"action\":\"signal-high\",\"siId\":\"ticket-8F3A\",\"correlation\":"
                + "\"wap:long\",\"validitySeconds\":600}");
        int count = queued.path("parts").asInt();
        assertThat(count).isBetween(3, 10);
        List<SubmitSm> parts = awaitParts(queued);
        Integer reference = null;
        for (int i = 0; i < parts.size(); i++) {
            byte[] m = parts.get(i).getShortMessage();
            assertThat(m.length).isLessThanOrEqualTo(140);
            assertThat(parts.get(i).getDataCoding() & 0xFF).isEqualTo(0x04);
            String udh = hex(m).substring(0, 24);
            assertThat(udh).startsWith("0B05040B8423F00003").endsWith(String.format("%02X%02X", count, i + 1));
            int ref = m[9] & 0xFF;
            assertThat(reference == null || reference == ref).as("one concatenation reference").isTrue();
            reference = ref;
        }
        PushElement indication = (PushElement) WbxmlDecoder.decode(WspPush.decode(reassemble(parts)).content())
                .root().content().get(0);
        assertThat(indication.content()).containsExactly(text);
        assertThat(indication.attributes()).extracting(a -> a.getKey() + "=" + a.getValue()).containsExactly(
                "href=https://www.tapbus.org/t/8F3A", "si-id=ticket-8F3A", "action=signal-high");
        HttpResponse<String> list = bus.get("/sms?correlation=wap:long", admin);
        assertThat(JSON.readTree(list.body()).path("messages").get(0).path("partCount").asInt()).isEqualTo(count);
    }

    @Test
    void aServiceLoadingAndAnSiDeleteGoToo() throws Exception {
        List<SubmitSm> sl = awaitParts(send("{\"msisdn\":\"" + PHONE + "\",\"kind\":\"SL\",\"href\":"
                + "\"https://www.tapbus.com/t\",\"action\":\"execute-high\"}"));
        WspPush push = WspPush.decode(reassemble(sl));
        assertThat(push.contentType()).isEqualTo(PushDocumentType.SL.wspContentType());
        // WAP-168 tokens: https://www. (0C), .com/ (85), execute-high (06)
        assertThat(hex(push.content())).isEqualTo("02066A00850C037461706275730085037400" + "0601");

        List<SubmitSm> delete = awaitParts(send("{\"msisdn\":\"" + PHONE + "\",\"kind\":\"SI\",\"action\":\"delete\","
                + "\"siId\":\"ticket-8F3A\"}"));
        assertThat(hex(WspPush.decode(reassemble(delete)).content())).isEqualTo("02056A0045" + "86" + "1103" + hex(
                "ticket-8F3A".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) + "00" + "09" + "01" + "01");
    }

    @Test
    void anotherRouteSendsAPushThroughDirectWapPush() throws Exception {
        Object answer = bus.app().context().createProducerTemplate().requestBody("direct:wap-push",
                new WapPushes.Push(PHONE, "SL", "http://www.xyz.com/ppaid/123/abc.wml", null, null, null, null, null,
                        "wap:route", null));
        assertThat(answer).isInstanceOf(WapPushes.Queued.class);
        WapPushes.Queued queued = (WapPushes.Queued) answer;
        List<SubmitSm> parts = awaitParts(JSON.valueToTree(queued));
        String golden = Files.readString(RunningBus.HOME.resolve(
                "connectors/phone/src/test/resources/io/tapbus/connector/phone/wap/wap-168-example.wbxml.hex"))
                .replaceAll("\\s+", "");
        assertThat(hex(WspPush.decode(reassemble(parts)).content())).as("the WAP-168 example").isEqualTo(golden);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"msisdn\":\"+8613800138000\",\"kind\":\"SI\",\"href\":\"ftp://x.example/a\"}|absolute http:// or https://",
        "{\"msisdn\":\"+8613800138000\",\"kind\":\"SI\",\"href\":\"http://a b\"}|without spaces",
        "{\"msisdn\":\"+8613800138000\",\"kind\":\"SI\",\"href\":\"/relative/path\"}|absolute http:// or https://",
        "{\"msisdn\":\"+8613800138000\",\"kind\":\"SI\",\"text\":\"no link\"}|href is required",
        "{\"msisdn\":\"+86138abc\",\"kind\":\"SI\",\"href\":\"http://a.example\"}|E.164",
        "{\"kind\":\"SI\",\"href\":\"http://a.example\"}|msisdn is required",
        "{\"msisdn\":\"+8613800138000\",\"kind\":\"XX\",\"href\":\"http://a.example\"}|kind must be SI",
        "{\"msisdn\":\"+8613800138000\",\"kind\":\"SI\",\"href\":\"http://a.example\",\"action\":\"signal-loud\"}"
                + "|not a value SI defines",
        "{\"msisdn\":\"+8613800138000\",\"kind\":\"SL\",\"href\":\"http://a.example\",\"action\":\"signal-high\"}"
                + "|not a value SL defines",
        "{\"msisdn\":\"+8613800138000\",\"kind\":\"SL\",\"href\":\"http://a.example\",\"text\":\"x\"}|for SI only",
        "{\"msisdn\":\"+8613800138000\",\"kind\":\"SI\",\"action\":\"delete\"}|needs the siId",
        "{\"msisdn\":\"+8613800138000\",\"kind\":\"SI\",\"href\":\"http://a.example\",\"created\":\"yesterday\"}"
                + "|created must be a date-time",
        "{\"msisdn\":\"+8613800138000\",\"kind\":\"SI\",\"href\":\"http://a.example\",\"created\":"
                + "\"2026-01-02T00:00:00Z\",\"expires\":\"2026-01-01T00:00:00Z\"}|expires is before created",
        "{\"msisdn\":\"+8613800138000\",\"kind\":\"SI\",\"href\":\"http://a.example\",\"colour\":\"red\"}|colour",
        "{\"msisdn\":\"+8613800138000\",\"kind\":\"SI\",\"href\":\"http://a.example\",\"validitySeconds\":0}"
                + "|validitySeconds",
    })
    void badInputIsA400ProblemAndSendsNothing(String body, String reason) throws Exception {
        int before = smsc.received.get();
        HttpResponse<String> r = bus.post("/wap-push", admin, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.path("type").asText()).isEqualTo("https://tapbus.io/problems/bad-request");
        assertThat(problem.path("detail").asText()).contains(reason);
        assertThat(r.body()).doesNotContain("Exception");
        Thread.sleep(150);
        assertThat(smsc.received.get()).isEqualTo(before);
    }

    @Test
    void aLongTextOverTenPartsIsRefusedAndCallersNeedARole() throws Exception {
        String text = "x".repeat(1000);
        String href = "https://www.tapbus.org/" + "y".repeat(990);
        HttpResponse<String> r = bus.post("/wap-push", admin, "{\"msisdn\":\"" + PHONE + "\",\"kind\":\"SI\",\"href\":\""
                + href + "\",\"text\":\"" + text + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("detail").asText()).contains("at most 10 short messages");
        assertThat(bus.post("/wap-push", null, "{}").statusCode()).isEqualTo(401);
    }

    private JsonNode send(String body) throws Exception {
        HttpResponse<String> r = bus.post("/wap-push", admin, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode queued = JSON.readTree(r.body());
        assertThat(queued.path("state").asText()).isEqualTo("QUEUED");
        assertThat(queued.path("messageId").asText()).startsWith("SMS-");
        return queued;
    }

    /** The short messages' payloads after their UDH, joined in part order: the WSP push PDU. */
    private static byte[] reassemble(List<SubmitSm> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (SubmitSm sm : parts) {
            byte[] m = sm.getShortMessage();
            int udh = (m[0] & 0xFF) + 1;
            out.write(m, udh, m.length - udh);
        }
        return out.toByteArray();
    }

    private JsonNode awaitState(String id, String state) throws Exception {
        JsonNode[] last = new JsonNode[1];
        await(() -> {
            try {
                last[0] = JSON.readTree(bus.get("/sms/" + id, admin).body());
                return last[0].path("state").asText().equals(state);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return last[0];
    }

    /** The submit_sm the SMSC took for the queued outbox message, in part order. */
    private List<SubmitSm> awaitParts(JsonNode queued) throws Exception {
        return smsc.awaitSubmits(bus, admin, queued.path("messageId").asText(), queued.path("parts").asInt());
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
