package io.tapbus.runtime.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.samples.reader.ReaderAgent;
import io.tapbus.samples.reader.pcsc.VirtualPcscReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The card-present path with nothing simulated on the card side: the TapBus card in vicc on Debian's pcscd (vpcd
 * reader), the reader agent ({@code agent --provider pcsc}) reading it through sun.security.smartcardio and sending
 * PAYMENT_REQUEST to a running bus, which checks the Python card's ARQC with its issuer key, takes the money, and
 * answers with the ARPC the card accepts before it takes the new balance. Skipped where the Debian packages are
 * missing (the message says how to install them); {@code .ci/run} installs them.
 */
class RealPcscPaymentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The DEMO IMK-AC of config/demo-keys/issuer-keys.txt (label tapbus-demo), never a production key. */
    private static final String DEMO_IMK = "0123456789ABCDEFFEDCBA9876543210";

    /** Why the PC/SC stack cannot run here; null when it can. */
    private static String missing;
    private static VirtualPcscReader pcsc;
    private static RunningBus bus;
    private static String admin;
    /** The card's ATC at personalisation, higher for each test: the bus refuses an ATC it has seen. */
    private static int personalisedAtc = 0x0300;

    @TempDir
    Path eeprom;
    private Process card;

    @BeforeAll
    static void start() throws Exception {
        missing = VirtualPcscReader.missing().orElse(null);
        if (missing != null) {
            System.err.println("RealPcscPaymentTest skipped: " + missing);
            return;
        }
        pcsc = VirtualPcscReader.start();
        bus = new RunningBus(java.util.Map.of());
        admin = RunningBus.adminToken();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bus != null) {
            bus.close();
        }
        if (pcsc != null) {
            pcsc.close();
        }
    }

    @BeforeEach
    void needsThePcscStack() {
        Assumptions.assumeTrue(missing == null, () -> "skipped: " + missing);
    }

    @AfterEach
    void takeCardAway() throws Exception {
        if (card != null) {
            pcsc.removeCard(card);
        }
    }

    @Test
    void aPaymentWithTheCardOnPcscdIsApprovedAndTheCardTakesTheNewBalance() throws Exception {
        long before = accountBalance();
        Path state = eeprom.resolve("card.json");
        int atc = personalisedAtc += 0x100;
        card = insertCard(state, atc, before);

        JsonNode tap = agentOnce(1250);

        assertThat(tap.path("terminal").asText()).isEqualTo(VirtualPcscReader.READER);
        assertThat(tap.path("status").asText()).as(tap.toString()).isEqualTo("TAPPED");
        assertThat(tap.path("atc").asText()).isEqualTo(String.format("%04X", atc + 1));
        assertThat(tap.path("verdict").asText()).as(tap.toString()).isEqualTo("APPROVED");
        assertThat(tap.path("arpc").asText()).as("the Python card checked the bus's ARPC").isEqualTo("ACCEPTED");
        JsonNode write = tap.path("writes").path(0);
        assertThat(write.path("ok").asBoolean()).as(tap.toString()).isTrue();
        assertThat(write.path("ack").asText()).isEqualTo("RECORDED");
        assertThat(accountBalance()).isEqualTo(before - 1250);
        assertThat(Files.readString(state)).as("the card's EEPROM").contains("\"balance\": " + (before - 1250))
                .contains("\"atc\": " + (atc + 1));
        assertThat(tap.toString()).doesNotContain(DemoSeeder.ACTIVE_CARD_PAN);
    }

    @Test
    void aCardTornAwayDuringGenerateAcMovesNoMoneyAndTheNextTapPays() throws Exception {
        long before = accountBalance();
        Path state = eeprom.resolve("card.json");
        int atc = personalisedAtc += 0x100;
        card = insertCard(state, atc, before, "--vanish-at-ins", "AE");

        JsonNode torn = agentOnce(700);
        assertThat(torn.path("status").asText()).as(torn.toString()).isEqualTo("NO_CARD");
        assertThat(torn.path("detail").asText()).contains("taken away during the command");
        assertThat(torn.has("verdict")).as("nothing was sent to the bus").isFalse();
        assertThat(accountBalance()).isEqualTo(before);

        pcsc.removeCard(card);
        card = insertCard(state, atc, before); // the same card: its EEPROM (the state file) keeps the ATC
        JsonNode next = agentOnce(700);
        assertThat(next.path("atc").asText()).as("the torn GENERATE AC used one: " + next)
                .isEqualTo(String.format("%04X", atc + 2));
        assertThat(next.path("verdict").asText()).as(next.toString()).isEqualTo("APPROVED");
        assertThat(accountBalance()).isEqualTo(before - 700);
    }

    private static Process insertCard(Path state, int atc, long balance, String... extra) throws Exception {
        String[] personalisation = {"--imk", DEMO_IMK, "--pan", DemoSeeder.ACTIVE_CARD_PAN, "--psn", "00",
                "--expiry", "3012", "--atc", String.format("%04X", atc), "--balance", Long.toString(balance),
                "--state", state.toString()};
        String[] all = java.util.Arrays.copyOf(personalisation, personalisation.length + extra.length);
        System.arraycopy(extra, 0, all, personalisation.length, extra.length);
        return pcsc.insertCard(all);
    }

    /** One tap through the reader agent on the PC/SC reader; its JSON line. */
    private static JsonNode agentOnce(long amount) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ReaderAgent.run(new String[] {"agent", "--provider", "pcsc", "--terminal", VirtualPcscReader.READER, "--once",
            "--wait-seconds", Long.toString(Duration.ofSeconds(10).toSeconds()), "--reader", "R-DEMO-1",
            "--master-key-file", RunningBus.HOME.resolve("config/demo-keys/reader-master.hex").toString(),
            "--port", String.valueOf(bus.readerPort), "--amount", String.valueOf(amount)},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(text).as("agent stderr: " + err.toString(StandardCharsets.UTF_8)).isNotEmpty();
        String[] lines = text.split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    private static long accountBalance() throws Exception {
        JsonNode card = JSON.readTree(bus.get("/cards/" + DemoSeeder.ACTIVE_CARD, admin).body());
        return JSON.readTree(bus.get("/accounts/" + card.path("accountId").asText(), admin).body())
                .path("balanceMinor").asLong();
    }
}
