package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.connector.tag.SunMode;
import io.tapbus.runtime.tags.TagScanService;
import io.tapbus.samples.tag.SunMessage;
import io.tapbus.samples.tag.SunMessageWriter;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * Tag scans end to end in a running bus: tags made by the tag simulator are scanned through the public scan URL;
 * verdicts come from the tag-authenticity rules (replays, forgeries, tamper, travel, races); alerts reach the
 * manufacturer's own JMS destination; bad scan URLs get a problem answer.
 */
class TagScanFlowTest extends TagScanFixture {

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
            // other tests of this class scan demo-maker's tags too, and their alerts may still be on their way:
            // this test's alerts are the ones naming its scans
            List<String> mine = List.of(genuine.path("scanId").asText(), replayed.path("scanId").asText(),
                    forged.path("scanId").asText());
            List<JsonNode> received = new ArrayList<>();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (received.size() < 2 && System.nanoTime() < deadline) {
                TextMessage m = (TextMessage) alerts.receive(1_000);
                JsonNode event = m == null ? null : JSON.readTree(m.getText());
                if (event != null && mine.contains(event.path("data").path("scanId").asText())) {
                    received.add(event);
                }
            }
            assertThat(received).as("the two alerts of this test's scans").hasSize(2);
            assertThat(received).extracting(e -> e.path("type").asText()).containsOnly("tag.alert");
            assertThat(received).extracting(e -> e.path("data").path("verdict").asText()).containsExactly("SUSPECT", "COUNTERFEIT");
            assertThat(received.get(0).path("data").path("scanId").asText()).isEqualTo(replayed.path("scanId").asText());
            assertThat(received.get(1).path("data").path("reasons").get(0).path("code").asText()).isEqualTo("BAD_MAC");
            for (TextMessage m = (TextMessage) alerts.receive(300); m != null; m = (TextMessage) alerts.receive(300)) {
                assertThat(JSON.readTree(m.getText()).path("data").path("scanId").asText()).as("no alert for the genuine scan")
                        .isNotEqualTo(genuine.path("scanId").asText());
            }
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
}
