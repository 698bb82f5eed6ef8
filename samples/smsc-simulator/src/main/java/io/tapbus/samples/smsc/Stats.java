package io.tapbus.samples.smsc;

import java.util.concurrent.atomic.LongAdder;

/** The simulator's counters; LongAdder so that the submit path does not contend. */
public final class Stats {

    final LongAdder submits = new LongAdder();
    final LongAdder throttled = new LongAdder();
    final LongAdder queueFull = new LongAdder();
    final LongAdder receipts = new LongAdder();
    final LongAdder receiptsFailed = new LongAdder();
    final LongAdder binds = new LongAdder();
    final LongAdder bindsRefused = new LongAdder();
    final LongAdder mo = new LongAdder();
    final LongAdder drops = new LongAdder();
    /** submit_sm read from the wire and not answered yet, over all sessions, and the most there have been at once. */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger peakInFlight = new java.util.concurrent.atomic.AtomicInteger();

    /** A submit_sm was read (before jSMPP decodes it). */
    void submitRead() {
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    /** A submit_sm was answered (accepted or refused). */
    void submitAnswered() {
        inFlight.updateAndGet(n -> Math.max(0, n - 1));
    }

    /**
     * The most submit_sm that were in flight at once since the start or the last {@code peak reset}: read by the SMSC
     * and not yet answered. An ESME that keeps at most W outstanding can never make this exceed W.
     */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    void resetPeak() {
        peakInFlight.set(inFlight.get());
    }

    public long submits() {
        return submits.sum();
    }

    public long throttled() {
        return throttled.sum();
    }

    public long queueFull() {
        return queueFull.sum();
    }

    public long receipts() {
        return receipts.sum();
    }

    public long binds() {
        return binds.sum();
    }

    public long bindsRefused() {
        return bindsRefused.sum();
    }

    public long mo() {
        return mo.sum();
    }

    /** One line: submits accepted, receipts sent, throttled, ... */
    public String line(int bound, int pendingReceipts) {
        return "stats: submits " + submits() + ", receipts " + receipts() + " (pending " + pendingReceipts
                + ", failed " + receiptsFailed.sum() + "), throttled " + throttled() + ", qfull " + queueFull()
                + ", binds " + binds() + " (refused " + bindsRefused() + ", bound now " + bound + "), mo " + mo()
                + ", drops " + drops.sum();
    }

    public String json(int bound, int pendingReceipts, boolean up) {
        return "{\"submits\":" + submits() + ",\"receipts\":" + receipts() + ",\"receiptsPending\":" + pendingReceipts
                + ",\"receiptsFailed\":" + receiptsFailed.sum() + ",\"throttled\":" + throttled() + ",\"queueFull\":"
                + queueFull() + ",\"binds\":" + binds() + ",\"bindsRefused\":" + bindsRefused() + ",\"bound\":" + bound
                + ",\"mo\":" + mo() + ",\"drops\":" + drops.sum() + ",\"up\":" + up + ",\"peakInFlight\":"
                + peakInFlight() + "}";
    }
}
