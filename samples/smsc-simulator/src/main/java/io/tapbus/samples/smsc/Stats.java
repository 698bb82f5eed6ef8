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
                + ",\"mo\":" + mo() + ",\"drops\":" + drops.sum() + ",\"up\":" + up + "}";
    }
}
