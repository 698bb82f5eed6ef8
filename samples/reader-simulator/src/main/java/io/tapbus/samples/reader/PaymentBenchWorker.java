package io.tapbus.samples.reader;

import io.tapbus.connector.card.TapBusApplication;
import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.common.Hex;
import io.tapbus.connector.reader.CardWrite;
import io.tapbus.connector.reader.CardWriteAck;
import io.tapbus.connector.reader.CardWriteResult;
import io.tapbus.connector.reader.ErrorBody;
import io.tapbus.connector.reader.FrameException;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.PaymentRequest;
import io.tapbus.connector.reader.PaymentResponse;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.ReasonCode;
import io.tapbus.connector.reader.TapResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One payment bench connection (reader R-BENCH-nnn): pays in a loop with one request outstanding, taking its own cards
 * in turn, so each card is at this reader only and its ATC strictly rises. A payment is GENERATE AC on the simulated
 * card (not timed), then PAYMENT_REQUEST → PAYMENT_RESPONSE (timed: that is the authorization), then the issuer's ARPC
 * back to the card (not timed; a rejected ARPC is counted), and with {@code --card-writes} the balance write and its
 * CARD_WRITE_RESULT (not timed). Counts only payments that start inside the measuring window. Results are read after
 * its thread ended.
 */
final class PaymentBenchWorker implements Runnable {

    private static final int SW_OK = 0x9000;

    private final PaymentBenchPlan plan;
    private final String readerId;
    private final byte[] key;
    private final List<BenchCard> cards;
    private final String correlationPrefix;
    private final long measureFrom;
    private final long measureUntil;
    private final AtomicLong measuredStarted;

    private final Latencies latencies = new Latencies();
    private final Map<String, Long> verdicts = new HashMap<>();
    private final Map<String, Long> notApprovedReasons = new HashMap<>();
    private final Map<String, Long> errors = new HashMap<>();
    private final Map<String, Long> warmupOutcomes = new HashMap<>();
    private final Map<String, Long> cardWriteAcks = new HashMap<>();
    private long arpcRejected;
    private long measuredPayments;
    private long sequence;
    private int nextCard;
    private long finishedAt;
    private final BenchConnection connection;

