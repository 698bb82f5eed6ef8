package io.tapbus.samples.reader.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.card.ArqcVerification.Verdict;
import io.tapbus.connector.card.AtcReplayGuard;
import io.tapbus.connector.card.CardCryptogramService;
import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.InMemoryIssuerKeys;
import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.card.pcsc.CardReaderAgent;
import io.tapbus.connector.card.pcsc.CardSession;
import io.tapbus.connector.card.pcsc.CardTap;
import io.tapbus.connector.card.pcsc.TapResult;
import io.tapbus.connector.card.sim.CardProfile;
import io.tapbus.connector.card.sim.SimulatedCard;
import io.tapbus.connector.card.sim.TapBusPaymentApplet;
import java.nio.ByteBuffer;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Random;
import javax.smartcardio.Card;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import javax.smartcardio.CardException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader agent through the platform's own PC/SC provider (sun.security.smartcardio over libpcsclite) against
 * Debian's pcscd, whose vpcd driver holds the TapBus card played by vicc ({@code samples/pcsc-card/tapbus_card.py},
 * Python, its own crypto). The issuer side is the project's {@link CardCryptogramService} with the same DEMO IMK-AC,
 * so the card's ARQC and the issuer's ARPC are checked by two independent implementations. Skipped, with the install
 * command, where the Debian packages are missing; {@code .ci/run} installs them.
 */
class RealPcscReaderTest {

    /** DEMO issuer master key (pyemv's example key, as in the other card tests), never a production key. */
    private static final String IMK = "0123456789ABCDEFFEDCBA9876543210";
    private static final CardId CARD = new CardId("6200001234567890", "01");
    private static final byte[] CSU_APPROVED = HexFormat.of().parseHex("00800000");

    /** Why the stack cannot run here; null when it can. */
    private static String missing;
    private static VirtualPcscReader stack;
    private static CardReaderAgent agent;

    private final CardCryptogramService issuer = new CardCryptogramService(
            InMemoryIssuerKeys.of("imk-ac", HexFormat.of().parseHex(IMK)), "imk-ac", new AtcReplayGuard());
    @TempDir
    Path eeprom;
    private Path state;
    private Process card;

    @BeforeAll
    static void startPcscd() throws Exception {
        if (System.getProperty("sun.security.smartcardio.library") == null) {
            // Debian's multiarch path; only takes effect if no javax.smartcardio class was used before in this JVM
            System.setProperty("sun.security.smartcardio.library", VirtualPcscReader.LIBPCSCLITE);
        }
        missing = VirtualPcscReader.missing().orElse(null);
        if (missing != null) {
            System.err.println("RealPcscReaderTest skipped: " + missing);
            return;
        }
        stack = VirtualPcscReader.start();
        agent = CardReaderAgent.forTerminal(stack.factory(), VirtualPcscReader.READER);
    }

    @AfterAll
    static void stopPcscd() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void personalise() {
        Assumptions.assumeTrue(missing == null, () -> "skipped: " + missing);
        state = eeprom.resolve("card.json");
    }

    @AfterEach
    void takeCardAway() throws Exception {
        if (card != null) {
            stack.removeCard(card);
            agent.awaitRemoval(Duration.ofSeconds(10));
        }
    }

    @Test
    void theProviderIsThePlatformsPcscOverPcscd() {
        assertThat(stack.factory().getType()).isEqualTo("PC/SC");
        assertThat(stack.factory().getProvider().getName()).isEqualTo("SunPCSC");
        assertThat(agent.terminalName()).isEqualTo(VirtualPcscReader.READER);
    }

    @Test
    void aPaymentVerifiesAtTheIssuerAndTheApprovedBalanceIsWritten() throws Exception {
        card = insert("0041", 5_000);
        CardTap tap;
        try (CardSession session = agent.awaitCard(Duration.ofSeconds(10)).orElseThrow()) {
            TapResult result = session.pay(purchase(1250, "A1B2C3D4"));
            assertThat(result.status()).as(result.toString()).isEqualTo(TapResult.Status.TAPPED);
            tap = result.tap();
            assertThat(tap.card()).isEqualTo(CARD);
            assertThat(tap.expiry()).isEqualTo("301231");
            assertThat(tap.atc()).isEqualTo(0x0042);
            assertThat(tap.isArqc()).isTrue();
            assertThat(issuer.verify(tap.card(), tap.arqcInput(), tap.arqc()).verdict()).isEqualTo(Verdict.VALID);

            byte[] arpc = issuer.arpcMethod2(tap.card(), tap.atc(), tap.arqc(), CSU_APPROVED, new byte[0]);
            assertThat(session.sendArpc(arpc, CSU_APPROVED)).isEqualTo(0x9000);
            assertThat(session.writeBalance(3_750)).isEqualTo(0x9000);
            assertThat(session.readBalance()).contains(3_750L);
            assertThat(session.writeBalance(1_000_000)).as("one write per approval").isEqualTo(0x6985);
        }
        assertThat(Files.readString(state)).contains("\"balance\": 3750").contains("\"atc\": 66");

        try (CardSession again = agent.awaitCard(Duration.ofSeconds(10)).orElseThrow()) {
            CardTap next = again.pay(purchase(100, "0BADF00D")).tap();
            assertThat(next.atc()).isEqualTo(tap.atc() + 1);
            assertThat(issuer.verify(next.card(), next.arqcInput(), next.arqc()).verdict())
                    .isEqualTo(Verdict.VALID);
            assertThat(issuer.verify(tap.card(), tap.arqcInput(), tap.arqc()).verdict())
                    .as("the first cryptogram again").isEqualTo(Verdict.REPLAYED_ATC);
        }
    }

