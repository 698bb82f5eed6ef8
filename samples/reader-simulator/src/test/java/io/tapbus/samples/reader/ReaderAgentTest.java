package io.tapbus.samples.reader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.pcsc.CardReaderAgent;
import io.tapbus.connector.card.sim.CardProfile;
import io.tapbus.connector.card.sim.SimulatedCard;
import io.tapbus.connector.card.sim.SimulatedReaders;
import io.tapbus.connector.card.sim.TapBusPaymentApplet;
import io.tapbus.connector.card.sim.TapBusSimProvider;
import io.tapbus.connector.common.Hex;
import io.tapbus.connector.reader.CardWrite;
import io.tapbus.connector.reader.CardWriteResult;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderKeys;
import io.tapbus.connector.reader.ReasonCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader agent end to end: a simulated TapBus card behind the real javax.smartcardio API (TapBusSim provider),
 * the agent's card commands, reader protocol frames over a socket with real MACs, and a test issuer that verifies the
 * ARQC and computes the ARPC with connectors/card under the issuer master key the card was personalised from.
 */
class ReaderAgentTest {

    private static final String MASTER_HEX = "00112233445566778899aabbccddeeff";
    private static final String READER = "R-DEMO-1";
    private static final String PAN = SimulatedCardOptions.DEFAULT_PAN;
    private static final byte[] IMK = Hex.parse(SimulatedCardOptions.DEMO_ISSUER_KEY);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PaymentTestServer server;
    private final SimulatedReaders readers = new SimulatedReaders(ReaderAgent.SIM_TERMINAL);
    private final TapBusPaymentApplet applet = new TapBusPaymentApplet(
            CardProfile.personalise(IMK, new CardId(PAN, "01"), YearMonth.of(2030, 12)), 0x0041, 5_000);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startIssuer() throws Exception {
        server = new PaymentTestServer(ReaderKeys.parseHexKey(MASTER_HEX), IMK);
        server.openAccount(PAN, 5_000);
    }

    @AfterEach
    void stopIssuer() {
        server.close();
    }

