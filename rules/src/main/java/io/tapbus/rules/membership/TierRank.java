package io.tapbus.rules.membership;

import java.util.List;

/**
 * How high a tier is (1 lowest) in the programme of the card being merged. Inserted by the tier-ranks decision
 * table, whose rows apply to one programme or (an empty Programme cell) to all.
 */
public final class TierRank {
    private final String tier;
    private final int rank;

    public TierRank(String tier, int rank) {
        this.tier = tier;
        this.rank = rank;
    }

    public String getTier() {
        return tier;
    }

    public int getRank() {
        return rank;
    }

    /** The rank of the tier among the ranks given; 0 for a tier the table does not name. */
    public static int rankOf(List<?> ranks, String tier) {
        for (Object o : ranks) {
            if (o instanceof TierRank r && r.tier.equalsIgnoreCase(String.valueOf(tier))) {
                return r.rank;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return "TierRank[" + tier + "=" + rank + "]";
    }
}
