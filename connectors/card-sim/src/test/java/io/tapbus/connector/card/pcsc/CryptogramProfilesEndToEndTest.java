package io.tapbus.connector.card.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.card.ArqcVerification.Verdict;
import io.tapbus.connector.card.AtcReplayGuard;
import io.tapbus.connector.card.CardCryptogramService;
import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.CryptogramMethod;
import io.tapbus.connector.card.CryptogramProfile;
import io.tapbus.connector.card.InMemoryIssuerKeys;
import io.tapbus.connector.card.Padding;
import io.tapbus.connector.card.TapBusApplication;
import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.card.sim.CardProfile;
import io.tapbus.connector.card.sim.SimulatedCard;
import io.tapbus.connector.card.sim.SimulatedReaders;
import io.tapbus.connector.card.sim.TapBusPaymentApplet;
import io.tapbus.connector.card.sim.TapBusSimProvider;
import io.tapbus.connector.common.Hex;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For every cryptogram profile: a simulated card personalised with it, read through javax.smartcardio, its ARQC
 * verified by one {@link CardCryptogramService} that checks each card under the key its registration names (the key
 * file gives each key its profile), and the issuer's ARPC (method 2 for csk, method 1 otherwise) taken by the card
 * before it lets the balance be written. A flipped bit is refused on both sides.
 */
class CryptogramProfilesEndToEndTest {

    private static final String READER = "TapBus Sim Reader 0";
    private static final byte[] IMK = Hex.parse("0123456789ABCDEFFEDCBA9876543210");
    private static final Map<String, CardId> CARDS = Map.of(
            "csk-80", new CardId("6200001234567890", "01"),
            "csk-00", new CardId("6200001234567891", "01"),
            "visa-cvn10-00", new CardId("4000001234567899", "00"),
            "visa-cvn10-80", new CardId("4000001234567898", "00"),
            "mchip-80", new CardId("5100001234567899", "00"),
            "mchip-00", new CardId("5100001234567898", "00"));

    @TempDir
    Path dir;
    private final SimulatedReaders readers = new SimulatedReaders(READER);
    private CardSession session;

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"csk-80", "csk-00", "visa-cvn10-00", "visa-cvn10-80", "mchip-80", "mchip-00"})
    void theIssuerVerifiesEachCardByItsProfile(String label) throws Exception {
        CardCryptogramService issuer = issuer();
        CardId card = CARDS.get(label);
        assertThat(issuer.profile(card)).isEqualTo(profileOf(label));
        CardTap tap = tap(label);
        assertThat(Hex.of(tap.issuerApplicationData())).startsWith("0601" + cvn(profileOf(label).method()) + "03");

        CardTap forged = new CardTap(tap.card(), tap.expiry(), tap.atc(), flip(tap.arqc()), tap.cid(),
                tap.issuerApplicationData(), tap.aip(), tap.transactionData());
        assertThat(issuer.verify(card, forged.arqcInput(), forged.arqc()).verdict())
                .isEqualTo(Verdict.INVALID_CRYPTOGRAM);
        assertThat(issuer.verify(card, tap.arqcInput(), tap.arqc()).verdict()).isEqualTo(Verdict.VALID);
        assertThat(issuer.verify(card, tap.arqcInput(), tap.arqc()).verdict()).isEqualTo(Verdict.REPLAYED_ATC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"csk-80", "csk-00", "visa-cvn10-00", "visa-cvn10-80", "mchip-80", "mchip-00"})
    void theCardTakesTheIssuersArpcAndThenTheBalance(String label) throws Exception {
        CardTap tap = tap(label);
        assertThat(sendApprovingArpc(issuer(), tap, false)).isEqualTo(0x9000);
        assertThat(session.writeBalance(3_750)).isEqualTo(0x9000);
        assertThat(session.readBalance()).contains(3_750L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"csk-80", "csk-00", "visa-cvn10-00", "visa-cvn10-80", "mchip-80", "mchip-00"})
    void theCardRefusesAFlippedArpcAndKeepsItsBalance(String label) throws Exception {
        CardTap tap = tap(label);
        assertThat(sendApprovingArpc(issuer(), tap, true)).isEqualTo(0x6300);
        assertThat(session.writeBalance(3_750)).isEqualTo(0x6985);
        assertThat(session.readBalance()).contains(5_000L);
    }

    /** ARPC method 2 || CSU "approved" for a csk card, ARPC method 1 || ARC "00" for the others. */
    private int sendApprovingArpc(CardCryptogramService issuer, CardTap tap, boolean flipped) throws Exception {
        if (issuer.profile(tap.card()).method().allowsArpcMethod2()) {
            byte[] csu = Hex.parse("00800000");
            byte[] arpc = issuer.arpcMethod2(tap.card(), tap.atc(), tap.arqc(), csu, new byte[0]);
            return session.sendArpc(flipped ? flip(arpc) : arpc, csu);
        }
        byte[] arc = TapBusApplication.arcApproved();
        byte[] arpc = issuer.arpcMethod1(tap.card(), tap.atc(), tap.arqc(), arc);
        return session.sendArpcMethod1(flipped ? flip(arpc) : arpc, arc);
    }

    private CardTap tap(String label) throws Exception {
        TapBusPaymentApplet applet = new TapBusPaymentApplet(
                CardProfile.personalise(IMK, CARDS.get(label), YearMonth.of(2030, 12), profileOf(label)), 0x0041, 5_000);
        readers.terminal(READER).insert(SimulatedCard.withApplet(applet));
        CardReaderAgent agent = CardReaderAgent.forTerminal(
                TerminalFactory.getInstance(TapBusSimProvider.TYPE, readers, new TapBusSimProvider()), READER);
        session = agent.awaitCard(Duration.ofSeconds(1)).orElseThrow();
        return session.pay(TransactionData.purchase(1250, 156, 156, LocalDate.of(2025, 11, 25),
                Hex.parse("A1B2C3D4"))).tap();
    }

    /** Each card under the key its registration names. */
    private CardCryptogramService issuer() throws Exception {
        return new CardCryptogramService(keyFile(), card -> CARDS.entrySet().stream()
                .filter(e -> e.getValue().equals(card)).map(Map.Entry::getKey).findFirst().orElse(null),
                new AtcReplayGuard());
    }

    /** The key file of the issuer: one IMK-AC per card product, each with its cards' profile. */
    private InMemoryIssuerKeys keyFile() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (String label : CARDS.keySet()) {
            CryptogramProfile profile = profileOf(label);
            lines.append(label).append(" = ").append(Hex.of(IMK)).append(" method=").append(profile.method().code())
                    .append(" padding=").append(profile.padding().code()).append('\n');
        }
        Path file = dir.resolve("issuer-keys.txt");
        Files.writeString(file, lines, StandardCharsets.UTF_8);
        return InMemoryIssuerKeys.load(file);
    }

    private static CryptogramProfile profileOf(String label) {
        int dash = label.lastIndexOf('-');
        return new CryptogramProfile(CryptogramMethod.ofCode(label.substring(0, dash)),
                Padding.ofCode(label.substring(dash + 1)));
    }

    private static String cvn(CryptogramMethod method) {
        return switch (method) {
            case CSK -> "54";
            case VISA_CVN10 -> "0A";
            case MCHIP -> "10";
        };
    }

    private static byte[] flip(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[0] ^= 1;
        return copy;
    }
}
