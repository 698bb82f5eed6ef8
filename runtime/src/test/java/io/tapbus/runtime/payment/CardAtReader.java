package io.tapbus.runtime.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.TapBusApplication;
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
import io.tapbus.connector.common.Hex;
import io.tapbus.connector.reader.CardWrite;
import io.tapbus.connector.reader.CardWriteAck;
import io.tapbus.connector.reader.CardWriteResult;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.PaymentRequest;
import io.tapbus.connector.reader.PaymentResponse;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.runtime.RunningBus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.smartcardio.TerminalFactory;

/**
 * A shop counter in a test: one simulated TapBus card whose balance and ATC live on between taps (like a card's
 * EEPROM), reader {@code R-DEMO-1} speaking the reader protocol to a running bus, and the card's side of every payment
 * as docs/reader-protocol.md §12 has it (ARPC to the card, the balance write, CARD_WRITE_RESULT), with the ways a tap
 * ends early in a shop: the card leaves after the answer, the card leaves before the write, the reply is lost.
 */
final class CardAtReader {
    static final byte[] DEMO_IMK = Hex.parse("0123456789ABCDEFFEDCBA9876543210");
    private static final int SW_OK = 0x9000;
    private static final AtomicInteger UN = new AtomicInteger(0x1000);

    /** How the tap goes on after the PAYMENT_RESPONSE. */
    enum Finish {
        /** ARPC, writes, CARD_WRITE_RESULT: a tap that goes well. */
        ALL,
        /** The card is taken away as soon as the reader has the answer (a step-up shown on the screen). */
        CARD_LEAVES,
        /** The card takes the ARPC and is taken away before UPDATE RECORD; the reader reports the write failed. */
        CARD_LEAVES_BEFORE_WRITE,
        /** The first reply is lost; the reader asks again with the same request (same card session), then ALL. */
        REPLY_LOST_THEN_ALL,
        /** The balance is written, then the card leaves: every further write (a ticket) is reported failed. */
        CARD_LEAVES_AFTER_BALANCE
    }

    /**
     * What happened: the request sent, the answer, the card's status words (null: not sent) and the acknowledgement of the
     * first write; {@code further} the results reported for the writes after it (tickets), in order.
     */
    record Tap(PaymentRequest request, PaymentResponse response, Integer arpcSw, Integer writeSw, CardWriteAck ack,
               java.util.List<CardWriteResult> further) {
        Tap(PaymentRequest request, PaymentResponse response, Integer arpcSw, Integer writeSw, CardWriteAck ack) {
            this(request, response, arpcSw, writeSw, ack, java.util.List.of());
        }
    }

    private final RunningBus bus;
    private final TapBusPaymentApplet applet;
    private final CardReaderAgent agent;

    CardAtReader(RunningBus bus, String pan, int atc, long balanceMinor, String terminal) throws Exception {
        this.bus = bus;
        this.applet = new TapBusPaymentApplet(CardProfile.personalise(DEMO_IMK, new CardId(pan, "00"), YearMonth.of(2030, 12)), atc,
                balanceMinor);
        SimulatedReaders readers = new SimulatedReaders(terminal);
        readers.terminal(terminal).insert(SimulatedCard.withApplet(applet));
        this.agent = CardReaderAgent.forTerminal(TerminalFactory.getInstance(TapBusSimProvider.TYPE, readers, new TapBusSimProvider()),
                terminal);
    }

    /** The balance the card holds. */
    long balance() {
        return applet.balance();
    }

