package io.tapbus.samples.smsc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.phone.Backoff;
import io.tapbus.connector.phone.DeliveryReceipt;
import io.tapbus.connector.phone.IncomingSms;
import io.tapbus.connector.phone.LinkSettings;
import io.tapbus.connector.phone.SmscAccount;
import io.tapbus.connector.phone.SmscLink;
import io.tapbus.connector.phone.SubmitSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/**
 * What the SMSC simulator's socket tests share: a simulator and its control endpoint started on free ports and closed
 * after each test, its output lines, control commands and stats over HTTP, and the bus's SmscLink bound to it.
 */
abstract class SmscSimulatorFixture {
    /** The simulator writes while a test reads: a copy-on-write list can be iterated meanwhile. */
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<AutoCloseable> open = new ArrayList<>();
    SmscSimulator smsc;
    ControlHttp http;

    SmscSimulator start(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--control-port", "0", "--no-stdin"));
        args.addAll(List.of(extra));
        smsc = new SmscSimulator(SmscOptions.parse(args.toArray(String[]::new)), lines::add).start();
        http = new ControlHttp(0, new ControlCommands(smsc), smsc, lines::add).start();
        return smsc;
    }

    @AfterEach
    void stop() throws Exception {
        lines.forEach(l -> System.out.println("SMSC: " + l));
        for (AutoCloseable c : open) {
            c.close();
        }
        if (http != null) {
            http.close();
        }
        if (smsc != null) {
            smsc.close();
        }
    }

    <T extends AutoCloseable> T keep(T closeable) {
        open.add(closeable);
        return closeable;
    }

    /** POSTs one command line to the control endpoint: status code and reply. */
    HttpResponse<String> control(String line) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + http.port() + "/command"))
                .POST(HttpRequest.BodyPublishers.ofString(line, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The stats JSON once it contains every fragment (counters move a moment after the client saw the PDU). */
    String awaitStats(String... fragments) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String json = stats();
        while (!java.util.Arrays.stream(fragments).allMatch(json::contains) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            json = stats();
        }
        assertThat(json).contains(fragments);
        return json;
    }

    String stats() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + http.port() + "/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    SmscLink link(BlockingQueue<IncomingSms> incoming, BlockingQueue<DeliveryReceipt> receipts) {
        SmscAccount account = new SmscAccount("127.0.0.1", smsc.port(), SmscOptions.DEMO_SYSTEM_ID,
                SmscOptions.DEMO_PASSWORD, "");
        LinkSettings settings = new LinkSettings(10, Duration.ofSeconds(30), Duration.ofSeconds(5),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)));
        return new SmscLink(account, settings, SubmitSettings.from("10690000"), receipts::add, incoming::add).start();
    }

    static void awaitBinds(SmscLink link, int binds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(link.isBound() && link.binds() >= binds) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(link.binds()).as("binds").isGreaterThanOrEqualTo(binds);
        assertThat(link.isBound()).isTrue();
    }
}