    @Test
    void anApprovedPaymentEndsWithTheArpcAcceptedAndTheNewBalanceOnTheCard() throws Exception {
        readers.terminal(ReaderAgent.SIM_TERMINAL).insert(SimulatedCard.withApplet(applet));

        int exit = agent(1250, false).tapOnce(Duration.ofSeconds(2), "pay-1");

        assertThat(exit).as(stderr()).isZero();
        JsonNode line = onlyLine();
        assertThat(line.path("status").asText()).isEqualTo("TAPPED");
        assertThat(line.path("verdict").asText()).isEqualTo("APPROVED");
        assertThat(line.path("pan").asText()).isEqualTo("621234******0001");
        assertThat(line.path("atc").asText()).isEqualTo("0042");
        assertThat(line.path("arpc").asText()).isEqualTo("ACCEPTED");
        assertThat(line.path("writes")).hasSize(1);
        JsonNode write = line.path("writes").get(0);
        assertThat(write.path("kind").asText()).isEqualTo("BALANCE");
        assertThat(write.path("valueMinor").asLong()).isEqualTo(3_750);
        assertThat(write.path("ok").asBoolean()).isTrue();
        assertThat(write.path("sw").asText()).isEqualTo("9000");
        assertThat(write.path("ack").asText()).isEqualTo("RECORDED");

        assertThat(applet.balance()).as("the card holds the balance the issuer sent").isEqualTo(3_750);
        assertThat(server.payments()).singleElement().satisfies(request -> {
            assertThat(request.correlationId()).isEqualTo("pay-1");
            assertThat(request.card().pan()).isEqualTo(PAN);
            assertThat(request.card().expiry()).isEqualTo("3012");
            assertThat(request.transaction().amountMinor()).isEqualTo(1250);
            assertThat(request.transaction().currencyNumeric()).isEqualTo("156");
            assertThat(request.aid()).isEqualTo("F054415042555301");
            assertThat(request.offline()).isFalse();
        });
        String transactionId = line.path("transactionId").asText();
        assertThat(server.writeResults()).containsExactly(
                new CardWriteResult(transactionId, CardWrite.Kind.BALANCE, null, true, "9000", null));
        assertThat(stdout() + stderr()).doesNotContain(PAN);
    }

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
    void aDeclinedPaymentWritesNothing() throws Exception {
        readers.terminal(ReaderAgent.SIM_TERMINAL).insert(SimulatedCard.withApplet(applet));

        int exit = agent(6_000, false).tapOnce(Duration.ofSeconds(2), null);

        assertThat(exit).isZero();
        JsonNode line = onlyLine();
        assertThat(line.path("verdict").asText()).isEqualTo("DECLINED");
        assertThat(line.path("reasons").get(0).path("code").asText()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(line.path("arpc").asText()).as("the card learns the issuer's answer").isEqualTo("ACCEPTED");
        assertThat(line.has("writes")).isFalse();
        assertThat(applet.balance()).isEqualTo(5_000);
        assertThat(server.writeResults()).isEmpty();
    }

    @Test
    void aCardWithoutTheTapBusApplicationSendsNothing() throws Exception {
        readers.terminal(ReaderAgent.SIM_TERMINAL).insert(SimulatedCard.withoutTapBusApplication());

        int exit = agent(1250, false).tapOnce(Duration.ofSeconds(2), null);

        assertThat(exit).isEqualTo(ReaderAgent.EXIT_CARD_UNUSABLE);
        JsonNode line = onlyLine();
        assertThat(line.path("status").asText()).isEqualTo("APP_NOT_FOUND");
        assertThat(line.path("sw").asText()).isEqualTo("6A82");
        assertThat(server.payments()).isEmpty();
    }

    @Test
    void aForgedArqcIsDeclinedAsAnInvalidCryptogramAndNothingIsWritten() throws Exception {
        readers.terminal(ReaderAgent.SIM_TERMINAL).insert(SimulatedCard.withApplet(applet));

        int exit = agent(1250, true).tapOnce(Duration.ofSeconds(2), null);

        assertThat(exit).isZero();
        JsonNode line = onlyLine();
        assertThat(line.path("forgedArqc").asBoolean()).isTrue();
        assertThat(line.path("verdict").asText()).isEqualTo("DECLINED");
        assertThat(line.path("reasons").get(0).path("code").asText()).isEqualTo(ReasonCode.CRYPTOGRAM_INVALID.name());
        assertThat(line.path("arpc").asText()).isEqualTo("NONE");
        assertThat(applet.balance()).isEqualTo(5_000);
        assertThat(server.writeResults()).isEmpty();
    }

    @Test
    void aTicketIsStoredOnTheCardAndAWriteTheCardCannotStoreIsReportedAsFailed() throws Exception {
        server.alsoWriteTicket(true);
        readers.terminal(ReaderAgent.SIM_TERMINAL).insert(SimulatedCard.withApplet(applet));

        assertThat(agent(1250, false).tapOnce(Duration.ofSeconds(2), null)).isZero();

        JsonNode ticket = onlyLine().path("writes").get(1);
        assertThat(ticket.path("kind").asText()).isEqualTo("TICKET");
        assertThat(ticket.path("ok").asBoolean()).isTrue();
        assertThat(ticket.path("sw").asText()).isEqualTo("9000");
        JsonNode coupon = onlyLine().path("writes").get(2);
        assertThat(coupon.path("kind").asText()).isEqualTo("COUPON");
        assertThat(coupon.path("ok").asBoolean()).isFalse();
        assertThat(coupon.has("sw")).as("no command was sent for it").isFalse();
        assertThat(server.writeResults()).extracting(CardWriteResult::kind, CardWriteResult::ok)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CardWrite.Kind.BALANCE, true),
                        org.assertj.core.groups.Tuple.tuple(CardWrite.Kind.TICKET, true),
                        org.assertj.core.groups.Tuple.tuple(CardWrite.Kind.COUPON, false));
        assertThat(applet.balance()).isEqualTo(3_750);
        assertThat(applet.tickets()).singleElement().isEqualTo(new byte[] {1, 2});
    }

    @Test
    void noCardInTimeIsReported() {
        assertThat(agent(1250, false).tapOnce(Duration.ofMillis(100), null)).isEqualTo(ReaderAgent.EXIT_CARD_UNUSABLE);
        assertThat(onlyLine().path("status").asText()).isEqualTo("NO_CARD");
        assertThat(server.payments()).isEmpty();
    }

    @Test
    void watchingTapsEveryPresentationWithARisingAtc() throws Exception {
        ReaderAgent agent = agent(1000, false);
        readers.terminal(ReaderAgent.SIM_TERMINAL).insert(SimulatedCard.withApplet(applet));
        int[] taps = {0};
        Thread watching = new Thread(() -> {
            try {
                agent.watch(() -> {
                    readers.terminal(ReaderAgent.SIM_TERMINAL).remove();
                    if (++taps[0] == 2) {
                        Thread.currentThread().interrupt();
                    } else {
                        readers.terminal(ReaderAgent.SIM_TERMINAL).insert(SimulatedCard.withApplet(applet));
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "agent-watch");
        watching.start();
        watching.join(20_000);
        assertThat(watching.isAlive()).as("the agent stops when interrupted").isFalse();

        List<JsonNode> lines = lines();
        assertThat(lines).extracting(l -> l.path("atc").asText()).containsExactly("0042", "0043");
        assertThat(lines).extracting(l -> l.path("verdict").asText()).containsExactly("APPROVED", "APPROVED");
        assertThat(applet.balance()).isEqualTo(3_000);
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

    private ReaderAgent agent(long amountMinor, boolean forgeArqc) {
        try {
            TerminalFactory factory = TerminalFactory.getInstance(TapBusSimProvider.TYPE, readers, new TapBusSimProvider());
            CardReaderAgent cards = CardReaderAgent.forTerminal(factory, null);
            byte[] key = ReaderKeys.diversify(ReaderKeys.parseHexKey(MASTER_HEX), READER);
            PaymentExchange exchange = new PaymentExchange(new PaymentExchange.Terminal(amountMinor, "CNY", 156, 156, null),
                    () -> new ReaderClient("127.0.0.1", server.port(), READER, key, Duration.ofSeconds(5)),
                    Clock.systemUTC(), forgeArqc, false);
            return new ReaderAgent(cards, exchange, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int cli(String... args) {
        return ReaderAgent.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<JsonNode> lines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String text : stdout().split("\n")) {
            if (!text.isBlank()) {
                try {
                    lines.add(JSON.readTree(text));
                } catch (Exception e) {
                    throw new AssertionError("not a JSON line: " + text, e);
                }
            }
        }
        return lines;
    }

    private JsonNode onlyLine() {
        List<JsonNode> lines = lines();
        assertThat(lines).as(stdout() + stderr()).hasSize(1);
        return lines.get(0);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String port() {
        return String.valueOf(server.port());
    }
}
