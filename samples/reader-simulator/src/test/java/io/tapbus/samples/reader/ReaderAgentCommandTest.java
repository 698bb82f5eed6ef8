package io.tapbus.samples.reader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.connector.reader.ReaderKeys;
import io.tapbus.connector.reader.ReasonCode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader agent's command line ({@code bin/tapbus reader-sim agent|pay}) against the test issuer: help, the sim
 * provider with an issuer key file, {@code --forge-arqc}, {@code --replay}, an unknown reader, usage errors.
 */
class ReaderAgentCommandTest extends ReaderAgentFixture {
    @Test
    void agentAndPayAnswerHelpWithTheirUsageAndExitZero() {
        for (String command : new String[] {"agent", "pay"}) {
            for (String help : new String[] {"--help", "-h"}) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
                int exit = ReaderAgent.run(new String[] {command, "--reader", "R-1", help}, new java.io.PrintStream(out, true),
                        new java.io.PrintStream(err, true));
                assertThat(exit).as(command + " " + help + ": " + err).isZero();
                assertThat(out.toString()).contains(ReaderAgent.USAGE.strip().lines().findFirst().orElseThrow());
                assertThat(err.toString()).doesNotContain("unknown option");
            }
        }
    }

    @Test
    void theAgentCommandWithTheSimProviderAndAnIssuerKeyFile(@TempDir Path dir) throws Exception {
        Path issuerKeys = dir.resolve("issuer.keys");
        Files.writeString(issuerKeys, "# test IMK-AC\nother = FEDCBA98765432100123456789ABCDEF\nimk-ac = "
                + SimulatedCardOptions.DEMO_ISSUER_KEY + "\n");
        Path readerKey = dir.resolve("reader.hex");
        Files.writeString(readerKey, java.util.HexFormat.of().formatHex(
                ReaderKeys.diversify(ReaderKeys.parseHexKey(MASTER_HEX), READER)) + "\n");

        int exit = cli("agent", "--provider", "sim", "--once", "--reader", READER, "--key-file", readerKey.toString(),
                "--port", port(), "--amount", "1250", "--issuer-key-file", issuerKeys.toString(),
                "--issuer-key-label", "imk-ac", "--sim-atc", "0100", "--merchant-category", "5999");

        assertThat(exit).as(stderr()).isZero();
        JsonNode line = onlyLine();
        assertThat(line.path("verdict").asText()).isEqualTo("APPROVED");
        assertThat(line.path("atc").asText()).isEqualTo("0101");
        assertThat(line.path("writes").get(0).path("ok").asBoolean()).isTrue();
        assertThat(server.payments().get(0).merchantCategory()).isEqualTo("5999");
        assertThat(stderr()).doesNotContain(SimulatedCardOptions.DEMO_ISSUER_KEY).doesNotContain("DEMO issuer");
    }

    @Test
    void payWithForgeArqcIsDeclinedByTheIssuer() throws Exception {
        int exit = cli("pay", "--reader", READER, "--master-key", MASTER_HEX, "--port", port(), "--amount", "100",
                "--forge-arqc");

        assertThat(exit).as(stderr()).isZero();
        JsonNode line = onlyLine();
        assertThat(line.path("verdict").asText()).isEqualTo("DECLINED");
        assertThat(line.path("reasons").get(0).path("code").asText()).isEqualTo(ReasonCode.CRYPTOGRAM_INVALID.name());
        assertThat(stderr()).contains("DEMO issuer master key");
        assertThat(server.writeResults()).isEmpty();
    }

    @Test
    void payWithReplaySendsTheSameCardDataTwiceAndTheSecondIsAReplayedAtc() throws Exception {
        int exit = cli("pay", "--reader", READER, "--master-key", MASTER_HEX, "--port", port(), "--amount", "100",
                "--replay", "--correlation-id", "demo-pay-1");

        assertThat(exit).as(stderr()).isZero();
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).path("verdict").asText()).isEqualTo("APPROVED");
        assertThat(lines.get(0).path("correlationId").asText()).isEqualTo("demo-pay-1");
        assertThat(lines.get(1).path("status").asText()).isEqualTo("REPLAYED");
        assertThat(lines.get(1).path("verdict").asText()).isEqualTo("DECLINED");
        assertThat(lines.get(1).path("reasons").get(0).path("code").asText()).isEqualTo(ReasonCode.ATC_REPLAYED.name());
        List<io.tapbus.connector.reader.PaymentRequest> sent = server.payments();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).arqc()).isEqualTo(sent.get(0).arqc());
        assertThat(sent.get(1).atc()).isEqualTo(sent.get(0).atc());
        assertThat(sent.get(1).correlationId()).isNotEqualTo("demo-pay-1");
    }

    @Test
    void anUnknownReaderGetsAnErrorReplyAndExitsThree() {
        int exit = cli("pay", "--reader", "R-NOBODY", "--master-key", MASTER_HEX, "--port", port(), "--amount", "100");

        assertThat(exit).isEqualTo(3);
        JsonNode line = onlyLine();
        assertThat(line.path("error").asText()).isEqualTo("UNKNOWN_READER");
        assertThat(line.path("unauthenticated").asBoolean()).isTrue();
        assertThat(server.payments()).isEmpty();
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(cli("agent", "--reader", READER, "--master-key", MASTER_HEX)).isEqualTo(2);
        assertThat(stderr()).contains("--amount is required");
        assertThat(cli("agent", "--reader", READER, "--master-key", MASTER_HEX, "--amount", "1", "--provider", "usb"))
                .isEqualTo(2);
        assertThat(cli("agent", "--reader", READER, "--master-key", MASTER_HEX, "--amount", "1", "--sim-pan", PAN))
                .isEqualTo(2);
        assertThat(stderr()).contains("go with --provider sim");
        assertThat(cli("pay", "--reader", READER, "--master-key", MASTER_HEX, "--amount", "1", "--once")).isEqualTo(2);
        assertThat(cli("pay", "--reader", READER, "--master-key", MASTER_HEX, "--amount", "0")).isEqualTo(2);
        assertThat(cli("pay", "--reader", READER, "--master-key", MASTER_HEX, "--amount", "1", "--currency", "XXQ"))
                .isEqualTo(2);
        assertThat(cli("pay", "--reader", READER, "--master-key", MASTER_HEX, "--amount", "1", "--sim-atc", "FFFF"))
                .isEqualTo(2);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).doesNotContain(MASTER_HEX);
    }

    @Test
    void theMainEntryPointKnowsAgentAndPay() {
        assertThat(ReaderAgent.run(new String[] {"wave"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(ReaderAgent.USAGE).contains("agent").contains("pay").contains("--forge-arqc");
    }
}
