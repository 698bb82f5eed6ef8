package io.tapbus.runtime.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.samples.bank.BankSimulator;
import io.tapbus.samples.bank.JournalEntry;
import io.tapbus.samples.bank.Mode;
import io.tapbus.samples.bank.SimulatorOptions;
import io.tapbus.samples.reader.ReaderAgent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole card-present path: the reader agent (reader simulator) drives a simulated TapBus card through
 * javax.smartcardio, sends PAYMENT_REQUEST over the reader protocol, the bus checks the ARQC and decides, bank-funded
 * cards go to the bank host simulator over ISO 8583, and the card accepts the ARPC and the balance write.
 */
class ReaderPaymentFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BankSimulator bank;
    private static RunningBus bus;
    private static String admin;
    private static int atc = 0x0100;

    @BeforeAll
    static void start() throws Exception {
        bank = new BankSimulator(SimulatorOptions.parse(new String[] {"--port", "0", "--control-port", "off", "--amount-limit", "2500"}),
                line -> { }).start();
        bus = new RunningBus(Map.of("tapbus.bank.enabled", "true", "tapbus.bank.port", String.valueOf(bank.port()),
                "tapbus.bank.timeout-ms", "1000", "tapbus.bank.reversal-retry-seconds", "1"));
        admin = RunningBus.adminToken();
        long deadline = System.currentTimeMillis() + 10_000;
        while (bank.journal().entries().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50); // the gateway signs on first
        }
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
        bank.close();
    }

    /** One tap of a simulated card through the reader agent; the agent's JSON line. */
    private static JsonNode pay(String pan, long amount, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("pay", "--reader", "R-DEMO-1", "--master-key-file",
                RunningBus.HOME.resolve("config/demo-keys/reader-master.hex").toString(), "--port", String.valueOf(bus.readerPort),
                "--amount", String.valueOf(amount), "--sim-pan", pan, "--sim-psn", "00", "--sim-atc", String.format("%04X", atc++),
                "--issuer-key-file", RunningBus.HOME.resolve("config/demo-keys/issuer-keys.txt").toString(),
                "--issuer-key-label", "tapbus-demo"));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ReaderAgent.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(text).as("agent stderr: " + err.toString(StandardCharsets.UTF_8)).isNotEmpty();
        String[] lines = text.split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    private static long accountBalance(String cardUid) throws Exception {
        JsonNode card = JSON.readTree(bus.get("/cards/" + cardUid, admin).body());
        return JSON.readTree(bus.get("/accounts/" + card.path("accountId").asText(), admin).body()).path("balanceMinor").asLong();
    }

    @Test
    void aStoredValueCardPaysAtTheReaderAndTheCardTakesTheNewBalance() throws Exception {
        long before = accountBalance(DemoSeeder.ACTIVE_CARD);
        JsonNode tap = pay(DemoSeeder.ACTIVE_CARD_PAN, 1250);

        assertThat(tap.path("verdict").asText()).as(tap.toString()).isEqualTo("APPROVED");
        assertThat(accountBalance(DemoSeeder.ACTIVE_CARD)).isEqualTo(before - 1250);
        assertThat(tap.toString()).as("the card accepted the ARPC and the write").contains("BALANCE").doesNotContain("6985");
        assertThat(tap.toString()).doesNotContain(DemoSeeder.ACTIVE_CARD_PAN);
    }

    /**
     * The step-up walk-through of docs/payments.md with the tools: reader-sim pay over 300.00, the phone confirms, the
     * reader asks again with its correlationId from a new tap of the card; the card accepts the ARPC and the balance.
     */
    @Test
    void theStepUpWalkThroughEndsWithTheCardHoldingTheAccountsBalance() throws Exception {
        long before = accountBalance(DemoSeeder.ACTIVE_CARD);
        String correlationId = "walk-" + System.nanoTime();
        JsonNode first = pay(DemoSeeder.ACTIVE_CARD_PAN, 35_000, "--correlation-id", correlationId, "--sim-balance", String.valueOf(before));
        assertThat(first.path("verdict").asText()).as(first.toString()).isEqualTo("STEP_UP_REQUIRED");
        String issuer = bus.partnerToken("demo-bank", "issuer");
        HttpResponse<String> confirmed = bus.post("/payments/" + first.path("transactionId").asText() + "/confirm", issuer,
                "{\"msisdn\":\"+8613800000001\"}");
        assertThat(JSON.readTree(confirmed.body()).path("status").asText()).as(confirmed.body()).isEqualTo("APPROVED");

        JsonNode again = pay(DemoSeeder.ACTIVE_CARD_PAN, 35_000, "--correlation-id", correlationId, "--sim-balance", String.valueOf(before));
        assertThat(again.path("verdict").asText()).as(again.toString()).isEqualTo("APPROVED");
        assertThat(again.path("arpc").asText()).as(again.toString()).isEqualTo("ACCEPTED");
        JsonNode write = again.path("writes").path(0);
        assertThat(write.path("ok").asBoolean()).as(again.toString()).isTrue();
        assertThat(write.path("ack").asText()).isEqualTo("RECORDED");
        assertThat(accountBalance(DemoSeeder.ACTIVE_CARD)).as("taken once").isEqualTo(before - 35_000);
        assertThat(write.path("valueMinor").asLong()).as("the card now holds the account's balance").isEqualTo(before - 35_000);
    }

    @Test
    void aForgedCryptogramIsDeclinedAtTheReader() throws Exception {
        long before = accountBalance(DemoSeeder.ACTIVE_CARD);
        JsonNode tap = pay(DemoSeeder.ACTIVE_CARD_PAN, 900, "--forge-arqc");

        assertThat(tap.path("verdict").asText()).as(tap.toString()).isEqualTo("DECLINED");
        assertThat(tap.toString()).contains("CRYPTOGRAM_INVALID");
        assertThat(accountBalance(DemoSeeder.ACTIVE_CARD)).isEqualTo(before);
    }

    @Test
    void aBankFundedCardIsApprovedOrDeclinedByTheBank() throws Exception {
        int approvedBefore = bank.journal().entries(JournalEntry.Kind.APPROVED).size();
        JsonNode approved = pay(DemoSeeder.BANK_CARD_PAN, 2000);
        JsonNode overLimit = pay(DemoSeeder.BANK_CARD_PAN, 2800);

        assertThat(approved.path("verdict").asText()).as(approved.toString()).isEqualTo("APPROVED");
        assertThat(bank.journal().entries(JournalEntry.Kind.APPROVED)).hasSize(approvedBefore + 1);
        assertThat(overLimit.path("verdict").asText()).as(overLimit.toString()).isEqualTo("DECLINED");
        assertThat(overLimit.toString()).as("the bank's own decline, over its 25.00 limit").contains("BANK_DECLINED").contains("61");
    }

    @Test
    void aBankTimeoutEndsInAReversalAndADecline() throws Exception {
        bank.behaviour().mode(Mode.TIMEOUT);
        try {
            JsonNode tap = pay(DemoSeeder.BANK_CARD_PAN, 2400);
            assertThat(tap.path("verdict").asText()).as(tap.toString()).isEqualTo("DECLINED");
            assertThat(tap.toString()).contains("ISSUER_TIMEOUT");
        } finally {
            bank.behaviour().mode(Mode.ANSWER);
        }
        long deadline = System.currentTimeMillis() + 15_000;
        while (bank.journal().entries(JournalEntry.Kind.REVERSED).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(bank.journal().entries(JournalEntry.Kind.REVERSED)).as("the bank got the reversal").hasSize(1);
    }
}
