package io.tapbus.samples.smsc;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the SMSC does with the next submit_sm and receipt, changed by control commands while it runs. Reads on the
 * submit path are volatile reads and one random number: cheap enough for thousands of submits a second.
 */
public final class Behaviour {

    /** SMPP 3.4 ESME_RTHROTTLED: the ESME exceeded its allowed message limits. */
    public static final int ESME_RTHROTTLED = 0x00000058;
    /** SMPP 3.4 ESME_RMSGQFUL: the message queue is full. */
    public static final int ESME_RMSGQFUL = 0x00000014;

    private volatile double throttleShare;
    private volatile int rateLimit;
    private volatile double queueFullShare;
    private volatile boolean receipts;
    private volatile long receiptDelayMillis;
    private volatile double failShare;
    private volatile double expireShare;
    private final AtomicLong second = new AtomicLong();
    private final AtomicLong inSecond = new AtomicLong();

    public Behaviour(SmscOptions options) {
        receipts = options.receipts();
        receiptDelayMillis = options.receiptDelay().toMillis();
        failShare = options.failShare();
        expireShare = options.expireShare();
    }

    /** The command_status to refuse this submit_sm with, or 0 to accept it. */
    int refusal() {
        double q = queueFullShare;
        double t = throttleShare;
        if (q > 0 || t > 0) {
            double r = ThreadLocalRandom.current().nextDouble();
            if (r < q) {
                return ESME_RMSGQFUL;
            }
            if (r < q + t) {
                return ESME_RTHROTTLED;
            }
        }
        int limit = rateLimit;
        if (limit > 0) {
            long now = System.nanoTime() / 1_000_000_000L;
            long current = second.get();
            if (now != current && second.compareAndSet(current, now)) {
                inSecond.set(0);
            }
            if (inSecond.incrementAndGet() > limit) {
                return ESME_RTHROTTLED;
            }
        }
        return 0;
    }

    /** The final state of the next receipt: DELIVRD, UNDELIV or EXPIRED by the configured shares. */
    ReceiptState nextReceiptState() {
        double f = failShare;
        double e = expireShare;
        if (f == 0 && e == 0) {
            return ReceiptState.DELIVRD;
        }
        double r = ThreadLocalRandom.current().nextDouble();
        return r < f ? ReceiptState.UNDELIV : r < f + e ? ReceiptState.EXPIRED : ReceiptState.DELIVRD;
    }

    public void throttleShare(double share) {
        throttleShare = share;
    }

    public void rateLimit(int perSecond) {
        rateLimit = perSecond;
    }

    public void queueFullShare(double share) {
        queueFullShare = share;
    }

    public void receipts(boolean on) {
        receipts = on;
    }

    public boolean receipts() {
        return receipts;
    }

    public void receiptDelayMillis(long millis) {
        receiptDelayMillis = millis;
    }

    public long receiptDelayMillis() {
        return receiptDelayMillis;
    }

    public void failShare(double share) {
        failShare = share;
    }

    public void expireShare(double share) {
        expireShare = share;
    }

    double failShare() {
        return failShare;
    }

    double expireShare() {
        return expireShare;
    }

    @Override
    public String toString() {
        return "throttle " + (throttleShare == 0 ? "off" : throttleShare) + (rateLimit > 0 ? " rate " + rateLimit + "/s" : "")
                + ", qfull " + (queueFullShare == 0 ? "off" : queueFullShare)
                + ", receipts " + (receipts ? "on" : "off") + " delay " + receiptDelayMillis + "ms fail " + failShare
                + " expire " + expireShare;
    }
}
