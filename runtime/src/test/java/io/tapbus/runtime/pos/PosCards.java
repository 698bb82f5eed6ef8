package io.tapbus.runtime.pos;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
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
        return HEX.formatHex(tap.iccData());
    }
}
