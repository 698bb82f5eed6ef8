package io.tapbus.connector.reader;

/**
 * Remembers the last accepted sequence per reader. Implementations must make the check and the update
 * one atomic step: two frames with the same sequence racing on two connections must not both pass.
 */
public interface ReplayGuard {

    /**
     * Accepts {@code sequence} when it is strictly greater than the last accepted one for the reader (or
     * the first one seen), and records it.
     *
     * @return true when accepted, false for a replayed or stale sequence
     */
    boolean advance(String readerId, long sequence);
}
