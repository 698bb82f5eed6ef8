package io.tapbus.samples.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.common.Hex;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The payment bench's command line, card numbers, ATC start and the sharing out of cards; no bus needed. */
class PaymentBenchPlanTest {

    private static final String MASTER_HEX = ReaderSimulatorTest.MASTER_HEX;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void defaultsAreSixteenReadersOnTheSixteenStoredValueBenchCardsWithTheDemoKeyAndAClockAtc() throws Exception {
        long before = Instant.now().getEpochSecond();
        PaymentBenchPlan plan = plan("bench", "--payments", "--master-key", MASTER_HEX);
        long after = Instant.now().getEpochSecond();

        assertThat(plan.host()).isEqualTo("127.0.0.1");
        assertThat(plan.port()).isEqualTo(7400);
        assertThat(plan.readers()).isEqualTo(16);
        assertThat(plan.cards()).isEqualTo(16);
        assertThat(plan.bank()).isFalse();
        assertThat(plan.amountMinor()).isEqualTo(1);
        assertThat(plan.currency()).isEqualTo("CNY");
        assertThat(plan.currencyNumeric()).isEqualTo(156);
        assertThat(plan.country()).isEqualTo(156);
        assertThat(plan.merchantCategory()).isNull();
        assertThat(plan.demoIssuerKey()).isTrue();
        assertThat(plan.issuerKey()).isEqualTo(Hex.parse(SimulatedCardOptions.DEMO_ISSUER_KEY));
        assertThat(plan.cardWrites()).isFalse();
        assertThat(plan.durationSeconds()).isEqualTo(20);
        assertThat(plan.warmupSeconds()).isEqualTo(5);
        assertThat(plan.maxPayments()).isZero();
        assertThat(plan.timeout().toMillis()).isEqualTo(5000);
        assertThat(plan.atcStart()).isBetween(PaymentBenchPlan.clockAtc(Instant.ofEpochSecond(before)),
                PaymentBenchPlan.clockAtc(Instant.ofEpochSecond(after)));
        assertThat(plan.pan(1)).isEqualTo("6212349900000001");
        assertThat(plan.pan(16)).isEqualTo("6212349900000016");
        assertThat(plan.keys().keyFor("R-BENCH-001")).isNotEqualTo(plan.keys().keyFor("R-BENCH-002"));
    }

    @Test
    void readsEveryOption(@TempDir Path dir) throws Exception {
        Path issuerKeys = dir.resolve("issuer-keys.txt");
        Files.writeString(issuerKeys, "# demo\nother = 00000000000000000000000000000000\n"
                + "tapbus-demo = 0123456789abcdeffedcba9876543210\n");
        Path master = dir.resolve("reader-master.hex");
        Files.writeString(master, MASTER_HEX);

        PaymentBenchPlan plan = plan("--payments", "--bank", "--master-key-file", master.toString(), "--host", "127.0.0.2",
                "--port", "7401", "--readers", "4", "--cards", "8", "--amount", "100", "--currency", "EUR", "--country", "276",
                "--merchant-category", "5411", "--issuer-key-file", issuerKeys.toString(), "--issuer-key-label", "tapbus-demo",
                "--atc-start", "01f0", "--card-writes", "--duration-seconds", "7", "--warmup-seconds", "0",
                "--max-payments", "99", "--timeout-ms", "250");

        assertThat(plan.host()).isEqualTo("127.0.0.2");
        assertThat(plan.port()).isEqualTo(7401);
        assertThat(plan.readers()).isEqualTo(4);
        assertThat(plan.cards()).isEqualTo(8);
        assertThat(plan.bank()).isTrue();
        assertThat(plan.pan(1)).isEqualTo("6212349800000001");
        assertThat(plan.pan(8)).isEqualTo("6212349800000008");
        assertThat(plan.amountMinor()).isEqualTo(100);
        assertThat(plan.currency()).isEqualTo("EUR");
        assertThat(plan.currencyNumeric()).isEqualTo(978);
        assertThat(plan.country()).isEqualTo(276);
        assertThat(plan.merchantCategory()).isEqualTo("5411");
        assertThat(plan.issuerKey()).isEqualTo(Hex.parse(SimulatedCardOptions.DEMO_ISSUER_KEY));
        assertThat(plan.demoIssuerKey()).isFalse();
        assertThat(plan.atcStart()).isEqualTo(0x01F0);
        assertThat(plan.cardWrites()).isTrue();
        assertThat(plan.durationSeconds()).isEqualTo(7);
        assertThat(plan.warmupSeconds()).isZero();
        assertThat(plan.maxPayments()).isEqualTo(99);
        assertThat(plan.timeout().toMillis()).isEqualTo(250);
    }

