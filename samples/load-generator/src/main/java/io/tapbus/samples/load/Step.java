package io.tapbus.samples.load;

/**
 * One open-loop step, fully precomputed before it runs: request {@code i} goes out on connection {@code lane[i]} at
 * {@code start + offsetNanos[i]} (its intended send time, evenly spaced at {@code rate} per second) as exactly the bytes
 * {@code payload[i]}. {@code sequence[i]} is the reader-protocol sequence the reply must echo (null for HTTP).
 */
final class Step {
    final int id;
    final double rate;
    final double seconds;
    final boolean warmUp;
    final int count;
    final long[] offsetNanos;
    final int[] lane;
    final byte[][] payload;
    final long[] sequence;

    Step(int id, double rate, double seconds, boolean warmUp, int[] lane, byte[][] payload, long[] sequence) {
        this.id = id;
        this.rate = rate;
        this.seconds = seconds;
        this.warmUp = warmUp;
        this.count = lane.length;
        this.lane = lane;
        this.payload = payload;
        this.sequence = sequence;
        this.offsetNanos = new long[count];
        for (int i = 0; i < count; i++) {
            offsetNanos[i] = Math.round(i * 1e9 / rate);
        }
    }

    /** How many requests a step of {@code seconds} at {@code rate} per second sends (at least one). */
    static int requests(double rate, double seconds) {
        return (int) Math.max(1, Math.round(rate * seconds));
    }
}
