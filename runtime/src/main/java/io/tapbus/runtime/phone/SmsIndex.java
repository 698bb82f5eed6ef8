package io.tapbus.runtime.phone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the sender and the receipts look up instead of the tables, fed by the writer once a change is durable
 * ({@code Batch.afterDurable}): the parts ready to send (durably QUEUED, in the order they became so), the parts that
 * wait for a receipt by the SMSC's message id, and the messages that became final (forgotten a while later, so the
 * writer's memory stays bounded). An entry is a hint, never a decision: the writer checks the part's state before it
 * moves it.
 */
final class SmsIndex {
    /** A part of a message; {@code notBefore}: not to be sent earlier. */
    record Ref(String messageId, int partNo, Instant notBefore) {}

    /** A message that became final at {@code at}. */
    record Finished(String messageId, Instant at) {}

    private final ConcurrentLinkedDeque<Ref> ready = new ConcurrentLinkedDeque<>();
    private final Map<String, Ref> awaiting = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
    private volatile Runnable onReady = () -> { };

    /** Who is told when a part becomes ready (the sender's wake-up). */
    void onReady(Runnable action) {
        this.onReady = action;
    }

    void ready(String messageId, int partNo, Instant notBefore) {
        ready.addLast(new Ref(messageId, partNo, notBefore));
        onReady.run();
    }

    /** The oldest ready part, or null. */
    Ref takeReady() {
        return ready.pollFirst();
    }

    /** Parts taken but not sent this round go back to the front, in their order. */
    void putBack(List<Ref> refs) {
        for (int i = refs.size() - 1; i >= 0; i--) {
            ready.addFirst(refs.get(i));
        }
    }

    boolean anyReady() {
        return !ready.isEmpty();
    }

    int readyCount() {
        return ready.size();
    }

    void awaiting(String smsc, String smscMessageId, String messageId, int partNo) {
        awaiting.put(key(smsc, smscMessageId), new Ref(messageId, partNo, null));
    }

    /** The part the SMSC named {@code smscMessageId}, while it is held; else null. */
    Ref awaited(String smsc, String smscMessageId) {
        return awaiting.get(key(smsc, smscMessageId));
    }

    void forgetAwaited(String smsc, String smscMessageId) {
        awaiting.remove(key(smsc, smscMessageId));
    }

    int awaitingCount() {
        return awaiting.size();
    }

    void finished(String messageId, Instant at) {
        finished.add(new Finished(messageId, at));
    }

    /** Takes the messages that became final before {@code cutoff} (they are in the order they became final). */
    List<Finished> finishedBefore(Instant cutoff, int max) {
        List<Finished> out = new ArrayList<>();
        Finished f;
        while (out.size() < max && (f = finished.peek()) != null && f.at().isBefore(cutoff)) {
            out.add(finished.poll());
        }
        return out;
    }

    private static String key(String smsc, String smscMessageId) {
        return smsc + "\n" + smscMessageId;
    }
}
