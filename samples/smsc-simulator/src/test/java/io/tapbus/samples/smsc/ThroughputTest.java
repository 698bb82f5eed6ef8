package io.tapbus.samples.smsc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.phone.Backoff;
import io.tapbus.connector.phone.DeliveryReceipt;
import io.tapbus.connector.phone.LinkSettings;
import io.tapbus.connector.phone.SmppAddress;
import io.tapbus.connector.phone.SmsEncoder;
import io.tapbus.connector.phone.SmsPart;
import io.tapbus.connector.phone.SmscAccount;
import io.tapbus.connector.phone.SmscLink;
import io.tapbus.connector.phone.SubmitSettings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A smoke test of the simulator's rate: submit_sm per second with a window of 10 and 50, with a receipt for every
 * message (delay 0) that must come back with the right id. Printed, not benchmarked: docs and the README carry the
 * numbers measured on the build machine. The floor asserted is far below them, so that a busy machine does not fail.
 */
class ThroughputTest {

    private static final long SECONDS = 3;
    private SmscSimulator smsc;

    @BeforeEach
    void start() throws Exception {
        start("--quiet");
    }

    private void start(String printing) throws Exception {
        if (smsc != null) {
            smsc.close();
        }
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("--port", "0", "--control-port", "off", "--no-stdin",
                "--receipt-delay", "0"));
        if (!printing.isEmpty()) {
            args.add(printing);
        }
        smsc = new SmscSimulator(SmscOptions.parse(args.toArray(String[]::new)), discard::println).start();
    }

    @AfterEach
    void stop() {
        smsc.close();
    }

    @Test
    void jsmppClientWithAWindowOf10And50() throws Exception {
        run(10, "quiet");
        run(50, "quiet");
        start(""); // every message decoded, formatted and printed (to a stream that discards it)
        run(50, "printing every message");
    }

    private void run(int window, String mode) throws Exception {
        try (Esme esme = Esme.transceiver(smsc.port())) {
            Set<String> receipted = ConcurrentHashMap.newKeySet();
            Thread drain = SmscSimulator.daemon(() -> {
                try {
                    while (true) {
                        DeliverSm d = esme.delivered.take();
                        receipted.add(((OptionalParameter.COctetString) d.getOptionalParameter(
                                OptionalParameter.Tag.RECEIPTED_MESSAGE_ID)).getValueAsString());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "receipts");
            drain.start();
            Set<String> ids = ConcurrentHashMap.newKeySet();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            List<Thread> senders = new ArrayList<>();
            AtomicLong errors = new AtomicLong();
            long began = System.nanoTime();
            for (int t = 0; t < window; t++) {
                Thread sender = SmscSimulator.daemon(() -> {
                    while (System.nanoTime() < deadline) {
                        try {
                            ids.add(esme.submit("+8613800138000", "Your TapBus code is 482913", 1));
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                }, "sender");
                senders.add(sender);
                sender.start();
            }
            for (Thread sender : senders) {
                sender.join();
            }
            double rate = ids.size() / ((System.nanoTime() - began) / 1e9);
            awaitAll(receipted, ids);
            drain.interrupt();
            System.out.printf("smsc-sim throughput, jSMPP client, window %d, %s: %.0f submit_sm/s (%d in %d s),"
                    + " receipts matched %d/%d, errors %d%n", window, mode, rate, ids.size(), SECONDS,
                    receipted.size(), ids.size(), errors.get());
            assertThat(errors.get()).isZero();
            assertThat(receipted).isEqualTo(ids);
            assertThat(rate).isGreaterThan(300);
        }
    }

    @Test
    void theBusSmscLinkWithAWindowOf50() throws Exception {
        Set<String> receipted = ConcurrentHashMap.newKeySet();
        SmscAccount account = new SmscAccount("127.0.0.1", smsc.port(), SmscOptions.DEMO_SYSTEM_ID,
                SmscOptions.DEMO_PASSWORD, "");
        LinkSettings settings = new LinkSettings(50, Duration.ofSeconds(30), Duration.ofSeconds(10),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)));
        try (SmscLink link = new SmscLink(account, settings, SubmitSettings.from("10690000"),
                (DeliveryReceipt r) -> receipted.add(r.messageId()), sms -> { }).start()) {
            List<SmsPart> parts = SmsEncoder.text("Your TapBus code is 482913", 1, false);
            SmppAddress to = SmppAddress.msisdn("+8613800138000");
            Set<String> ids = ConcurrentHashMap.newKeySet();
            Semaphore inFlight = new Semaphore(200); // the link's own window (50) is what limits the SMSC's view
            List<CompletableFuture<?>> all = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            long began = System.nanoTime();
            while (System.nanoTime() < deadline) {
                inFlight.acquire();
                all.add(link.submit(to, parts).whenComplete((r, e) -> {
                    inFlight.release();
                    if (r != null) {
                        ids.addAll(r);
                    }
                }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            double rate = ids.size() / ((System.nanoTime() - began) / 1e9);
            awaitAll(receipted, ids);
            System.out.printf("smsc-sim throughput, SmscLink, window 50: %.0f submit_sm/s (%d), receipts matched"
                    + " %d/%d%n", rate, ids.size(), receipted.size(), ids.size());
            assertThat(ids).hasSize(all.size());
            assertThat(receipted).isEqualTo(ids);
            assertThat(rate).isGreaterThan(300);
        }
    }

    private static void awaitAll(Set<String> receipted, Set<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!receipted.containsAll(ids) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
