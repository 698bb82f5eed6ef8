package io.tapbus.samples.smsc;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The round trip of incoming commands, for benchmarks: from the moment an {@code mo} deliver_sm is written to the
 * ESME to the next submit_sm the SMSC accepts for the same number (the ESME's reply), in microseconds on the
 * simulator's own clock. Kept per number in order, so several commands from one number pair with their replies in
 * turn. {@code GET /mo-round-trips} on the control endpoint answers them; {@code bench reset} forgets them.
 */
final class MoRoundTrips {
    private static final int MAX_KEPT = 1_000_000;

    private final Map<String, Queue<Long>> waiting = new ConcurrentHashMap<>();
    private final Queue<Long> micros = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger kept = new java.util.concurrent.atomic.AtomicInteger();

    /** An MO from {@code address} (digits, no '+') is about to be written. */
    void moSent(String address) {
        waiting.computeIfAbsent(address, a -> new ConcurrentLinkedQueue<>()).add(System.nanoTime());
    }

    /** The MO could not be delivered: no reply is awaited for it. */
    void moFailed(String address) {
        Queue<Long> q = waiting.get(address);
        if (q != null) {
            q.poll();
        }
    }

    /** A submit_sm to {@code destination} was accepted: the oldest MO from that number waiting for a reply got it. */
    void submitted(String destination) {
        if (waiting.isEmpty()) {
            return;
        }
        Queue<Long> q = waiting.get(destination);
        Long sent = q == null ? null : q.poll();
        if (sent != null && kept.incrementAndGet() <= MAX_KEPT) {
            micros.add((System.nanoTime() - sent) / 1000);
        }
    }

    /** {"answered":N,"waiting":M,"micros":[...]}: the round trips measured since the start or the last reset. */
    String json() {
        StringBuilder b = new StringBuilder("{\"answered\":").append(micros.size()).append(",\"waiting\":")
                .append(waiting.values().stream().mapToInt(Queue::size).sum()).append(",\"micros\":[");
        boolean first = true;
        for (Long m : micros) {
            b.append(first ? "" : ",").append(m);
            first = false;
        }
        return b.append("]}").toString();
    }

    void reset() {
        waiting.clear();
        micros.clear();
        kept.set(0);
    }
}
