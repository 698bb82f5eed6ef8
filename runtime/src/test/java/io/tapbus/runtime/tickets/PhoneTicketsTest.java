package io.tapbus.runtime.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ticket.Base45;
import io.tapbus.connector.reader.ticket.GateValidation;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.mms.MmsOutboxFlowTest;
import io.tapbus.runtime.phone.AppPhones;
import io.tapbus.samples.mmsc.MmscSimulator;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tickets sold with delivery PHONE (docs/tickets.md "Tickets to the phone"), on a running bus with the MMSC simulator and
 * the loopback SMSC: the MMS's QR code decodes to a ticket the gate opens for, the ticket shows its delivery, a retried
 * sale sends nothing again, and an MMS the MMSC refuses for good is followed by one SMS with the ticket's text and code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhoneTicketsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final int mmscPort = RunningBus.freePort();
    private final int reportPort = RunningBus.freePort();
    private final Path store = Path.of("target", "mmsc-tickets-" + System.nanoTime()).toAbsolutePath();
    private final List<String> simLog = new CopyOnWriteArrayList<>();
    private AppPhones phones;
    private MmscSimulator sim;
    private RunningBus bus;
    private String seller;

    @BeforeAll
    void start() throws Exception {
        phones = new AppPhones();
        Map<String, String> settings = new HashMap<>(phones.busSettings());
        settings.putAll(MmsOutboxFlowTest.settings(mmscPort, reportPort));
        bus = new RunningBus(settings);
        phones.awaitBound();
        String admin = RunningBus.adminToken();
        assertThat(bus.post("/partners", admin, "{\"partnerId\":\"metro-ph\",\"name\":\"Metro\",\"kind\":\"MERCHANT\"}").statusCode())
                .isEqualTo(201);
        seller = JSON.readTree(bus.post("/partners/metro-ph/credentials", admin, "{\"roles\":[\"ticket-seller\"]}").body())
                .path("token").asText();
    }

    @AfterEach
    void stopSimulator() {
        if (sim != null) {
            sim.close();
            sim = null;
        }
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
        phones.close();
    }

    private HttpResponse<String> sell(String key, String delivery) throws Exception {
        Instant now = Instant.now();
        return bus.post("/tickets", seller, "{\"idempotencyKey\":\"" + key + "\",\"kind\":\"RIDE\",\"product\":\"METRO-SINGLE\","
                + "\"zones\":\"1,2\",\"validFrom\":\"" + now.minusSeconds(3600) + "\",\"validUntil\":\"" + now.plusSeconds(86_400) + "\""
                + delivery + "}");
    }

    /** A new ticket sold with delivery PHONE to {@code phone} (201), as the sale answered it. */
    private JsonNode soldToPhone(String phone) throws Exception {
        HttpResponse<String> sold = sell("phone-" + UUID.randomUUID(), ",\"delivery\":\"PHONE\",\"msisdn\":\"" + phone + "\"");
        assertThat(sold.statusCode()).as(sold.body()).isEqualTo(201);
        return JSON.readTree(sold.body());
    }

    private JsonNode ticket(String id) {
        try {
            return JSON.readTree(bus.get("/tickets/" + id, seller).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPhoneTicketArrivesByMmsWhoseQrOpensTheGateOnce() throws Exception {
        sim = MmsOutboxFlowTest.simulator(mmscPort, reportPort, store, simLog);
        String key = "phone-" + UUID.randomUUID();
        HttpResponse<String> sold = sell(key, ",\"delivery\":\"PHONE\",\"msisdn\":\"+8613800138010\"");
        assertThat(sold.statusCode()).as(sold.body()).isEqualTo(201);
        JsonNode t = JSON.readTree(sold.body());
        String mmsId = t.path("phone").path("mmsMessageId").asText();
        assertThat(mmsId).startsWith("MMS-");
        assertThat(t.path("phone").path("msisdn").asText()).isEqualTo("+86138****8010");

        MmsOutboxFlowTest.await(() -> ticket(t.path("ticketId").asText()).path("phone").path("mmsState").asText().equals("DELIVERED"));
        MmscSimulator.Accepted mms = MmsOutboxFlowTest.accepted(sim, mmsId);
        assertThat(mms.submit().to()).containsExactly("8613800138010");
        String qr = MmsOutboxFlowTest.decodeQr(mms.folder().resolve("ticket-qr.png"));
        assertThat(qr).isEqualTo(t.path("qr").asText()).startsWith("B45:");
        assertThat(Files.readString(mms.folder().resolve("ticket.txt"))).contains(t.path("ticketId").asText()).contains("METRO-SINGLE");

        byte[] scanned = Base45.decode(qr.substring("B45:".length()));
        try (ReaderClient gate = bus.reader("R-DEMO-1")) {
            GateValidation first = new GateValidation("V-" + UUID.randomUUID(), scanned, "L-PH-IN", "1", Instant.now());
            assertThat(TicketFlowTest.validate(gate, first).outcome()).isEqualTo("OPEN");
            GateValidation again = new GateValidation("V-" + UUID.randomUUID(), scanned, "L-PH-IN", "1", Instant.now());
            assertThat(TicketFlowTest.validate(gate, again).outcome()).as("a single ride").isNotEqualTo("OPEN");
        }

        HttpResponse<String> retried = sell(key, ",\"delivery\":\"PHONE\",\"msisdn\":\"+8613800138010\"");
        assertThat(retried.statusCode()).isEqualTo(200);
        Thread.sleep(1000);
        assertThat(sim.accepted().stream().filter(a -> a.submit().to().contains("8613800138010"))).as("one MMS").hasSize(1);
    }

    @Test
    void anMmsRefusedForGoodIsFollowedByOneSmsWithTheTicket() throws Exception {
        sim = MmsOutboxFlowTest.simulator(mmscPort, reportPort, store, simLog, "--fault", "2004");
        String phone = "+8613800138011";
        JsonNode t = soldToPhone(phone);
        String id = t.path("ticketId").asText();
        // every part of the long SMS, not just the first to arrive
        MmsOutboxFlowTest.await(() -> phones.textTo(phone, 0).replace('\u0002', '$').contains(t.path("qr").asText()));
        String sms = phones.textTo(phone, 0).replace('\u0002', '$'); // the loopback SMSC reads GSM 7-bit as Latin-1: '$' is 0x02
        assertThat(sms).contains(id).contains("METRO-SINGLE").contains(t.path("qr").asText());
        MmsOutboxFlowTest.await(() -> ticket(id).path("phone").has("smsMessageId"));
        JsonNode shown = ticket(id).path("phone");
        assertThat(shown.path("mmsState").asText()).isEqualTo("FAILED");
        assertThat(shown.path("smsMessageId").asText()).startsWith("SMS-");
        Thread.sleep(1000);
        assertThat(phones.textTo(phone, 0).split(id, -1)).as("one SMS").hasSize(2);
    }

    @Test
    void anMmsGivenUpTwiceStillSendsOneSmsFallback() throws Exception {
        // the MMSC takes the MMS and reports nothing for an hour: the sweeper gives it up (EXPIRED_NO_REPORT), a late
        // DEFERRED report makes it wait again (SUBMITTED), and a report UNREACHABLE gives it up once more (FAILED)
        sim = MmsOutboxFlowTest.simulator(mmscPort, reportPort, store, simLog, "--report-delay-ms", "3600000");
        String phone = "+8613800138013";
        JsonNode t = soldToPhone(phone);
        String id = t.path("ticketId").asText();
        String mmsId = t.path("phone").path("mmsMessageId").asText();
        MmsOutboxFlowTest.await(() -> ticket(id).path("phone").path("mmsState").asText().equals("SUBMITTED"));
        var registry = bus.app().context().getRegistry();
        io.tapbus.runtime.write.WritePath writes = registry.lookupByNameAndType("writePath", io.tapbus.runtime.write.WritePath.class);
        org.jdbi.v3.core.Jdbi jdbi = registry.lookupByNameAndType("database", io.tapbus.runtime.db.Database.class).jdbi();
        writes.catchUp();
        String mmscId = jdbi.withHandle(h -> h.createQuery("SELECT mmsc_message_id FROM mms_message WHERE message_id = ?")
                .bind(0, mmsId).mapTo(String.class).one());
        jdbi.useHandle(h -> h.createUpdate("UPDATE mms_message SET valid_until = ? WHERE message_id = ?")
                .bind(0, Instant.now().minusSeconds(60)).bind(1, mmsId).execute());
        registry.lookupByNameAndType("mmsChannel", io.tapbus.runtime.mms.MmsChannel.class).sweep();
        MmsOutboxFlowTest.await(() -> ticket(id).path("phone").has("smsMessageId"));
        report(mmscId, phone, io.tapbus.connector.phone.mm7.MmStatus.DEFERRED);
        MmsOutboxFlowTest.await(() -> ticket(id).path("phone").path("mmsState").asText().equals("SUBMITTED"));
        report(mmscId, phone, io.tapbus.connector.phone.mm7.MmStatus.UNREACHABLE);
        MmsOutboxFlowTest.await(() -> ticket(id).path("phone").path("mmsState").asText().equals("FAILED"));
        writes.catchUp();
        long smsSent = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sms_message WHERE correlation = ?")
                .bind(0, "ticket:" + id).mapTo(Long.class).one());
        assertThat(smsSent).as("one SMS fallback").isEqualTo(1);
    }

    /** A delivery report as the MMSC "sim" posts it to the bus. */
    private void report(String mmscId, String phone, io.tapbus.connector.phone.mm7.MmStatus status) throws Exception {
        byte[] body = io.tapbus.connector.phone.mm7.Mm7Writer.deliveryReportReq(new io.tapbus.connector.phone.mm7.DeliveryReport(
                "dr-" + UUID.randomUUID(), mmscId, phone, null, Instant.now().toString(), status, null), "test");
        HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + reportPort + "/mm7/reports"))
                .header("Content-Type", "text/xml; charset=\"utf-8\"").header("SOAPAction", "\"\"")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "mmsc:demo-report-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8))) // MmsOutboxFlowTest's
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void aPhoneSaleNeedsANumberAndACardSaleShowsNoPhone() throws Exception {
        assertThat(sell("phone-" + UUID.randomUUID(), ",\"delivery\":\"PHONE\"").statusCode()).isEqualTo(400);
        assertThat(sell("phone-" + UUID.randomUUID(), ",\"delivery\":\"PHONE\",\"msisdn\":\"13800138000\"").statusCode()).isEqualTo(400);
        assertThat(sell("phone-" + UUID.randomUUID(), ",\"msisdn\":\"+8613800138012\"").statusCode()).as("msisdn only with PHONE")
                .isEqualTo(400);
        HttpResponse<String> plain = sell("plain-" + UUID.randomUUID(), "");
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(201);
        assertThat(JSON.readTree(plain.body()).has("phone")).isFalse();
    }
}
