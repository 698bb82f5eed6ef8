package io.tapbus.runtime.membership;

import io.tapbus.runtime.pricing.BasketPricer;
import java.util.ArrayList;
import java.util.List;

/**
 * Whom a person is to campaigns, from the member cards merged onto their universal card: each ACTIVE card with a tier
 * gives {@code programme:tier} (as campaigns name tiers, e.g. {@code demo-shop-club:GOLD}). Reads the durable values
 * the writer keeps (no database query per basket once read). Segments and the join date are added by segments.AudienceProfiles.
 */
final class MemberProfiles implements BasketPricer.Profiles {
    private final MemberCards cards;

    MemberProfiles(MemberCards cards) {
        this.cards = cards;
    }

    @Override
    public BasketPricer.Profile of(String personId) {
        List<String> tiers = new ArrayList<>();
        for (MemberCards.Key key : cards.ofUser(personId)) {
            MemberCards.Membership m = cards.find(key);
            if (m != null && MemberCards.ACTIVE.equals(m.status()) && personId.equals(m.userId()) && m.tier() != null
                    && !m.tier().isBlank()) {
                tiers.add(m.programmeId() + ":" + m.tier());
            }
        }
        if (tiers.isEmpty()) {
            return BasketPricer.Profile.NONE;
        }
        tiers.sort(null);
        return new BasketPricer.Profile(List.copyOf(tiers), List.of(), false, null);
    }
}
