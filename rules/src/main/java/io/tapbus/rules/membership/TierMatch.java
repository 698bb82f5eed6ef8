package io.tapbus.rules.membership;

/**
 * A tier the merged card is entitled to because the person holds a partner programme's card at some tier (status
 * match). Inserted by the tier-mapping decision table.
 */
public final class TierMatch {
    private final String fromProgrammeId;
    private final String fromTier;
    private final String toTier;

    public TierMatch(String fromProgrammeId, String fromTier, String toTier) {
        this.fromProgrammeId = fromProgrammeId;
        this.fromTier = fromTier;
        this.toTier = toTier;
    }

    public String getFromProgrammeId() {
        return fromProgrammeId;
    }

    public String getFromTier() {
        return fromTier;
    }

    public String getToTier() {
        return toTier;
    }

    @Override
    public String toString() {
        return "TierMatch[" + fromProgrammeId + " " + fromTier + " -> " + toTier + "]";
    }
}
