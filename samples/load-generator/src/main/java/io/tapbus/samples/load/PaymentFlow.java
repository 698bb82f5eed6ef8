package io.tapbus.samples.load;

import io.tapbus.connector.card.TapBusApplication;
import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.common.Hex;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.PaymentRequest;
import io.tapbus.samples.reader.BenchCard;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code --flow payments|bank-payments}: PAYMENT_REQUESTs (reader protocol §12) of {@code --amount} fen, each with a real
 * ARQC made before the step by a simulated TapBus card ({@link BenchCard}: SELECT, GET PROCESSING OPTIONS, GENERATE AC,
 * 3DES under the card's key from the issuer master key). Each connection pays with its own card until the card has paid
 * {@code --payments-per-card} times (the velocity limit of the shipped rules), then draws a fresh one from the
 * {@link CardPool}; a card is thus at one reader only and its ATCs arrive in order. Must be APPROVED. The card's
 * EXTERNAL AUTHENTICATE and the CARD_WRITE_RESULT that may follow an approval are not sent: their frames would need the
 * answer, and a later sequence than the payments already pipelined behind it.
 */
final class PaymentFlow extends ReaderFlow {

    private final boolean bank;
    private final CardPool pool;
    private final byte[] issuerKey;
    private final int[] laneCard;
    private final int[] laneUses;
    private final BenchCard[] laneBenchCard;
    private int highestAtc;
    private int atcStart;
    private int cardsUsed;

    PaymentFlow(BenchOptions o, Rest rest, BenchState state, byte[] masterKey, byte[] issuerKey, boolean bank, PrintStream log) {
        super(o, rest, masterKey, log);
        this.bank = bank;
        this.issuerKey = issuerKey;
        this.pool = new CardPool(rest, state, bank ? CardPool.Kind.BANK : CardPool.Kind.STORED_VALUE, log);
        this.laneCard = new int[o.connections];
        this.laneUses = new int[o.connections];
        this.laneBenchCard = new BenchCard[o.connections];
    }

    @Override
    public void setUp() throws IOException {
        ensureReaders();
        pool.checkStillThere();
        highestAtc = pool.atcBase();
        atcStart = pool.atcBase();
    }

    @Override
    protected FrameType replyType() {
        return FrameType.PAYMENT_RESPONSE;
    }

    @Override
    public Step prepare(int id, double rate, double seconds, boolean warmUp) throws IOException {
        int count = Step.requests(rate, seconds);
        int[] lanes = new int[count];
        byte[][] payload = new byte[count][];
        long[] seq = new long[count];
        String readerTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        LocalDate today = LocalDate.now();
        String currency = "CNY";
        for (int i = 0; i < count; i++) {
            int lane = nextLane();
            lanes[i] = lane;
            BenchCard card = cardOf(lane);
            byte[] un = new byte[4];
            ThreadLocalRandom.current().nextBytes(un);
            BenchCard.Arqc arqc;
            try {
                arqc = card.generateArqc(TransactionData.purchase(o.amount, 156, 156, today, un));
            } catch (BenchCard.CardRefused e) {
                throw new IOException("a simulated card refused GENERATE AC: " + e.getMessage());
            }
            highestAtc = Math.max(highestAtc, arqc.atc());
            String cdol1 = Hex.of(arqc.cdol1());
            PaymentRequest request = new PaymentRequest("lg-" + runId + "-" + id + "-" + i, readerTime,
                    Hex.of(TapBusApplication.AID), new PaymentRequest.Card(card.pan(), card.psn(), card.expiry()),
                    String.format("%04X", arqc.atc()), Hex.of(arqc.cryptogram()), String.format("%02X", arqc.cid()),
                    Hex.of(arqc.iad()), Hex.of(arqc.aip()), cdol1, PaymentRequest.Transaction.fromCdol1(cdol1, currency),
                    null, false);
            payload[i] = frame(FrameType.PAYMENT_REQUEST, lane, request.toJson(), seq, i);
        }
        pool.ensure(); // cards drawn for this step exist before it runs
        return new Step(id, rate, seconds, warmUp, lanes, payload, seq);
    }

    private BenchCard cardOf(int lane) {
        if (laneBenchCard[lane] == null || laneUses[lane] >= o.paymentsPerCard) {
            int n = pool.draw();
            laneCard[lane] = n;
            laneUses[lane] = 0;
            laneBenchCard[lane] = new BenchCard(issuerKey, pool.pan(n), CardPool.PSN, CardPool.EXPIRY, pool.atcBase());
            cardsUsed++;
        }
        laneUses[lane]++;
        return laneBenchCard[lane];
    }

    @Override
    public void finish() throws IOException {
        pool.finishRun(highestAtc);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = super.describe();
        m.put("funding", bank ? "BANK" : "STORED_VALUE");
        m.put("paymentsPerCard", o.paymentsPerCard);
        m.put("cardsUsed", cardsUsed);
        m.put("atcFrom", String.format("%04X", atcStart + 1));
        m.put("atcHighest", String.format("%04X", highestAtc));
        return m;
    }
}
