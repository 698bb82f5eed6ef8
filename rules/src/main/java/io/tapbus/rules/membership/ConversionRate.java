package io.tapbus.rules.membership;

/**
 * The rate two partners agreed for moving points from one programme to another: {@code fromPoints} points of the
 * first give {@code toPoints} points of the second (rounded down). Inserted by the points-conversion decision table.
 */
public final class ConversionRate {
    private final String fromProgrammeId;
    private final String toProgrammeId;
    private final long fromPoints;
    private final long toPoints;

    public ConversionRate(String fromProgrammeId, String toProgrammeId, long fromPoints, long toPoints) {
        if (fromPoints <= 0 || toPoints <= 0) {
            throw new IllegalArgumentException("a conversion rate needs two positive numbers of points");
        }
        this.fromProgrammeId = fromProgrammeId;
        this.toProgrammeId = toProgrammeId;
        this.fromPoints = fromPoints;
        this.toPoints = toPoints;
    }

    public String getFromProgrammeId() {
        return fromProgrammeId;
    }

    public String getToProgrammeId() {
        return toProgrammeId;
    }

    public long getFromPoints() {
        return fromPoints;
    }

    public long getToPoints() {
        return toPoints;
    }

    /** The points of the target programme for {@code points} of the source, rounded down. */
    public long convert(long points) {
        return Math.multiplyExact(points, toPoints) / fromPoints;
    }

    @Override
    public String toString() {
        return "ConversionRate[" + fromProgrammeId + " " + fromPoints + " -> " + toProgrammeId + " " + toPoints + "]";
    }
}
