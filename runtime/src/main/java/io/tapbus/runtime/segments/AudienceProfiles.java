package io.tapbus.runtime.segments;

import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.pricing.BasketPricer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whom a person is to campaigns, all of it: the tiers of another source (the membership service's merged cards), the
 * person's segments ({@link Segments}) and when they joined the platform (their registration, {@code app_user.created_at},
 * which never changes: read once per person and kept). Whether that makes them a new member for a campaign is the
 * basket-pricing rules' decision (the campaign's {@code newMemberDays}, else new-members.csv).
 */
public final class AudienceProfiles implements BasketPricer.Profiles {
    private final BasketPricer.Profiles tiers;
    private final Segments segments;
    private final UserService users;
    private final Map<String, Instant> joined = new ConcurrentHashMap<>();

    public AudienceProfiles(BasketPricer.Profiles tiers, Segments segments, UserService users) {
        this.tiers = tiers;
        this.segments = segments;
        this.users = users;
    }

    @Override
    public BasketPricer.Profile of(String personId) {
        BasketPricer.Profile base = tiers.of(personId);
        TreeSet<String> all = new TreeSet<>(base.segments());
        all.addAll(segments.of(personId));
        Instant joinedAt = base.joinedAt() != null ? base.joinedAt() : joinedAt(personId);
        return new BasketPricer.Profile(base.tiers(), List.copyOf(all), base.newMember(), joinedAt);
    }

    /** When the person registered with the platform, or null for no such person (not kept: they may register later). */
    Instant joinedAt(String personId) {
        Instant known = joined.get(personId);
        if (known != null) {
            return known;
        }
        Instant at = users.findUser(personId).map(UserService.User::createdAt).orElse(null);
        if (at != null) {
            joined.put(personId, at);
        }
        return at;
    }
}
