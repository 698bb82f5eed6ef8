package io.tapbus.rules.ticket;

/**
 * Per ticket kind: how long the same ticket is refused again at the same gate line (anti-passback), and how much clock
 * difference between gate and ticket window is tolerated. Inserted by the decision table validation-policy.csv.
 */
public final class ValidationPolicy {
    private final String kind;
    private final long passbackSeconds;
    private final long clockSkewSeconds;

    public ValidationPolicy(String kind, long passbackSeconds, long clockSkewSeconds) {
        this.kind = kind;
        this.passbackSeconds = passbackSeconds;
        this.clockSkewSeconds = clockSkewSeconds;
    }

    public String getKind() { return kind; }

    public long getPassbackSeconds() { return passbackSeconds; }

    public long getClockSkewSeconds() { return clockSkewSeconds; }

    @Override
    public String toString() {
        return "ValidationPolicy[" + kind + " passback " + passbackSeconds + "s, skew " + clockSkewSeconds + "s]";
    }
}
