package io.tapbus.rules.tag;

/** Most reads a tag may plausibly gain between two scans. Inserted by the scan limits decision table. */
public final class CounterJumpLimit {
    private final long maxJump;

    public CounterJumpLimit(long maxJump) {
        this.maxJump = maxJump;
    }

    public long getMaxJump() {
        return maxJump;
    }

    @Override
    public String toString() {
        return "CounterJumpLimit[" + maxJump + "]";
    }
}