    @Test
    void refusesWhatCannotMakeAFairRun(@TempDir Path dir) throws Exception {
        Path issuerKeys = dir.resolve("issuer-keys.txt");
        Files.writeString(issuerKeys, "tapbus-demo = 0123456789ABCDEFFEDCBA9876543210\n");

        assertUsage("more readers than cards", "--payments", "--master-key", MASTER_HEX, "--readers", "17");
        assertUsage("more readers than cards", "--payments", "--master-key", MASTER_HEX, "--readers", "5", "--cards", "4");
        assertUsage("a per-reader key", "--payments", "--key", MASTER_HEX);
        assertUsage("no key", "--payments");
        assertUsage("ATC FFFF leaves no payment", "--payments", "--master-key", MASTER_HEX, "--atc-start", "FFFF");
        assertUsage("ATC not hex", "--payments", "--master-key", MASTER_HEX, "--atc-start", "soon");
        assertUsage("no cards", "--payments", "--master-key", MASTER_HEX, "--cards", "0", "--readers", "1");
        assertUsage("zero amount", "--payments", "--master-key", MASTER_HEX, "--amount", "0");
        assertUsage("unknown currency", "--payments", "--master-key", MASTER_HEX, "--currency", "ZZZ");
        assertUsage("bad MCC", "--payments", "--master-key", MASTER_HEX, "--merchant-category", "59");
        assertUsage("label without file", "--payments", "--master-key", MASTER_HEX, "--issuer-key-label", "tapbus-demo");
        assertUsage("unknown label", "--payments", "--master-key", MASTER_HEX, "--issuer-key-file", issuerKeys.toString(),
                "--issuer-key-label", "nope");
        assertUsage("a tap bench option", "--payments", "--master-key", MASTER_HEX, "--max-taps", "10");
        assertUsage("a payment option without --payments", "bench", "--master-key", MASTER_HEX, "--bank");
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("must not exceed --cards").contains("bench --payments");
    }

    @Test
    void benchPansAreTheOnesTheDemoDataSeeds() {
        // runtime's DemoSeeder.benchPan(i, bank); the sample does not depend on the runtime
        assertThat(PaymentBenchPlan.benchPan(1, false)).isEqualTo("6212349900000001");
        assertThat(PaymentBenchPlan.benchPan(16, true)).isEqualTo("6212349800000016");
        assertThatThrownBy(() -> PaymentBenchPlan.benchPan(0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PaymentBenchPlan.readerId(1)).isEqualTo("R-BENCH-001");
        assertThat(PaymentBenchPlan.readerId(64)).isEqualTo("R-BENCH-064");
    }

    @Test
    void theClockAtcRisesWithTheSecondsAndWrapsBelowFfff() {
        assertThat(PaymentBenchPlan.clockAtc(Instant.ofEpochSecond(0))).isEqualTo(1);
        assertThat(PaymentBenchPlan.clockAtc(Instant.ofEpochSecond(41))).isEqualTo(42);
        assertThat(PaymentBenchPlan.clockAtc(Instant.ofEpochSecond(0xFF00 - 1))).isEqualTo(0xFF00);
        assertThat(PaymentBenchPlan.clockAtc(Instant.ofEpochSecond(0xFF00))).isEqualTo(1);
        assertThat(PaymentBenchPlan.clockAtc(Instant.now())).isBetween(1, 0xFF00);
    }

    @Test
    void everyCardBelongsToExactlyOneReaderAndTheSharesDifferByOneAtMost() {
        for (int cards = 1; cards <= 20; cards++) {
            for (int readers = 1; readers <= cards; readers++) {
                List<Integer> all = new ArrayList<>();
                int smallest = Integer.MAX_VALUE;
                int largest = 0;
                for (int worker = 1; worker <= readers; worker++) {
                    List<Integer> own = PaymentBenchPlan.cardsOf(worker, readers, cards);
                    assertThat(own).isNotEmpty().isSorted();
                    smallest = Math.min(smallest, own.size());
                    largest = Math.max(largest, own.size());
                    all.addAll(own);
                }
                assertThat(all).as("%d readers, %d cards", readers, cards).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, cards).boxed().toList());
                assertThat(largest - smallest).isLessThanOrEqualTo(1);
            }
        }
        assertThat(PaymentBenchPlan.cardsOf(1, 16, 16)).containsExactly(1);
        assertThat(PaymentBenchPlan.cardsOf(3, 4, 10)).containsExactly(3, 7);
        assertThat(PaymentBenchPlan.cardsOf(1, 1, 16)).hasSize(16);
        assertThatThrownBy(() -> PaymentBenchPlan.cardsOf(5, 4, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaymentBenchPlan.cardsOf(1, 17, 16)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachWorkerKeepsItsOwnCardsStartingAtTheGivenAtc() throws Exception {
        PaymentBenchPlan plan = plan("--payments", "--master-key", MASTER_HEX, "--readers", "3", "--cards", "7",
                "--atc-start", "0200");
        Set<String> pans = new HashSet<>();
        for (int worker = 1; worker <= 3; worker++) {
            PaymentBenchWorker w = new PaymentBenchWorker(plan, worker, "t", 0, 0, new java.util.concurrent.atomic.AtomicLong());
            for (BenchCard card : w.cards()) {
                assertThat(pans.add(card.pan())).as("card %s at one reader only", card.pan()).isTrue();
                assertThat(card.atc()).isEqualTo(0x0200);
                assertThat(card.firstAtc()).isEqualTo(0x0201);
                assertThat(card.psn()).isEqualTo("00");
            }
        }
        assertThat(pans).hasSize(7);
    }

    private PaymentBenchPlan plan(String... args) throws UsageException {
        int from = args[0].equals("bench") ? 1 : 0;
        return PaymentBenchPlan.from(CommandLine.parse(args, from, PaymentBenchPlan.OPTIONS, PaymentBenchPlan.FLAGS));
    }

    private void assertUsage(String why, String... args) {
        int exit = ReaderLoadGenerator.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(why).isEqualTo(ReaderSimulator.EXIT_USAGE);
    }
}
