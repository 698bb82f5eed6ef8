package io.tapbus.runtime.phone;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parts the SMSC has answered whose SUBMITTED is not stored yet (a few milliseconds, the write path's batch). An
 * SMSC may send a part's receipt that fast; the receipt then records SUBMITTED itself, in its own unit, before it
 * applies, instead of finding no part with that message id.
 */
final class RecentSubmits {
    record Part(String messageId, int partNo) {}

    private final Map<String, Part> answered = new ConcurrentHashMap<>();

    void answered(String smsc, String smscMessageId, String messageId, int partNo) {
        answered.put(smsc + "\n" + smscMessageId, new Part(messageId, partNo));
    }

    void stored(String smsc, String smscMessageId) {
        answered.remove(smsc + "\n" + smscMessageId);
    }

    /** The part, waiting up to {@code millis} for its submit_sm_resp to be seen (a receipt that overtook it). */
    Part find(String smsc, String smscMessageId, long millis) {
        long until = System.currentTimeMillis() + millis;
        while (true) {
            Part p = answered.get(smsc + "\n" + smscMessageId);
            if (p != null || System.currentTimeMillis() >= until) {
                return p;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
