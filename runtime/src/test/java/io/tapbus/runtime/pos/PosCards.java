package io.tapbus.runtime.pos;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.card.BerTlv;
import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.card.pcsc.CardReaderAgent;
import io.tapbus.connector.card.pcsc.CardSession;
import io.tapbus.connector.card.pcsc.CardTap;
import io.tapbus.connector.card.pcsc.TapResult;
import io.tapbus.connector.card.sim.CardProfile;
import io.tapbus.connector.card.sim.SimulatedCard;
import io.tapbus.connector.card.sim.SimulatedReaders;
import io.tapbus.connector.card.sim.TapBusPaymentApplet;
import io.tapbus.connector.card.sim.TapBusSimProvider;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import javax.smartcardio.TerminalFactory;

/** What a chained POS terminal reads from a card: simulated TapBus cards (demo keys) and field 55 built from a tap. */
final class PosCards {
    static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] DEMO_IMK = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
    private static final AtomicInteger UN = new AtomicInteger(1);

    private PosCards() {
    }

    /** A TapBus payment card of this PAN in a simulated reader of its own. */
    static CardReaderAgent card(String pan) throws Exception {
        SimulatedReaders readers = new SimulatedReaders("Sim " + pan);
        readers.terminal("Sim " + pan).insert(SimulatedCard.withApplet(new TapBusPaymentApplet(CardProfile.personalise(
                DEMO_IMK, new CardId(pan, "00"), YearMonth.of(2030, 12)), 0x0010, 0)));
        TerminalFactory factory = TerminalFactory.getInstance(TapBusSimProvider.TYPE, readers, new TapBusSimProvider());
        return CardReaderAgent.forTerminal(factory, "Sim " + pan);
    }

    /** The card answers GENERATE AC for this amount (CNY, China). */
    static CardTap tap(CardReaderAgent card, long amountMinor) throws Exception {
        try (CardSession session = card.awaitCard(Duration.ofSeconds(2)).orElseThrow()) {
            byte[] un = HEX.parseHex(String.format("%08X", UN.getAndIncrement()));
            TapResult result = session.pay(TransactionData.purchase(amountMinor, 156, 156, LocalDate.now(), un));
            assertThat(result.status()).as(result.toString()).isEqualTo(TapResult.Status.TAPPED);
            return result.tap();
        }
    }

    /** Field 55 as a terminal builds it from the tap: the cryptogram, the card's data and the terminal's CDOL1 data. */
    static String field55(CardTap tap) {
        byte[] cdol1 = tap.transactionData().cdol1();
        int[][] layout = {{0x9F02, 6}, {0x9F03, 6}, {0x9F1A, 2}, {0x95, 5}, {0x5F2A, 2}, {0x9A, 3}, {0x9C, 1}, {0x9F37, 4}};
        ByteArrayOutputStream tlv = new ByteArrayOutputStream();
        tlv.writeBytes(BerTlv.of(0x9F26, tap.arqc()));
        tlv.writeBytes(BerTlv.of(0x9F27, new byte[] {(byte) tap.cid()}));
        tlv.writeBytes(BerTlv.of(0x9F10, tap.issuerApplicationData()));
        tlv.writeBytes(BerTlv.of(0x9F36, new byte[] {(byte) (tap.atc() >> 8), (byte) tap.atc()}));
        tlv.writeBytes(BerTlv.of(0x82, tap.aip()));
        int offset = 0;
        for (int[] element : layout) {
            tlv.writeBytes(BerTlv.of(element[0], Arrays.copyOfRange(cdol1, offset, offset + element[1])));
            offset += element[1];
        }
        return HEX.formatHex(tlv.toByteArray());
    }
}
