package io.tapbus.samples.reader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.common.Hex;
import io.tapbus.connector.reader.CardWriteResult;
import io.tapbus.connector.reader.PaymentRequest;
import io.tapbus.connector.reader.ReaderKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The payment bench against {@link PaymentTestServer}: real frames and MACs for readers R-BENCH-nnn, real ARQCs from
 * the simulated cards verified (with the ATC replay check) and answered with ARPCs by connectors/card.
 */
class PaymentLoadGeneratorTest {

    private static final String MASTER_HEX = ReaderSimulatorTest.MASTER_HEX;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PaymentTestServer server;
    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startIssuer() throws Exception {
        server = new PaymentTestServer(ReaderKeys.parseHexKey(MASTER_HEX), Hex.parse(SimulatedCardOptions.DEMO_ISSUER_KEY));
    }

    @AfterEach
    void stopIssuer() {
        server.close();
    }

    @Test
    void measuresExactlyMaxPaymentsAllApprovedWithEachCardsAtcRising() throws Exception {
        for (int i = 1; i <= 8; i++) {
            server.openAccount(PaymentBenchPlan.benchPan(i, false), 1_000_000);
        }

        int exit = run("bench", "--payments", "--port", String.valueOf(server.port()), "--master-key", MASTER_HEX,
                "--readers", "4", "--cards", "8", "--atc-start", "0100", "--card-writes",
                "--duration-seconds", "30", "--warmup-seconds", "0", "--max-payments", "200");

        assertThat(exit).as(stderr()).isZero();
        JsonNode summary = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(summary.get("mode").asText()).isEqualTo("payments");
        assertThat(summary.get("funding").asText()).isEqualTo("STORED_VALUE");
        assertThat(summary.get("payments").asLong()).isEqualTo(200);
        assertThat(summary.get("replies").asLong()).isEqualTo(200);
        assertThat(summary.get("approved").asLong()).isEqualTo(200);
        assertThat(summary.get("verdicts").get("APPROVED").asLong()).isEqualTo(200);
        assertThat(summary.get("notApproved").asLong()).isZero();
        assertThat(summary.get("errors").size()).isZero();
        assertThat(summary.get("arpcRejected").asLong()).isZero();
        assertThat(summary.get("cardWrites").get("RECORDED").asLong()).isEqualTo(200);
        assertThat(summary.get("allApproved").asBoolean()).isTrue();
        assertThat(summary.get("cards")).hasSize(8);
        assertThat(summary.get("cards").get(0).asText()).isEqualTo("621234******0001");
        assertThat(summary.get("atc").get("lowestFirst").asText()).isEqualTo("0101");
        assertThat(summary.get("atc").get("resyncs").asLong()).isZero();
        assertThat(summary.get("throughputAuthorizationsPerSecond").asDouble()).isPositive();
        JsonNode latency = summary.get("latencyMs");
        assertThat(latency.get("p50").asDouble()).isPositive().isLessThanOrEqualTo(latency.get("p90").asDouble());
        assertThat(latency.get("p90").asDouble()).isLessThanOrEqualTo(latency.get("p99").asDouble());
        assertThat(latency.get("p99").asDouble()).isLessThanOrEqualTo(latency.get("max").asDouble());
        assertThat(stderr()).contains("bench --payments (STORED_VALUE): 4 readers, 200 authorizations")
                .contains("APPROVED 200, not approved 0 -> OK");

        List<PaymentRequest> payments = server.payments();
        assertThat(payments).hasSize(200);
        assertThat(payments).allSatisfy(p -> {
            assertThat(p.transaction().amountMinor()).isEqualTo(1);
            assertThat(p.card().psn()).isEqualTo("00");
            assertThat(p.correlationId()).startsWith("pb-").hasSizeLessThanOrEqualTo(64);
        });
        assertThat(payments.stream().map(PaymentRequest::correlationId).distinct()).hasSize(200);
        Map<String, Integer> lastAtc = new HashMap<>();
        for (PaymentRequest p : payments) { // one reader per card, one request at a time: arrival order is card order
            int atc = p.atcValue();
            Integer before = lastAtc.put(p.card().pan(), atc);
            assertThat(atc).as("ATC of %s", p.card().pan()).isGreaterThan(before == null ? 0x0100 : before);
        }
        assertThat(lastAtc).hasSize(8);
        Map<String, Long> perCard = payments.stream().collect(Collectors.groupingBy(p -> p.card().pan(), Collectors.counting()));
        for (int worker = 1; worker <= 4; worker++) { // a reader takes its two cards (w and w + 4) in turn
            long a = perCard.get(PaymentBenchPlan.benchPan(worker, false));
            long b = perCard.get(PaymentBenchPlan.benchPan(worker + 4, false));
            assertThat(Math.abs(a - b)).as("reader %d", worker).isLessThanOrEqualTo(1);
        }
        assertThat(server.writeResults()).hasSize(200).allMatch(CardWriteResult::ok);
    }

