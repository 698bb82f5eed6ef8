package io.tapbus.connector.card.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.card.ArqcVerification.Verdict;
import io.tapbus.connector.card.AtcReplayGuard;
import io.tapbus.connector.card.CardCryptogramService;
import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.InMemoryIssuerKeys;
import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.card.sim.CardProfile;
import io.tapbus.connector.card.sim.SimulatedCard;
import io.tapbus.connector.card.sim.SimulatedReaders;
import io.tapbus.connector.card.sim.TapBusPaymentApplet;
import io.tapbus.connector.card.sim.TapBusSimProvider;
import io.tapbus.connector.common.Hex;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.Card;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reader agent against a simulated TapBus card, through javax.smartcardio, with the issuer's verifier on the
 * other side holding the same issuer master key the card was personalised from.
 */
class CardReaderAgentTest {

    private static final String READER = "TapBus Sim Reader 0";
    private static final byte[] IMK = Hex.parse("0123456789ABCDEFFEDCBA9876543210");
    private static final CardId CARD = new CardId("6200001234567890", "01");
    private static final byte[] CSU_APPROVED = Hex.parse("00800000");

    private final SimulatedReaders readers = new SimulatedReaders(READER, "TapBus Sim Reader 1");
    private final TapBusPaymentApplet applet = new TapBusPaymentApplet(
            CardProfile.personalise(IMK, CARD, YearMonth.of(2030, 12)), 0x0041, 5_000);
    private final CardCryptogramService issuer = new CardCryptogramService(InMemoryIssuerKeys.of("imk-ac", IMK),
            "imk-ac", new AtcReplayGuard());
    private CardReaderAgent agent;
    private CardSession session;

