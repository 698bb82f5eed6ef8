package io.tapbus.samples.mmsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.tapbus.connector.phone.mm7.DeliveryReport;
import io.tapbus.connector.phone.mm7.DeliveryReportReceiver;
import io.tapbus.connector.phone.mm7.Mm7Account;
import io.tapbus.connector.phone.mm7.Mm7Client;
import io.tapbus.connector.phone.mm7.Mm7Exception;
import io.tapbus.connector.phone.mm7.Mm7Exception.Problem;
import io.tapbus.connector.phone.mm7.MmStatus;
import io.tapbus.connector.phone.mm7.SubmitRequest;
import io.tapbus.connector.phone.mm7.SubmitResult;
import io.tapbus.connector.phone.mm7.TicketMms;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TapBus's MM7 client and delivery report receiver against the running simulator, over HTTP on loopback: an e-ticket
 * stored with a QR code that decodes, its delivery report received, faults and broken answers mapped to their
 * specific errors, and reports sent again until the VASP takes them.
 */
class MmscSimulatorTest {

    static final String TICKET = "TB1|ticket=T-2026-000123|seat=07A";

    @TempDir
    Path store;
    final List<AutoCloseable> running = new ArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : running) {
            c.close();
        }
    }

    MmscSimulator simulator(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--port", "0", "--store", store.toString()));
        all.addAll(List.of(args));
        MmscSimulator sim = new MmscSimulator(SimulatorOptions.parse(all.toArray(String[]::new)), log::add).start();
        running.add(sim);
        return sim;
    }

    static Mm7Client client(MmscSimulator sim, String password, long timeoutMs) {
        return new Mm7Client(new Mm7Account(URI.create("http://127.0.0.1:" + sim.port() + "/mm7"), "tapbus",
                password, "TAPBUS", "tickets", "ticket-mms", "10690000", Duration.ofSeconds(1),
                Duration.ofMillis(timeoutMs)));
    }

    static Mm7Client client(MmscSimulator sim) {
        return client(sim, SimulatorOptions.DEMO_PASSWORD, 3000);
    }

    static SubmitRequest ticket(String transactionId) {
        return TicketMms.submit(transactionId, "+8613800138000", "Your ticket", "Shanghai-Hangzhou, seat 07A",
                TICKET);
    }

    static Mm7Exception failure(Mm7Client client, SubmitRequest request) {
        try {
            client.submit(request);
        } catch (Mm7Exception e) {
            return e;
        }
        throw new AssertionError("the submit succeeded");
    }

    static String decodeQr(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
    }

    static void waitFor(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition within " + millis + " ms").isTrue();
    }

    @Test
    void aTicketIsAcceptedAndStoredWithAQrCodeThatDecodes() throws Exception {
        MmscSimulator sim = simulator();
        SubmitResult result = client(sim).submit(ticket("tb-000123"));

        assertThat(result.messageId()).isEqualTo("MMSC00000001");
        assertThat(result.transactionId()).isEqualTo("tb-000123");
        assertThat(sim.accepted()).singleElement().satisfies(a -> {
            assertThat(a.submit().vaspId()).isEqualTo("TAPBUS");
            assertThat(a.submit().to()).containsExactly("8613800138000");
            assertThat(a.submit().deliveryReport()).isTrue();
        });
        Path folder = store.resolve("MMSC00000001");
        assertThat(decodeQr(folder.resolve("ticket-qr.png"))).isEqualTo(TICKET);
        assertThat(Files.readString(folder.resolve("ticket.txt"))).isEqualTo("Shanghai-Hangzhou, seat 07A");
        assertThat(Files.readString(folder.resolve("ticket.smil"))).contains("cid:ticket-qr.png");
        assertThat(Files.readString(folder.resolve("submit.xml"))).contains("<VASPID>TAPBUS</VASPID>");
        assertThat(client(sim).submit(ticket("tb-000124")).messageId()).isEqualTo("MMSC00000002");
    }

    @Test
    void theDeliveryReportReachesTheReceiver() throws Exception {
        List<DeliveryReport> reports = new CopyOnWriteArrayList<>();
        DeliveryReportReceiver receiver = new DeliveryReportReceiver("127.0.0.1", 0, "/mm7/reports", "mmsc",
                "demo-report-secret", reports::add);
        running.add(receiver);
        MmscSimulator sim = simulator("--report-url", "http://127.0.0.1:" + receiver.port() + "/mm7/reports",
                "--report-delay-ms", "100", "--report-user", "mmsc", "--report-password", "demo-report-secret");

        String messageId = client(sim).submit(ticket("tb-1")).messageId();

        waitFor(() -> reports.size() == 1, 5000);
        DeliveryReport report = reports.get(0);
        assertThat(report.messageId()).isEqualTo(messageId);
        assertThat(report.recipient()).isEqualTo("8613800138000");
        assertThat(report.status()).isEqualTo(MmStatus.RETRIEVED);
        waitFor(() -> sim.reportOutcomes().size() == 1, 2000);
        assertThat(sim.reportOutcomes().get(0).delivered()).isTrue();
    }

    @Test
    void aReportTheVaspCannotTakeIsSentAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<DeliveryReport> reports = new CopyOnWriteArrayList<>();
        DeliveryReportReceiver receiver = new DeliveryReportReceiver("127.0.0.1", 0, "/r", null, null, r -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("store down"); // answered 3000
            }
            reports.add(r);
        });
        running.add(receiver);
        MmscSimulator sim = simulator("--report-url", "http://127.0.0.1:" + receiver.port() + "/r",
                "--report-delay-ms", "0", "--report-status", "Expired");

        client(sim).submit(ticket("tb-2"));

        waitFor(() -> reports.size() == 1, 5000);
        assertThat(reports.get(0).status()).isEqualTo(MmStatus.EXPIRED);
        assertThat(calls.get()).isEqualTo(2);
        waitFor(() -> sim.reportOutcomes().size() == 1, 2000);
        assertThat(sim.reportOutcomes().get(0).attempts()).isEqualTo(2);
    }

    @Test
    void aFaultIsMappedToItsStatus() throws Exception {
        MmscSimulator sim = simulator("--fault", "4006");
        Mm7Exception e = failure(client(sim), ticket("tb-3"));
        assertThat(e.problem()).isEqualTo(Problem.FAULT);
        assertThat(e.status().code()).isEqualTo(4006);
        assertThat(e.status().meaning()).isEqualTo("Service unavailable");
        assertThat(e.retryable()).isTrue();
        assertThat(sim.accepted()).isEmpty();
        assertThat(store).isEmptyDirectory();
    }

    @Test
    void aPermanentFaultIsNotRetryable() throws Exception {
        Mm7Exception e = failure(client(simulator("--fault", "2004")), ticket("tb-4"));
        assertThat(e.status().meaning()).isEqualTo("Multimedia content refused");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void withAFailRateEverySubmitIsAcceptedOrFailsAndNoneIsLost() throws Exception {
        MmscSimulator sim = simulator("--fail-rate", "0.5", "--fault", "3000", "--seed", "7");
        Mm7Client client = client(sim);
        int ok = 0;
        int failed = 0;
        for (int i = 0; i < 20; i++) {
            try {
                client.submit(ticket("tb-r" + i));
                ok++;
            } catch (Mm7Exception e) {
                assertThat(e.status().code()).isEqualTo(3000);
                assertThat(e.retryable()).isTrue();
                failed++;
            }
        }
        assertThat(ok).isPositive();
        assertThat(failed).isPositive();
        assertThat(sim.accepted()).hasSize(ok);
        try (var folders = Files.list(store)) {
            assertThat(folders.count()).isEqualTo(ok);
        }
    }

    @Test
    void wrongCredentialsAreUnauthorized() throws Exception {
        MmscSimulator sim = simulator();
        Mm7Exception e = failure(client(sim, "guess", 3000), ticket("tb-5"));
        assertThat(e.problem()).isEqualTo(Problem.UNAUTHORIZED);
        assertThat(e.getMessage()).doesNotContain("guess");
        assertThat(sim.accepted()).isEmpty();
    }

    @Test
    void aMalformedSoapAnswerIsASpecificError() throws Exception {
        Mm7Exception e = failure(client(simulator("--mode", "garbage")), ticket("tb-6"));
        assertThat(e.problem()).isEqualTo(Problem.MALFORMED_ANSWER);
        assertThat(e.getMessage()).contains("not well-formed XML");
    }

    @Test
    void aDroppedConnectionAndASilentMmscAreUnknownOutcomes() throws Exception {
        Mm7Exception dropped = failure(client(simulator("--mode", "drop")), ticket("tb-7"));
        assertThat(dropped.problem()).isEqualTo(Problem.NO_ANSWER);
        assertThat(dropped.outcomeUnknown()).isTrue();

        long start = System.nanoTime();
        Mm7Exception silent = failure(client(simulator("--mode", "silent"), SimulatorOptions.DEMO_PASSWORD, 500),
                ticket("tb-8"));
        assertThat(silent.problem()).isEqualTo(Problem.NO_ANSWER);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRequestThatIsNotMm7GetsFault2007AndAnotherOperation4003() throws Exception {
        MmscSimulator sim = simulator();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + sim.port() + "/mm7"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("tapbus:" + SimulatorOptions.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/related; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x\r\n\r\nnot xml\r\n--x--\r\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).contains("RSErrorRsp").contains("<StatusCode>2007</StatusCode>");
        assertThat(log).anyMatch(l -> l.contains("(2007)"));

        HttpResponse<String> other = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + sim.port() + "/mm7"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("tapbus:" + SimulatorOptions.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        io.tapbus.connector.phone.mm7.Mm7Writer.deliveryReportRsp("t",
                                io.tapbus.connector.phone.mm7.Mm7Status.of(1000)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(500);
        assertThat(other.body()).contains("<StatusCode>4003</StatusCode>");
        assertThat(sim.accepted()).isEmpty();
    }

    @Test
    void theSendCommandSendsATicketAndReportsFailures() throws Exception {
        MmscSimulator sim = simulator();
        String url = "http://127.0.0.1:" + sim.port() + "/mm7";
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int code = SendTicket.run(new String[] {"send", "--url", url, "--to", "+8613800138000", "--qr", TICKET},
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("MMSC00000001");
        assertThat(decodeQr(store.resolve("MMSC00000001").resolve("ticket-qr.png"))).isEqualTo(TICKET);

        err.reset();
        assertThat(SendTicket.run(new String[] {"send", "--url", url, "--password", "guess", "--to",
                "+8613800138000", "--qr", "x"}, System.out, new java.io.PrintStream(err, true, StandardCharsets.UTF_8)))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("UNAUTHORIZED");
        assertThat(SendTicket.run(new String[] {"send", "--url", url, "--to", "0138", "--qr", "x"}, System.out,
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(SendTicket.run(new String[] {"send", "--to", "+8613800138000"}, System.out,
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
    }

    @Test
    void unusableOptionsAreRefused() {
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--fault", "99"}))
                .hasMessageContaining("--fault must be 2000 to 4999");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--fail-rate", "2"}))
                .hasMessageContaining("0 to 1");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--report-status", "Lost"}))
                .hasMessageContaining("not an MM7 delivery status");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--mode", "odd"}))
                .hasMessageContaining("answer, garbage, drop or silent");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--port"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--report-user", "x"}))
                .hasMessageContaining("go together");
    }

    @Test
    void helpPrintsTheOptions() {
        var out = new java.io.ByteArrayOutputStream();
        assertThat(Main.printHelp(new String[] {"--help"}, new java.io.PrintStream(out, true, StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--fail-rate").contains("--report-url");
    }
}