    @Test
    void aSecondRunWithTheSameAtcsCatchesUpInTheWarmUp() throws Exception {
        for (int i = 1; i <= 2; i++) {
            server.openAccount(PaymentBenchPlan.benchPan(i, false), 1_000_000);
        }
        String[] first = {"bench", "--payments", "--port", String.valueOf(server.port()), "--master-key", MASTER_HEX,
            "--readers", "2", "--cards", "2", "--atc-start", "0100", "--warmup-seconds", "0", "--max-payments", "40"};
        assertThat(run(first)).as(stderr()).isZero();

        reset();
        int exit = run("bench", "--payments", "--port", String.valueOf(server.port()), "--master-key", MASTER_HEX,
                "--readers", "2", "--cards", "2", "--atc-start", "0100", "--warmup-seconds", "1", "--max-payments", "40");

        assertThat(exit).as(stderr()).isZero();
        JsonNode summary = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(summary.get("approved").asLong()).isEqualTo(40);
        assertThat(summary.get("atc").get("resyncs").asLong()).isEqualTo(2);
        assertThat(summary.get("atc").get("lowestFirst").asText()).isEqualTo("0202"); // 0101 replayed, then +256
        assertThat(summary.get("warmupVerdicts").get("DECLINED").asLong()).isEqualTo(2);
    }

    @Test
    void anAtcFileStartsTheNextRunAboveTheLastWithoutReplays(@TempDir Path dir) throws Exception {
        for (int i = 1; i <= 4; i++) {
            server.openAccount(PaymentBenchPlan.benchPan(i, false), 1_000_000);
        }
        Path atcFile = dir.resolve("atc.properties");
        String[] args = {"bench", "--payments", "--port", String.valueOf(server.port()), "--master-key", MASTER_HEX,
            "--readers", "2", "--cards", "4", "--atc-start", "0100", "--atc-file", atcFile.toString(),
            "--warmup-seconds", "0", "--max-payments", "40"};
        assertThat(run(args)).as(stderr()).isZero();
        JsonNode first = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        String highest = first.get("atc").get("highestLast").asText();
        assertThat(Files.readString(atcFile)).contains("STORED_VALUE=" + highest);

        reset();
        assertThat(run(args)).as(stderr()).isZero(); // no warm-up: a replayed ATC would fail the run
        JsonNode second = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(second.get("atc").get("start").asText()).isEqualTo(highest);
        assertThat(second.get("atc").get("resyncs").asLong()).isZero();
        assertThat(second.get("approved").asLong()).isEqualTo(40);
        assertThat(Files.readString(atcFile)).contains("STORED_VALUE=" + second.get("atc").get("highestLast").asText());

        Files.writeString(atcFile, "STORED_VALUE=ZZZ\n");
        reset();
        assertThat(run(args)).isEqualTo(ReaderSimulator.EXIT_USAGE);
        assertThat(stderr()).contains("--atc-file");
    }

    @Test
    void anythingButApprovedAfterTheWarmUpFailsTheRunAndSaysWhy() throws Exception {
        server.openAccount(PaymentBenchPlan.benchPan(1, true), 1_000_000); // bank card 2 has no account: declined

        int exit = run("bench", "--payments", "--bank", "--port", String.valueOf(server.port()), "--master-key", MASTER_HEX,
                "--readers", "2", "--cards", "2", "--warmup-seconds", "0", "--max-payments", "20");

        assertThat(exit).isEqualTo(1);
        JsonNode summary = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(summary.get("funding").asText()).isEqualTo("BANK");
        assertThat(summary.get("approved").asLong()).isBetween(1L, 19L);
        assertThat(summary.get("notApproved").asLong()).isEqualTo(20 - summary.get("approved").asLong());
        assertThat(summary.get("notApprovedReasons").get("DECLINED INSUFFICIENT_FUNDS").asLong())
                .isEqualTo(summary.get("notApproved").asLong());
        assertThat(summary.get("allApproved").asBoolean()).isFalse();
        assertThat(stderr()).contains("-> FAILED").contains("DECLINED INSUFFICIENT_FUNDS");
        assertThat(server.payments()).allSatisfy(p -> assertThat(p.card().pan()).startsWith("62123498"));
    }

    @Test
    void nothingListeningIsAFailure() throws Exception {
        int port = server.port();
        server.close();
        int exit = run("--payments", "--port", String.valueOf(port), "--master-key", MASTER_HEX, "--readers", "1",
                "--cards", "1", "--duration-seconds", "1", "--warmup-seconds", "0");

        assertThat(exit).isEqualTo(1);
        JsonNode summary = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(summary.get("replies").asLong()).isZero();
        assertThat(summary.get("errors").get("CONNECT_FAILED").asLong()).isPositive();
        assertThat(stderr()).contains("no reply was measured");
        server = new PaymentTestServer(ReaderKeys.parseHexKey(MASTER_HEX), Hex.parse(SimulatedCardOptions.DEMO_ISSUER_KEY));
    }

    private void reset() {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private int run(String... args) {
        return ReaderLoadGenerator.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