    @BeforeEach
    void connect() throws Exception {
        TerminalFactory factory = TerminalFactory.getInstance(TapBusSimProvider.TYPE, readers,
                new TapBusSimProvider());
        agent = CardReaderAgent.forTerminal(factory, READER);
    }

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void theCardsArqcVerifiesAtTheIssuer() throws Exception {
        TapResult result = tapCard(purchase(1250, "A1B2C3D4"));
        assertThat(result.status()).isEqualTo(TapResult.Status.TAPPED);
        CardTap tap = result.tap();
        assertThat(tap.card()).isEqualTo(CARD);
        assertThat(tap.expiry()).isEqualTo("301231");
        assertThat(tap.atc()).isEqualTo(0x0042);
        assertThat(tap.isArqc()).isTrue();
        assertThat(issuer.verify(tap.card(), tap.arqcInput(), tap.arqc()).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void theAtcIncreasesWithEveryTapAndIsKeptByTheCard() throws Exception {
        CardTap first = tapCard(purchase(100, "00000001")).tap();
        session.close();
        readers.terminal(READER).remove();
        CardTap second = tapCard(purchase(100, "00000002")).tap();
        assertThat(second.atc()).isEqualTo(first.atc() + 1);
        assertThat(applet.atc()).isEqualTo(second.atc());
        assertThat(issuer.verify(first.card(), first.arqcInput(), first.arqc()).valid()).isTrue();
        assertThat(issuer.verify(second.card(), second.arqcInput(), second.arqc()).valid()).isTrue();
    }

    @Test
    void aReplayedOrForgedArqcFails() throws Exception {
        CardTap tap = tapCard(purchase(1250, "A1B2C3D4")).tap();
        assertThat(issuer.verify(tap.card(), tap.arqcInput(), tap.arqc()).verdict()).isEqualTo(Verdict.VALID);
        assertThat(issuer.verify(tap.card(), tap.arqcInput(), tap.arqc()).verdict())
                .isEqualTo(Verdict.REPLAYED_ATC);

        CardTap otherAmount = new CardTap(tap.card(), tap.expiry(), tap.atc() + 1, tap.arqc(), tap.cid(),
                tap.issuerApplicationData(), tap.aip(), purchase(99_999, "A1B2C3D4"));
        assertThat(issuer.verify(otherAmount.card(), otherAmount.arqcInput(), otherAmount.arqc()).verdict())
                .isEqualTo(Verdict.INVALID_CRYPTOGRAM);
        CardCryptogramService otherIssuer = new CardCryptogramService(
                InMemoryIssuerKeys.of("imk-ac", Hex.parse("FEDCBA98765432100123456789ABCDEF")), "imk-ac",
                new AtcReplayGuard());
        assertThat(otherIssuer.verify(tap.card(), tap.arqcInput(), tap.arqc()).verdict())
                .isEqualTo(Verdict.INVALID_CRYPTOGRAM);
    }

    @Test
    void anApprovingArpcLetsTheReaderWriteTheBalanceOnce() throws Exception {
        CardTap tap = tapCard(purchase(1250, "A1B2C3D4")).tap();
        assertThat(issuer.verify(tap.card(), tap.arqcInput(), tap.arqc()).valid()).isTrue();
        byte[] arpc = issuer.arpcMethod2(tap.card(), tap.atc(), tap.arqc(), CSU_APPROVED, new byte[0]);

        assertThat(session.sendArpc(arpc, CSU_APPROVED)).isEqualTo(0x9000);
        assertThat(session.writeBalance(3_750)).isEqualTo(0x9000);
        assertThat(session.readBalance()).contains(3_750L);
        assertThat(applet.balance()).isEqualTo(3_750);
        assertThat(session.writeBalance(1_000_000)).isEqualTo(0x6985);
        assertThat(applet.balance()).isEqualTo(3_750);
    }

    @Test
    void anApprovingArpcLetsTheReaderAppendTicketsThatAGateReadsBack() throws Exception {
        byte[] ticket = Hex.parse("544B01" + "AB".repeat(120));
        CardTap tap = tapCard(purchase(1250, "A1B2C3D4")).tap();
        assertThat(session.writeTicket(ticket)).as("no ARPC yet").isEqualTo(0x6985);
        byte[] arpc = issuer.arpcMethod2(tap.card(), tap.atc(), tap.arqc(), CSU_APPROVED, new byte[0]);
        assertThat(session.sendArpc(arpc, CSU_APPROVED)).isEqualTo(0x9000);
        assertThat(session.writeBalance(3_750)).isEqualTo(0x9000);
        assertThat(session.writeTicket(ticket)).as("after the balance, in the same approval").isEqualTo(0x9000);
        assertThat(session.writeTicket(ticket)).as("the same ticket again is not stored twice").isEqualTo(0x9000);
        for (int i = 2; i <= 4; i++) {
            assertThat(session.writeTicket(Hex.parse("544B0" + i + "CD"))).isEqualTo(0x9000);
        }
        assertThat(session.writeTicket(Hex.parse("544B05CD"))).as("the ticket file holds four").isEqualTo(0x6A84);

        assertThat(session.readTickets()).hasSize(4).first().isEqualTo(ticket);
        assertThat(applet.tickets()).hasSize(4);
    }

    @Test
    void aWrongOrDecliningArpcLeavesTheBalanceAlone() throws Exception {
        CardTap tap = tapCard(purchase(1250, "A1B2C3D4")).tap();
        byte[] arpc = issuer.arpcMethod2(tap.card(), tap.atc(), tap.arqc(), CSU_APPROVED, new byte[0]);
        byte[] forged = arpc.clone();
        forged[3] ^= 1;
        assertThat(session.sendArpc(forged, CSU_APPROVED)).isEqualTo(0x6300);
        assertThat(session.writeBalance(1)).isEqualTo(0x6985);

        session.close();
        readers.terminal(READER).remove();
        CardTap next = tapCard(purchase(1250, "0BADF00D")).tap();
        byte[] declined = Hex.parse("00000000");
        byte[] declining = issuer.arpcMethod2(next.card(), next.atc(), next.arqc(), declined, new byte[0]);
        assertThat(session.sendArpc(declining, declined)).isEqualTo(0x9000);
        assertThat(session.writeBalance(1)).isEqualTo(0x6985);
        assertThat(session.writeTicket(Hex.parse("544B01CD"))).isEqualTo(0x6985);
        assertThat(applet.balance()).isEqualTo(5_000);
        assertThat(applet.tickets()).isEmpty();
    }

    @Test
    void aCardWithoutTheApplicationIsReportedNotThrown() throws Exception {
        readers.terminal(READER).insert(SimulatedCard.withoutTapBusApplication());
        session = agent.awaitCard(Duration.ofSeconds(1)).orElseThrow();
        TapResult result = session.pay(purchase(100, "00000001"));
        assertThat(result.status()).isEqualTo(TapResult.Status.APP_NOT_FOUND);
        assertThat(result.statusWord()).isEqualTo(0x6A82);
        assertThat(result.cardTap()).isEmpty();
    }

    @Test
    void truncatedApdusThroughTheChannelGetWrongLength() throws Exception {
        readers.terminal(READER).insert(SimulatedCard.withApplet(applet));
        Card card = readers.terminal(READER).connect("*");
        ByteBuffer response = ByteBuffer.allocate(258);
        int length = card.getBasicChannel().transmit(ByteBuffer.wrap(Hex.parse("00A404")), response);
        assertThat(Hex.of(java.util.Arrays.copyOf(response.array(), length))).isEqualTo("6700");
        assertThat(card.getBasicChannel().transmit(new CommandAPDU(Hex.parse("00A4040008F05441504255530100")))
                .getSW()).isEqualTo(0x9000);
        assertThat(card.getBasicChannel().transmit(new CommandAPDU(Hex.parse("80A8000002830000"))).getSW())
                .isEqualTo(0x9000);
        assertThat(card.getBasicChannel().transmit(new CommandAPDU(0x80, 0xAE, 0x80, 0x00, new byte[10], 256))
                .getSW()).isEqualTo(0x6700);
        card.disconnect(false);
    }

    @Test
    void waitsForACardToArriveAndToLeave() throws Exception {
        CompletableFuture<Optional<CardSession>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return agent.awaitCard(Duration.ofSeconds(10));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        readers.terminal(READER).insert(SimulatedCard.withApplet(applet));
        session = waiting.get(5, TimeUnit.SECONDS).orElseThrow();
        assertThat(agent.awaitRemoval(Duration.ofMillis(50))).isFalse();
        readers.terminal(READER).remove();
        assertThat(agent.awaitRemoval(Duration.ofSeconds(1))).isTrue();
        assertThat(session.pay(purchase(100, "00000001")).status()).isEqualTo(TapResult.Status.NO_CARD);
        assertThat(agent.awaitCard(Duration.ofMillis(50))).isEmpty();
    }

    @Test
    void theTerminalListReportsInsertions() throws Exception {
        TerminalFactory factory = TerminalFactory.getInstance(TapBusSimProvider.TYPE, readers,
                new TapBusSimProvider());
        CardTerminals terminals = factory.terminals();
        assertThat(terminals.list()).extracting(CardTerminal::getName)
                .containsExactly(READER, "TapBus Sim Reader 1");
        assertThat(terminals.waitForChange(50)).isFalse();
        readers.terminal("TapBus Sim Reader 1").insert(SimulatedCard.withApplet(applet));
        assertThat(terminals.waitForChange(1000)).isTrue();
        assertThat(terminals.list(CardTerminals.State.CARD_INSERTION)).extracting(CardTerminal::getName)
                .containsExactly("TapBus Sim Reader 1");
        assertThat(terminals.list(CardTerminals.State.CARD_PRESENT)).hasSize(1);
    }

    @Test
    void theFactoryNeedsSimulatedReaders() {
        assertThatThrownBy(() -> TerminalFactory.getInstance(TapBusSimProvider.TYPE, "readers",
                new TapBusSimProvider())).hasMessageContaining("SimulatedReaders");
        assertThatThrownBy(() -> CardReaderAgent.forTerminal(
                TerminalFactory.getInstance(TapBusSimProvider.TYPE, readers, new TapBusSimProvider()), "nope"))
                .hasMessageContaining("nope");
    }

    @Test
    void aTapShowsOnlyTheMaskedPan() throws Exception {
        CardTap tap = tapCard(purchase(1250, "A1B2C3D4")).tap();
        assertThat(tap.toString()).contains("620000******7890").doesNotContain("6200001234567890");
        assertThat(tap.card().toString()).doesNotContain("6200001234567890");
    }

    private TapResult tapCard(TransactionData transaction) throws Exception {
        readers.terminal(READER).insert(SimulatedCard.withApplet(applet));
        session = agent.awaitCard(Duration.ofSeconds(1)).orElseThrow();
        return session.pay(transaction);
    }

    private static TransactionData purchase(long amountMinor, String unpredictableNumber) {
        return TransactionData.purchase(amountMinor, 156, 156, LocalDate.of(2025, 11, 25),
                Hex.parse(unpredictableNumber));
    }
}
