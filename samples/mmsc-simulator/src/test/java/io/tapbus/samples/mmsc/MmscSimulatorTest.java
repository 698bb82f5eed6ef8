package io.tapbus.samples.mmsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.phone.mm7.DeliveryReport;
import io.tapbus.connector.phone.mm7.DeliveryReportReceiver;
import io.tapbus.connector.phone.mm7.MmStatus;
import io.tapbus.connector.phone.mm7.SubmitResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * TapBus's MM7 client and delivery report receiver against the running simulator, over HTTP on loopback: an e-ticket
 * stored with a QR code that decodes, its delivery report received, reports sent again until the VASP takes them, and
 * the send command and options. Faults and broken answers: MmscFaultsTest.
 */
class MmscSimulatorTest extends MmscSimulatorFixture {
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