    PaymentBenchWorker(PaymentBenchPlan plan, int worker, String runId, long measureFrom, long measureUntil,
                       AtomicLong measuredStarted) {
        this.plan = plan;
        this.readerId = PaymentBenchPlan.readerId(worker);
        this.key = plan.keys().keyFor(readerId);
        this.connection = new BenchConnection(plan.host(), plan.port(), readerId, key, plan.timeout());
        List<BenchCard> own = new ArrayList<>();
        for (int card : plan.cardsOf(worker)) {
            own.add(new BenchCard(plan.issuerKey(), plan.pan(card), PaymentBenchPlan.PSN, PaymentBenchPlan.EXPIRY,
                    plan.atcStart()));
        }
        this.cards = Collections.unmodifiableList(own);
        this.correlationPrefix = "pb-" + runId + "-" + worker + "-";
        this.measureFrom = measureFrom;
        this.measureUntil = measureUntil;
        this.measuredStarted = measuredStarted;
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                BenchReport.Step step = BenchReport.next(System.nanoTime(), measureFrom, measureUntil, plan.maxPayments(),
                        measuredStarted);
                if (step == BenchReport.Step.STOP) {
                    break;
                }
                boolean measured = step == BenchReport.Step.MEASURED;
                if (measured) {
                    measuredPayments++;
                }
                if (!connected(measured)) {
                    continue;
                }
                payOnce(cards.get(nextCard++ % cards.size()), measured);
            }
        } finally {
            finishedAt = System.nanoTime();
            disconnect();
        }
    }

    private void payOnce(BenchCard card, boolean measured) {
        byte[] un = new byte[4];
        ThreadLocalRandom.current().nextBytes(un);
        BenchCard.Arqc arqc;
        try {
            arqc = card.generateArqc(TransactionData.purchase(plan.amountMinor(), plan.currencyNumeric(), plan.country(),
                    LocalDate.now(), un));
        } catch (BenchCard.CardRefused e) {
            count(measured, errors, "CARD_REFUSED");
            return;
        }
        PaymentRequest request = request(card, arqc);
        long started = System.nanoTime();
        try {
            ReaderFrame reply = connection.open().pay(request);
            long elapsed = System.nanoTime() - started;
            if (measured) {
                latencies.add(elapsed);
            }
            if (reply.type() == FrameType.ERROR) {
                String code = ErrorBody.parse(reply.body()).code();
                count(measured, errors, code);
                if (closesConnection(code)) {
                    disconnect();
                }
                return;
            }
            PaymentResponse response = PaymentResponse.parse(reply.body());
            String verdict = response.verdict().name();
            count(measured, verdicts, verdict);
            boolean replayed = false;
            if (response.verdict() != PaymentResponse.Verdict.APPROVED) {
                if (response.reasons().isEmpty()) {
                    count(measured, notApprovedReasons, verdict);
                }
                for (TapResponse.Reason reason : response.reasons()) {
                    count(measured, notApprovedReasons, verdict + " " + reason.code());
                    replayed |= ReasonCode.ATC_REPLAYED.name().equals(reason.code());
                }
            }
            if (!measured) {
                warmupOutcomes.merge(verdict, 1L, Long::sum);
            }
            if (replayed) {
                // an earlier run used higher ATCs of this card: move on (counted as a failure when measured)
                card.resync();
                return;
            }
            finishOnCard(card, response, measured);
        } catch (IOException e) {
            count(measured, errors, "IO_ERROR");
            disconnect();
        } catch (FrameException e) {
            count(measured, errors, "INVALID_REPLY");
            disconnect();
        }
    }

    /** The issuer's ARPC to the card whatever the verdict; with --card-writes, the balance write and its report. */
    private void finishOnCard(BenchCard card, PaymentResponse response, boolean measured)
            throws IOException, FrameException {
        int arpcSw = -1;
        if (response.arpc() != null && response.csu() != null) {
            arpcSw = card.externalAuthenticate(response.arpcBytes().orElseThrow(), response.csuBytes().orElseThrow());
            if (arpcSw != SW_OK && measured) {
                arpcRejected++;
            }
        }
        if (!plan.cardWrites() || response.verdict() != PaymentResponse.Verdict.APPROVED) {
            return;
        }
        for (CardWrite write : response.cardWrites()) {
            CardWriteResult result;
            if (write.kind() == CardWrite.Kind.BALANCE && arpcSw == SW_OK) {
                int sw = card.writeBalance(write.valueMinor());
                result = new CardWriteResult(response.transactionId(), write.kind(), null, sw == SW_OK,
                        String.format("%04X", sw), null);
            } else {
                result = new CardWriteResult(response.transactionId(), write.kind(), write.id(), false, null,
                        arpcSw == SW_OK ? "the TapBus card has no " + write.kind() + " file"
                                : "not written: the card did not accept the issuer's ARPC");
            }
            ReaderFrame ack = connection.open().cardWriteResult(result);
            String outcome = ack.type() == FrameType.ERROR ? "ERROR " + ErrorBody.parse(ack.body()).code()
                    : CardWriteAck.parse(ack.body()).recorded() ? (result.ok() ? "RECORDED" : "RECORDED_NOT_WRITTEN")
                    : "UNKNOWN_TRANSACTION";
            count(measured, cardWriteAcks, outcome);
        }
    }

    private PaymentRequest request(BenchCard card, BenchCard.Arqc arqc) {
        String cdol1 = Hex.of(arqc.cdol1());
        return new PaymentRequest(correlationPrefix + (++sequence),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), Hex.of(TapBusApplication.AID),
                new PaymentRequest.Card(card.pan(), card.psn(), card.expiry()), String.format("%04X", arqc.atc()),
                Hex.of(arqc.cryptogram()), String.format("%02X", arqc.cid()), Hex.of(arqc.iad()), Hex.of(arqc.aip()),
                cdol1, PaymentRequest.Transaction.fromCdol1(cdol1, plan.currency()), plan.merchantCategory(), false);
    }

    private boolean connected(boolean measured) {
        if (connection.open() != null) {
            return true;
        }
        count(measured, errors, "CONNECT_FAILED");
        return false;
    }

    private void disconnect() {
        connection.close();
    }

    private static boolean closesConnection(String code) {
        return BenchConnection.closesConnection(code);
    }

    private static void count(boolean measured, Map<String, Long> counts, String key) {
        BenchConnection.count(measured, counts, key);
    }

    List<BenchCard> cards() {
        return cards;
    }

    Latencies latencies() {
        return latencies;
    }

    Map<String, Long> verdicts() {
        return verdicts;
    }

    Map<String, Long> notApprovedReasons() {
        return notApprovedReasons;
    }

    Map<String, Long> errors() {
        return errors;
    }

    Map<String, Long> warmupOutcomes() {
        return warmupOutcomes;
    }

    Map<String, Long> cardWriteAcks() {
        return cardWriteAcks;
    }

    long arpcRejected() {
        return arpcRejected;
    }

    long measuredPayments() {
        return measuredPayments;
    }

    long finishedAt() {
        return finishedAt;
    }
}