    @Test
    void aForgedArpcIsRefusedByTheCardAndTheBalanceStays() throws Exception {
        card = insert("0100", 5_000);
        try (CardSession session = agent.awaitCard(Duration.ofSeconds(10)).orElseThrow()) {
            CardTap tap = session.pay(purchase(1250, "A1B2C3D4")).tap();
            byte[] forged = issuer.arpcMethod2(tap.card(), tap.atc(), tap.arqc(), CSU_APPROVED, new byte[0]);
            forged[3] ^= 1;
            assertThat(session.sendArpc(forged, CSU_APPROVED)).isEqualTo(0x6300);
            assertThat(session.writeBalance(1)).isEqualTo(0x6985);
            assertThat(session.readBalance()).contains(5_000L);
        }
    }

    @Test
    void aCardTornAwayDuringGenerateAcIsReportedAndTheAgentTakesTheNextCard() throws Exception {
        card = insert("0041", 5_000, "--vanish-at-ins", "AE");
        try (CardSession session = agent.awaitCard(Duration.ofSeconds(10)).orElseThrow()) {
            TapResult torn = session.pay(purchase(1250, "A1B2C3D4"));
            assertThat(torn.status()).as(torn.toString()).isEqualTo(TapResult.Status.NO_CARD);
            assertThat(torn.detail())
                    .isEqualTo("lost the card: the card gave no answer: taken away during the command");
            assertThat(torn.cardTap()).isEmpty();
        }
        assertThat(agent.awaitRemoval(Duration.ofSeconds(10))).isTrue();

        card = insert("0041", 5_000); // the same card again: its EEPROM kept the ATC the torn GENERATE AC used
        try (CardSession session = agent.awaitCard(Duration.ofSeconds(10)).orElseThrow()) {
            TapResult result = session.pay(purchase(1250, "A1B2C3D4"));
            assertThat(result.status()).as(result.toString()).isEqualTo(TapResult.Status.TAPPED);
            assertThat(result.tap().atc()).isEqualTo(0x0043);
            assertThat(issuer.verify(CARD, result.tap().arqcInput(), result.tap().arqc()).valid()).isTrue();
        }
    }

    @Test
    void aCardTakenAwayBeforeTheArpcFailsTheExchangeAndTheBalanceStays() throws Exception {
        card = insert("0200", 5_000);
        CardSession session = agent.awaitCard(Duration.ofSeconds(10)).orElseThrow();
        try {
            CardTap tap = session.pay(purchase(1250, "A1B2C3D4")).tap();
            byte[] arpc = issuer.arpcMethod2(tap.card(), tap.atc(), tap.arqc(), CSU_APPROVED, new byte[0]);
            stack.removeCard(card);
            assertThat(agent.awaitRemoval(Duration.ofSeconds(10))).isTrue();
            assertThatThrownBy(() -> session.sendArpc(arpc, CSU_APPROVED)).isInstanceOf(CardException.class);
            assertThatThrownBy(() -> session.writeBalance(3_750)).isInstanceOf(CardException.class);
        } finally {
            session.close();
        }
        assertThat(Files.readString(state)).contains("\"balance\": 5000").contains("\"atc\": 513");

        card = insert("0200", 5_000);
        try (CardSession next = agent.awaitCard(Duration.ofSeconds(10)).orElseThrow()) {
            assertThat(next.pay(purchase(100, "00000001")).status()).isEqualTo(TapResult.Status.TAPPED);
            assertThat(next.readBalance()).contains(5_000L);
        }
    }

    /**
     * The Python card and connectors/card's simulated card, personalised alike, get the same 250 commands (whole
     * payments, commands out of order, wrong P1/P2, lengths and classes, truncated and extended APDUs, random bytes):
     * every answer, cryptograms included, is the same byte for byte.
     */
    @Test
    void thePythonCardAnswersEveryCommandAsTheSimulatedCardDoes() throws Exception {
        card = insert("0041", 5_000);
        SimulatedCard simulated = SimulatedCard.withApplet(new TapBusPaymentApplet(CardProfile.personalise(
                HexFormat.of().parseHex(IMK), CARD, YearMonth.of(2030, 12)), 0x0041, 5_000));
        Random random = new Random(20261207);
        Card pcsc = stack.terminal().connect("T=1");
        int cryptograms = 0;
        try {
            for (int i = 0; i < 250; i++) {
                byte[] command = CardCommandMix.next(random);
                ByteBuffer answer = ByteBuffer.allocate(65_538);
                int length = pcsc.getBasicChannel().transmit(ByteBuffer.wrap(command), answer);
                assertThat(HexFormat.of().formatHex(Arrays.copyOf(answer.array(), length)))
                        .as("command %d: %s", i, HexFormat.of().formatHex(command))
                        .isEqualTo(HexFormat.of().formatHex(simulated.transmit(command)));
                cryptograms += command[1] == (byte) 0xAE && length > 2 ? 1 : 0;
            }
        } finally {
            pcsc.disconnect(false);
        }
        assertThat(cryptograms).as("GENERATE AC answered with a cryptogram").isGreaterThanOrEqualTo(5);
    }

    private Process insert(String atc, long balance, String... extra) throws Exception {
        String[] personalisation = {"--imk", IMK, "--pan", CARD.pan(), "--psn", CARD.psn(), "--expiry", "3012",
                "--atc", atc, "--balance", Long.toString(balance), "--state", state.toString()};
        String[] all = new String[personalisation.length + extra.length];
        System.arraycopy(personalisation, 0, all, 0, personalisation.length);
        System.arraycopy(extra, 0, all, personalisation.length, extra.length);
        return stack.insertCard(all);
    }

    private static TransactionData purchase(long amount, String un) {
        return TransactionData.purchase(amount, 156, 156, LocalDate.of(2026, 12, 7), HexFormat.of().parseHex(un));
    }
}