    /** A tap at a merchant of category {@code mcc} (null: the merchant's own). */
    Tap pay(String correlationId, long amountMinor, String mcc, Finish finish) throws Exception {
        try (CardSession session = agent.awaitCard(Duration.ofSeconds(2)).orElseThrow()) {
            TapResult result = session.pay(TransactionData.purchase(amountMinor, 156, 156, LocalDate.now(),
                    Hex.parse(String.format("%08X", UN.getAndIncrement()))));
            assertThat(result.status()).as(result.toString()).isEqualTo(TapResult.Status.TAPPED);
            PaymentRequest request = request(result.tap(), correlationId, mcc);
            try (ReaderClient reader = bus.reader("R-DEMO-1")) {
                PaymentResponse response = ask(reader, request);
                if (finish == Finish.REPLY_LOST_THEN_ALL) {
                    response = ask(reader, request);
                }
                if (finish == Finish.CARD_LEAVES) {
                    return new Tap(request, response, null, null, null);
                }
                Integer arpcSw = response.arpc() == null ? null
                        : session.sendArpc(response.arpcBytes().orElseThrow(), response.csuBytes().orElseThrow());
                if (response.verdict() != PaymentResponse.Verdict.APPROVED || response.cardWrites().isEmpty()) {
                    return new Tap(request, response, arpcSw, null, null);
                }
                CardWrite write = response.cardWrites().get(0);
                Integer writeSw = null;
                CardWriteResult report;
                if (arpcSw == null || arpcSw != SW_OK) {
                    report = new CardWriteResult(response.transactionId(), write.kind(), null, false, null,
                            "not written: the card did not accept the issuer's ARPC");
                } else if (finish == Finish.CARD_LEAVES_BEFORE_WRITE) {
                    report = new CardWriteResult(response.transactionId(), write.kind(), null, false, null, "not written: the card left");
                } else {
                    writeSw = session.writeBalance(write.valueMinor());
                    report = new CardWriteResult(response.transactionId(), write.kind(), null, writeSw == SW_OK,
                            String.format("%04X", writeSw), null);
                }
                CardWriteAck ack = report(reader, report);
                java.util.List<CardWriteResult> further = new java.util.ArrayList<>();
                for (CardWrite next : response.cardWrites().subList(1, response.cardWrites().size())) {
                    CardWriteResult nextReport;
                    if (next.kind() != CardWrite.Kind.TICKET || !report.ok() || finish == Finish.CARD_LEAVES_AFTER_BALANCE) {
                        nextReport = new CardWriteResult(response.transactionId(), next.kind(), next.id(), false, null, "not written");
                    } else {
                        int sw = session.writeTicket(Hex.parse(next.data()));
                        nextReport = new CardWriteResult(response.transactionId(), next.kind(), next.id(), sw == SW_OK,
                                String.format("%04X", sw), null);
                    }
                    assertThat(report(reader, nextReport).recorded()).isTrue();
                    further.add(nextReport);
                }
                return new Tap(request, response, arpcSw, writeSw, ack, further);
            }
        }
    }

    /** The tickets on the card, as a gate reads them (SELECT, READ RECORD of the ticket file). */
    java.util.List<byte[]> ticketsReadByAGate() throws Exception {
        try (CardSession session = agent.awaitCard(Duration.ofSeconds(2)).orElseThrow()) {
            return session.readTickets();
        }
    }

    /** The tickets the card holds (its EEPROM). */
    java.util.List<byte[]> tickets() {
        return applet.tickets();
    }

    /** GENERATE AC only, as a chained POS terminal reads the card (it sends the cryptogram over ISO 8583, not here). */
    CardTap generateAc(long amountMinor) throws Exception {
        try (CardSession session = agent.awaitCard(Duration.ofSeconds(2)).orElseThrow()) {
            TapResult result = session.pay(TransactionData.purchase(amountMinor, 156, 156, LocalDate.now(),
                    Hex.parse(String.format("%08X", UN.getAndIncrement()))));
            assertThat(result.status()).as(result.toString()).isEqualTo(TapResult.Status.TAPPED);
            return result.tap();
        }
    }

    /** Sends a PAYMENT_REQUEST as it is (a repeat, a replay under another correlationId); the answer. */
    PaymentResponse ask(PaymentRequest request) throws Exception {
        try (ReaderClient reader = bus.reader("R-DEMO-1")) {
            return ask(reader, request);
        }
    }

    /** Sends a CARD_WRITE_RESULT; the acknowledgement. */
    CardWriteAck report(CardWriteResult result) throws Exception {
        try (ReaderClient reader = bus.reader("R-DEMO-1")) {
            return report(reader, result);
        }
    }

    private static PaymentResponse ask(ReaderClient reader, PaymentRequest request) throws Exception {
        ReaderFrame reply = reader.pay(request);
        assertThat(reply.type()).as(new String(reply.body())).isEqualTo(FrameType.PAYMENT_RESPONSE);
        return PaymentResponse.parse(reply.body());
    }

    private static CardWriteAck report(ReaderClient reader, CardWriteResult result) throws Exception {
        ReaderFrame ack = reader.cardWriteResult(result);
        assertThat(ack.type()).as(new String(ack.body())).isEqualTo(FrameType.CARD_WRITE_ACK);
        return CardWriteAck.parse(ack.body());
    }

    static PaymentRequest request(CardTap tap, String correlationId, String mcc) {
        String cdol1 = Hex.of(tap.transactionData().cdol1());
        return new PaymentRequest(correlationId, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), Hex.of(TapBusApplication.AID),
                new PaymentRequest.Card(tap.card().pan(), tap.card().psn(), tap.expiry().substring(0, 4)), String.format("%04X", tap.atc()),
                Hex.of(tap.arqc()), String.format("%02X", tap.cid()), Hex.of(tap.issuerApplicationData()), Hex.of(tap.aip()), cdol1,
                PaymentRequest.Transaction.fromCdol1(cdol1, "CNY"), mcc, false);
    }

    static PaymentRequest withCorrelationId(PaymentRequest r, String correlationId) {
        return new PaymentRequest(correlationId, r.readerTime(), r.aid(), r.card(), r.atc(), r.arqc(), r.cid(), r.iad(), r.aip(), r.cdol1(),
                r.transaction(), r.merchantCategory(), r.offline());
    }
}
