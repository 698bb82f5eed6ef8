package io.tapbus.runtime.mms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.tapbus.runtime.RunningBus;
import io.tapbus.samples.mmsc.MmscSimulator;
import io.tapbus.samples.mmsc.SimulatorOptions;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A bus sending e-tickets and coupons through the MMS outbox to the MMSC simulator sample, started in this JVM on a
 * loopback HTTP port (a real MM7 peer: SOAP with attachments, Basic credentials, delivery reports posted back to the
 * bus's receiver). Every REST exchange is checked against the API document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class MmsOutboxFlowTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REPORT_PASSWORD = "demo-report-secret";
    private final int mmscPort = RunningBus.freePort();
    private final int reportPort = RunningBus.freePort();
    private final Path store = Path.of("target", "mmsc-store-" + System.nanoTime()).toAbsolutePath();
    private final List<String> simLog = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private RunningBus bus;
    private MmscSimulator sim;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        bus = new RunningBus(settings(mmscPort, reportPort));
        admin = RunningBus.adminToken();
        bus.app().context().addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("jms:topic:tapbus.events?selector=TapBusEventType='mms.state'").routeId("test-mms-events")
                        .process(e -> events.add(e.getMessage().getBody(String.class)));
            }
        });
    }

    /** The settings of a bus whose MMSC is on {@code mmscPort} and whose report receiver is on {@code reportPort}. */
    public static Map<String, String> settings(int mmscPort, int reportPort) {
        Map<String, String> s = new HashMap<>();
        s.put("tapbus.mms.mmsc", "sim");
        s.put("tapbus.mmsc.sim.url", "http://127.0.0.1:" + mmscPort + "/mm7");
        s.put("tapbus.mmsc.sim.username", "tapbus");
        s.put("tapbus.mmsc.sim.password", SimulatorOptions.DEMO_PASSWORD);
        s.put("tapbus.mmsc.sim.vasp-id", "TAPBUS");
        s.put("tapbus.mmsc.sim.vas-id", "tickets");
        s.put("tapbus.mmsc.sim.connect-timeout-ms", "1000");
        s.put("tapbus.mmsc.sim.timeout-ms", "3000");
        s.put("tapbus.mms.reports.port", String.valueOf(reportPort));
        s.put("tapbus.mms.reports.username", "mmsc");
        s.put("tapbus.mms.reports.password", REPORT_PASSWORD);
        s.put("tapbus.mms.poll-ms", "50");
        s.put("tapbus.mms.retry-first-ms", "100");
        s.put("tapbus.mms.retry-max-ms", "400");
        s.put("tapbus.mms.max-attempts", "10");
        return s;
    }

    /** The simulator on {@code port}, posting reports to {@code reportPort} after 100 ms, with further options. */
    public static MmscSimulator simulator(int port, int reportPort, Path store, List<String> log, String... more)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port), "--store", store.toString(),
                "--report-url", "http://127.0.0.1:" + reportPort + "/mm7/reports", "--report-delay-ms", "100",
                "--report-user", "mmsc", "--report-password", REPORT_PASSWORD));
        args.addAll(List.of(more));
        return new MmscSimulator(SimulatorOptions.parse(args.toArray(String[]::new)), log::add).start();
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
    }

    @Test
    void aTicketReachesTheMmscWithItsQrCodeAndItsDeliveryReportMakesItDelivered() throws Exception {
        sim = simulator(mmscPort, reportPort, store, simLog);
        String payload = "TB1|ticket=T-2026-000123|seat=07A";
        String id = queue("TICKET", "+8613800138000", "Shanghai-Hangzhou, seat 07A", payload, "ticket:T-1");
        JsonNode m = awaitState(id, "DELIVERED");
        assertThat(m.get("transactionId").asText()).isEqualTo("tb-" + id);
        assertThat(m.get("msisdn").asText()).isEqualTo("+86138****8000");
        assertThat(m.get("attempts").asInt()).isEqualTo(1);
        assertThat(m.get("reportStatus").asText()).isEqualTo("Retrieved");
        assertThat(m.toString()).doesNotContain("seat").doesNotContain("Your ticket");
        MmscSimulator.Accepted at = accepted(sim, id);
        assertThat(m.get("mmscMessageId").asText()).isEqualTo(at.messageId());
        assertThat(at.submit().to()).containsExactly("8613800138000");
        assertThat(at.submit().subject()).isEqualTo("Your ticket");
        assertThat(decodeQr(at.folder().resolve("ticket-qr.png"))).isEqualTo(payload);
        assertThat(Files.readString(at.folder().resolve("ticket.txt"))).isEqualTo("Shanghai-Hangzhou, seat 07A");
        assertThat(sim.reportOutcomes()).isNotEmpty();

        List<String> states = new ArrayList<>();
        long until = System.currentTimeMillis() + 10_000;
        while (!states.contains("DELIVERED") && System.currentTimeMillis() < until) {
            String e = events.poll(500, TimeUnit.MILLISECONDS);
            JsonNode event = e == null ? null : JSON.readTree(e);
            if (event != null && event.path("data").path("messageId").asText().equals(id)) {
                assertThat(event.path("type").asText()).isEqualTo("mms.state");
                assertThat(event.path("data").path("msisdn").asText()).isEqualTo("+86138****8000");
                assertThat(e).doesNotContain("seat").doesNotContain("TB1");
                states.add(event.path("data").path("state").asText());
            }
        }
        assertThat(states).containsExactly("QUEUED", "SUBMITTING", "SUBMITTED", "DELIVERED");
        JsonNode list = JSON.readTree(ok(bus.get("/mms?correlation=ticket:T-1", admin)).body());
        assertThat(list.get("messages")).hasSize(1);
        assertThat(health().toString()).contains("mmsc.sim").contains("UP").contains("mmsc.reports");
    }

    @Test
    void aCouponRefusedForGoodFailsAtOnceWithItsStatusAndATemporaryRefusalIsRetriedThenFails() throws Exception {
        sim = simulator(mmscPort, reportPort, store, simLog, "--fault", "2004");
        String refused = queue("COUPON", "+8613800138001", "10% off", "TB1|coupon=C-9", "coupon:C-9");
        JsonNode m = awaitState(refused, "FAILED");
        assertThat(m.get("mm7Status").asInt()).isEqualTo(2004);
        assertThat(m.get("problem").asText()).isEqualTo("FAULT");
        assertThat(m.get("attempts").asInt()).isEqualTo(1);
        sim.close();

        sim = simulator(mmscPort, reportPort, store, simLog, "--fault", "4006");
        String unavailable = queue("COUPON", "+8613800138002", "10% off", "TB1|coupon=C-10", "coupon:C-10");
        m = awaitState(unavailable, "FAILED");
        assertThat(m.get("mm7Status").asInt()).isEqualTo(4006);
        assertThat(m.get("attempts").asInt()).as("4006 is temporary: retried up to max-attempts").isEqualTo(10);
        assertThat(simLog.stream().filter(l -> l.contains("tb-" + unavailable) && l.contains("fault"))).hasSize(10);
    }

    @Test
    void anMmscThatIsDownThenUpGetsTheMessageOnce() throws Exception {
        String id = queue("TICKET", "+8613800138003", "Gate 4", "TB1|ticket=T-2", "ticket:T-2");
        await(() -> state(id).get("attempts").asInt() >= 1);
        JsonNode m = state(id);
        assertThat(m.get("state").asText()).isIn("QUEUED", "SUBMITTING");
        assertThat(health().toString()).contains("DOWN");
        sim = simulator(mmscPort, reportPort, store, simLog);
        m = awaitState(id, "DELIVERED");
        assertThat(m.get("attempts").asInt()).isGreaterThan(1);
        assertThat(sim.accepted().stream().filter(a -> a.submit().transactionId().equals("tb-" + id))).hasSize(1);
    }

    @Test
    void aReportArrivingWhileStorageIsDownIsRefusedAndTakenWhenTheMmscSendsItAgain() throws Exception {
        simLog.clear(); // a new simulator numbers its messages from MMSC00000001 again
        sim = simulator(mmscPort, reportPort, store, simLog, "--report-delay-ms", "1500");
        String id = queue("TICKET", "+8613800138004", "Gate 5", "TB1|ticket=T-3", "ticket:T-3");
        awaitState(id, "SUBMITTED");
        String mmscId = state(id).get("mmscMessageId").asText();
        io.tapbus.runtime.write.WritePath writes = bus.app().context().getRegistry()
                .lookupByNameAndType("writePath", io.tapbus.runtime.write.WritePath.class);
        io.tapbus.runtime.write.WritePath.Durability healthy = writes.durability(
                new io.tapbus.runtime.write.WritePath.Durability() {
                    @Override
                    public void commitAndSync(java.sql.Connection c) throws java.sql.SQLException {
                        throw new java.sql.SQLException("No space left on device", "HY000");
                    }

                    @Override
                    public void beforeJournal() throws java.io.IOException {
                        throw new java.io.IOException("No space left on device");
                    }
                });
        try {
            await(() -> simLog.stream().anyMatch(l -> l.startsWith("report dr-" + mmscId) && l.contains("3000")
                    && l.contains("again in")));
        } finally {
            writes.durability(healthy);
        }
        JsonNode m = awaitState(id, "DELIVERED");
        assertThat(m.get("reportStatus").asText()).isEqualTo("Retrieved");
        assertThat(simLog.stream().filter(l -> l.startsWith("report dr-" + mmscId) && l.contains("answered 1000")))
                .hasSize(1);
    }

    @Test
    void badRequestsAreRefusedWithProblems() throws Exception {
        assertThat(bus.post("/mms", admin, "{\"kind\":\"TICKET\",\"msisdn\":\"12\",\"text\":\"x\",\"qrPayload\":\"y\"}")
                .statusCode()).isEqualTo(400);
        assertThat(bus.post("/mms", admin, "{\"kind\":\"BOARDING\",\"msisdn\":\"+8613800138000\",\"text\":\"x\","
                + "\"qrPayload\":\"y\"}").statusCode()).isEqualTo(400);
        assertThat(bus.post("/mms", admin, "{\"kind\":\"TICKET\",\"msisdn\":\"+8613800138000\",\"text\":\"x\"}")
                .statusCode()).isEqualTo(400);
        assertThat(bus.post("/mms", admin, "{\"kind\":\"TICKET\",\"msisdn\":\"+8613800138000\",\"text\":\"x\","
                + "\"qrPayload\":\"" + "\u4e2d".repeat(1000) + "\"}").statusCode()).as("too long for a QR code")
                .isEqualTo(400);
        assertThat(bus.get("/mms/MMS-nope", admin).statusCode()).isEqualTo(404);
        assertThat(bus.get("/mms/MMS-nope", null).statusCode()).isEqualTo(401);
        assertThat(bus.post("/mms", null, "{}").statusCode()).isEqualTo(401);
        assertThat(bus.get("/mms", admin).statusCode()).isEqualTo(400);
    }

    String queue(String kind, String msisdn, String text, String payload, String correlation) throws Exception {
        HttpResponse<String> r = bus.post("/mms", admin, JSON.writeValueAsString(Map.of("kind", kind, "msisdn", msisdn,
                "text", text, "qrPayload", payload, "correlation", correlation)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).get("messageId").asText();
    }

    JsonNode state(String id) {
        try {
            return JSON.readTree(ok(bus.get("/mms/" + id, admin)).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode awaitState(String id, String state) throws Exception {
        await(() -> state(id).get("state").asText().equals(state) || isFinal(state(id).get("state").asText()));
        JsonNode m = state(id);
        assertThat(m.get("state").asText()).as(m.toString()).isEqualTo(state);
        return m;
    }

    static boolean isFinal(String state) {
        return List.of("DELIVERED", "REJECTED", "EXPIRED", "FAILED", "OUTCOME_UNKNOWN").contains(state);
    }

    public static MmscSimulator.Accepted accepted(MmscSimulator sim, String id) {
        return sim.accepted().stream().filter(a -> a.submit().transactionId().equals("tb-" + id)).findFirst()
                .orElseThrow();
    }

    private JsonNode health() throws Exception {
        return JSON.readTree(bus.management("/observe/health?exposureLevel=full&data=true").body());
    }

    public static String decodeQr(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
    }

    static HttpResponse<String> ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    public static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("condition not met within 20 s").isLessThan(until);
            Thread.sleep(50);
        }
    }
}
