package io.tapbus.samples.reader;

import io.tapbus.connector.reader.ErrorBody;
import io.tapbus.connector.reader.FrameException;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.connector.reader.TapResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One bench connection: taps in a loop with one request outstanding, reconnecting after failures, and
 * counts only what starts inside the measuring window. Its results are read after its thread ended.
 */
final class BenchWorker implements Runnable {


    private final BenchPlan plan;
    private final String readerId;
    private final byte[] key;
    private final int offset;
    private long count;
    private final long measureFrom;
    private final long measureUntil;
    private final AtomicLong measuredStarted;

    private final Latencies latencies = new Latencies();
    private final Map<String, Long> verdicts = new HashMap<>();
    private final Map<String, Long> errors = new HashMap<>();
    private long measuredTaps;
    private long finishedAt;
    private final BenchConnection connection;

    BenchWorker(BenchPlan plan, String readerId, int offset, long measureFrom, long measureUntil, AtomicLong measuredStarted) {
        this.plan = plan;
        this.readerId = readerId;
        this.key = plan.keys().keyFor(readerId);
        this.connection = new BenchConnection(plan.host(), plan.port(), readerId, key, plan.timeout());
        this.offset = offset;
        this.measureFrom = measureFrom;
        this.measureUntil = measureUntil;
        this.measuredStarted = measuredStarted;
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                BenchReport.Step step = BenchReport.next(System.nanoTime(), measureFrom, measureUntil, plan.maxTaps(),
                        measuredStarted);
                if (step == BenchReport.Step.STOP) {
                    break;
                }
                boolean measured = step == BenchReport.Step.MEASURED;
                if (measured) {
                    measuredTaps++;
                }
                if (!connected(measured)) {
                    continue;
                }
                String card = cardForThisTap();
                tapOnce(new TapRequest(card, plan.amountMinor(), plan.currency(),
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), null), measured);
            }
        } finally {
            finishedAt = System.nanoTime();
            disconnect();
        }
    }

    /**
     * Cards are shared out among the readers (card j goes to reader j mod readers), as a card is at one
     * reader at a time in real life; with fewer cards than readers, readers share cards.
     */
    private String cardForThisTap() {
        String[] cards = plan.cards();
        int readers = Math.max(plan.readers(), 1);
        int own = (cards.length - 1 - offset % readers) / readers + 1;
        if (offset % readers >= cards.length || own <= 0) {
            return cards[(int) ((offset + count++) % cards.length)];
        }
        return cards[(int) (offset % readers + readers * (count++ % own))];
    }

    private void tapOnce(TapRequest tap, boolean measured) {
        long started = System.nanoTime();
        try {
            ReaderFrame reply = connection.open().tap(tap);
            long elapsed = System.nanoTime() - started;
            if (reply.type() == FrameType.ERROR) {
                String code = ErrorBody.parse(reply.body()).code();
                count(measured, errors, code);
                if (closesConnection(code)) {
                    disconnect();
                }
            } else {
                count(measured, verdicts, TapResponse.parse(reply.body()).verdict().name());
            }
            if (measured) {
                latencies.add(elapsed);
            }
        } catch (IOException e) {
            count(measured, errors, "IO_ERROR");
            disconnect();
        } catch (FrameException e) {
            count(measured, errors, "INVALID_REPLY");
            disconnect();
        }
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

    Latencies latencies() {
        return latencies;
    }

    Map<String, Long> verdicts() {
        return verdicts;
    }

    Map<String, Long> errors() {
        return errors;
    }

    long measuredTaps() {
        return measuredTaps;
    }

    long finishedAt() {
        return finishedAt;
    }
}
