package io.tapbus.runtime.pricing;

import io.tapbus.runtime.write.WritePath;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * The coupons a person can still use (ISSUED or CLAIMED, not past their date), for the account overview. The table
 * names the person's codes once the write path has caught up; each coupon's state is the writer's own value, the one a
 * redemption is checked against.
 */
public final class PersonCoupons {
    /** A usable coupon and who published its campaign. */
    public record Usable(String code, String campaignId, String publisherId, String state, Instant validUntil) {}

    private final Jdbi jdbi;
    private final WritePath writes;
    private final Coupons coupons;
    private final Campaigns campaigns;

    PersonCoupons(Jdbi jdbi, WritePath writes, Coupons coupons, Campaigns campaigns) {
        this.jdbi = jdbi;
        this.writes = writes;
        this.coupons = coupons;
        this.campaigns = campaigns;
    }

    /** Soonest to expire first (no date last), then by code. */
    public List<Usable> usableBy(String personId) {
        writes.catchUp();
        List<String> codes = jdbi.withHandle(h -> h.createQuery("SELECT code FROM coupon WHERE person_id = ?").bind(0, personId)
                .mapTo(String.class).list());
        Instant now = Instant.now();
        return codes.stream().map(coupons::find).filter(Objects::nonNull)
                .filter(c -> c.personId().equals(personId) && c.usable(now))
                .map(c -> new Usable(c.code(), c.campaignId(), campaigns.byId(c.campaignId()).map(Campaign::advertiserId).orElse(null),
                        c.shownState(now), c.validUntil()))
                .sorted(Comparator.comparing(Usable::validUntil, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Usable::code))
                .toList();
    }
}
