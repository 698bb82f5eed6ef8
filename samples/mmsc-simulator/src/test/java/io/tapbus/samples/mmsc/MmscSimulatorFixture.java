package io.tapbus.samples.mmsc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.tapbus.connector.phone.mm7.Mm7Account;
import io.tapbus.connector.phone.mm7.Mm7Client;
import io.tapbus.connector.phone.mm7.Mm7Exception;
import io.tapbus.connector.phone.mm7.SubmitRequest;
import io.tapbus.connector.phone.mm7.TicketMms;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the MMSC simulator's tests share: simulators started on free ports with a temporary store and closed after each
 * test (with any report receiver), their log, TapBus's MM7 client for them, an e-ticket, and reading its QR code back.
 */
abstract class MmscSimulatorFixture {
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
}
