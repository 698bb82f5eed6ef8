package io.tapbus.runtime.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.BusProcess;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.samples.bank.BankSimulator;
import io.tapbus.samples.bank.JournalEntry;
import io.tapbus.samples.bank.SimulatorOptions;
import io.tapbus.samples.reader.ReaderAgent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kills a real bus process (SIGKILL) after the bank approved a card payment and before the bus could answer the
 * reader. After the restart the payment must be reversed at the bank, recorded REVERSED, moved no money on the
 * platform, and the reader's retry (same correlationId) must get that final answer: never half done.
 */
class PaymentCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path data = Path.of("target", "payment-crash-" + System.nanoTime()).toAbsolutePath();
    private BusProcess process;
    private Process bus;
    private BankSimulator bank;

    @AfterEach
    void kill() {
        if (bus != null) {
            bus.destroyForcibly();
        }
        if (bank != null) {
            bank.close();
        }
    }

    private Process start() throws Exception {
        if (process == null) {
            process = new BusProcess(data, Map.of(
                "tapbus.demo.bench-readers", "1",
                "tapbus.bank.enabled", "true",
                "tapbus.bank.port", String.valueOf(bank.port()),
                "tapbus.bank.timeout-ms", "10000",
                "tapbus.bank.reversal-retry-seconds", "1",
                "tapbus.payments.recovery-after-seconds", "1",
                "tapbus.payments.recovery-period-ms", "500"));
        }
        return process.start();
    }

    /** The reader agent pays with the demo bank-funded card under a fixed correlationId; its JSON line. */
    private JsonNode pay(String correlationId, int atc) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReaderAgent.run(new String[] {"pay", "--reader", "R-DEMO-1", "--master-key-file",
                RunningBus.HOME.resolve("config/demo-keys/reader-master.hex").toString(), "--port", String.valueOf(process.readerPort),
                "--timeout-ms", "20000", "--amount", "2300", "--sim-pan", DemoSeeder.BANK_CARD_PAN, "--sim-psn", "00",
                "--sim-atc", String.format("%04X", atc), "--correlation-id", correlationId,
                "--issuer-key-file", RunningBus.HOME.resolve("config/demo-keys/issuer-keys.txt").toString(),
                "--issuer-key-label", "tapbus-demo"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + process.httpPort + "/api" + path))
                .header("Authorization", "Bearer " + RunningBus.adminToken()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        RunningBus.CONTRACT.assertConforms(r.request(), r);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static void await(String what, java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void killedAfterTheBankApprovedThePaymentIsReversedNotLost() throws Exception {
        bank = new BankSimulator(SimulatorOptions.parse(new String[] {"--port", "0", "--control-port", "off"}), line -> { }).start();
        bus = start();
        await("the gateway signs on", () -> !bank.journal().entries().isEmpty(), 20_000);
        long merchantBefore = get("/accounts/M-demo-shop").path("balanceMinor").asLong();
        bank.behaviour().delayMillis(60_000); // the bank decides and journals at once, its answer comes too late

        CompletableFuture<JsonNode> lost = CompletableFuture.supplyAsync(() -> {
            try {
                return pay("crash-1", 0x0500);
            } catch (Exception e) {
                return null;
            }
        });
        await("the bank approved the payment", () -> !bank.journal().entries(JournalEntry.Kind.APPROVED).isEmpty(), 20_000);
        bus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        JsonNode unanswered = lost.get(30, TimeUnit.SECONDS);
        assertThat(unanswered == null || !"APPROVED".equals(unanswered.path("verdict").asText()))
                .as("the reader never saw an approval: " + unanswered).isTrue();

        bank.behaviour().delayMillis(0);
        bus = start();
        await("the approval is reversed at the bank", () -> !bank.journal().entries(JournalEntry.Kind.REVERSED).isEmpty(), 30_000);
        // the bank may have the reversal before the bus has recorded it: the reader is told IN_PROGRESS and asks again
        JsonNode retry = pay("crash-1", 0x0501);
        for (int i = 1; i < 20 && retry.toString().contains("IN_PROGRESS"); i++) {
            Thread.sleep(250);
            retry = pay("crash-1", 0x0501 + 2 * i);
        }

        assertThat(retry.path("verdict").asText()).as(retry.toString()).isEqualTo("DECLINED");
        assertThat(retry.toString()).contains("RECOVERED_REVERSAL");
        assertThat(bank.journal().entries(JournalEntry.Kind.APPROVED)).hasSize(1);
        assertThat(bank.journal().entries(JournalEntry.Kind.REVERSED)).as("reversed exactly once").hasSize(1);
        assertThat(get("/accounts/M-demo-shop").path("balanceMinor").asLong()).as("the merchant was not credited").isEqualTo(merchantBefore);
    }
}
