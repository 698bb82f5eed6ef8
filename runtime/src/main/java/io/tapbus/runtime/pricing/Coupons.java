package io.tapbus.runtime.pricing;

import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.StateTable;
import io.tapbus.runtime.write.WritePath;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Coupons and their states: writer-held state, the one writer of the {@code coupon} table. Issue, claim, revoke and
 * redeem are write units, each checked against the writer's own value of the coupon, so a coupon is redeemed once
 * however many payments race for it. Every change is an event to the campaign's publisher; an issue also sends the
 * coupon to the person's phone when its campaign asks for it ({@link CouponNotices}, in the same unit).
 */
public final class Coupons {
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WritePath writes;
    private final EventOutbox outbox;
    private final StateTable<String, Coupon> coupons;
    /** Per campaign and person: the code of the coupon tag scans gave (coupon's own rows are the index). */
    private final StateTable<CampaignCounters.PersonKey, String> fromScans;
    /** The SMS and MMS of coupons whose campaign asks for them, in the issuing unit (null: none). */
    private volatile CouponNotices notices;

    public Coupons(Jdbi jdbi, WritePath writes, EventOutbox outbox) {
        this.writes = writes;
        this.outbox = outbox;
        this.coupons = new StateTable<>("coupon", jdbi,
                (h, code) -> h.createQuery("SELECT code, campaign_id, person_id, state, issued_via, valid_until, payment_id, issued_at,"
                        + " changed_at FROM coupon WHERE code = ?").bind(0, code).map((rs, ctx) -> new Coupon(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), instant(rs.getTimestamp(6)), rs.getString(7),
                        instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)))).findOne().orElse(null),
                (batch, code, c, exists) -> {
                    if (exists) {
                        batch.stage("UPDATE coupon SET state = ?, payment_id = ?, changed_at = ? WHERE code = ?", c.state(), c.paymentId(),
                                c.changedAt(), code);
                    } else {
                        batch.stage("INSERT INTO coupon(code, campaign_id, person_id, state, issued_via, valid_until, payment_id, issued_at,"
                                        + " changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", code, c.campaignId(), c.personId(), c.state(),
                                c.issuedVia(), c.validUntil(), c.paymentId(), c.issuedAt(), c.changedAt());
                    }
                });
        this.fromScans = new StateTable<>("coupon by tag scan", jdbi,
                (h, k) -> h.createQuery("SELECT code FROM coupon WHERE campaign_id = ? AND person_id = ? AND issued_via = 'TAG_SCAN'"
                                + " ORDER BY issued_at").bind(0, k.campaignId()).bind(1, k.personId()).mapTo(String.class)
                        .findFirst().orElse(null),
                (batch, k, code, exists) -> {
                    // nothing of its own to store: the coupon row is the index
                });
    }

    /** Sends the coupons of campaigns that ask for it to their person's phone, from now on. */
    void notifyBy(CouponNotices couponNotices) {
        this.notices = couponNotices;
    }

    /**
     * In a tag scan's write unit: the person's coupon of the campaign from tag scans, issued now when there is none
     * (exactly once per person and campaign); null when the one given is no longer usable. The caller checked the
     * campaign's budget and limits against the writer's values.
     */
    String issueOnce(Batch batch, Campaign campaign, String personId) {
        CampaignCounters.PersonKey key = new CampaignCounters.PersonKey(campaign.campaignId(), personId);
        String given = batch.state(fromScans, key);
        Instant now = Instant.now();
        if (given != null) {
            Coupon c = batch.state(coupons, given);
            return c != null && c.usable(now) ? given : null;
        }
        Coupon c = new Coupon(newCode(), campaign.campaignId(), personId, "ISSUED", "TAG_SCAN", campaign.definition().endsAt(),
                null, now, now);
        if (batch.state(coupons, c.code()) != null) {
            throw new IllegalStateException("coupon code clash");
        }
        batch.put(coupons, c.code(), c);
        batch.put(fromScans, key, c.code());
        outbox.add(batch, event("coupon.issued", campaign, c, Map.of("via", "TAG_SCAN")));
        sendToPhone(batch, campaign, c);
        return c.code();
    }

    /** Issues a new coupon of {@code campaign} to a person. */
    public Coupon issue(Campaign campaign, String personId, String via, Instant validUntil) {
        if (!campaign.active()) {
            throw DomainError.conflict("campaign " + campaign.campaignId() + " is " + campaign.status());
        }
        Instant until = validUntil != null ? validUntil : campaign.definition().endsAt();
        Instant now = Instant.now();
        Coupon c = new Coupon(newCode(), campaign.campaignId(), personId, "ISSUED", via, until, null, now, now);
        return writes.execute(batch -> {
            if (batch.state(coupons, c.code()) != null) {
                throw DomainError.conflict("coupon code clash, issue again");
            }
            batch.put(coupons, c.code(), c);
            outbox.add(batch, event("coupon.issued", campaign, c, Map.of("via", via)));
            sendToPhone(batch, campaign, c);
            return c;
        });
    }

    /** The person takes the coupon into their wallet: ISSUED to CLAIMED (claiming again answers the same). */
    public Coupon claim(String code, String personId, Campaign campaign) {
        return writes.execute(batch -> {
            Coupon c = held(batch, code, personId);
            if (c.state().equals("CLAIMED")) {
                return c;
            }
            if (!c.usable(Instant.now())) {
                throw DomainError.conflict("coupon " + code + " is " + c.shownState(Instant.now()) + " and cannot be claimed");
            }
            Coupon claimed = c.moved("CLAIMED", null, Instant.now());
            batch.put(coupons, code, claimed);
            outbox.add(batch, event("coupon.claimed", campaign, claimed, Map.of()));
            return claimed;
        });
    }

    /** The publisher revokes a coupon that was not redeemed (revoking again answers the same). */
    public Coupon revoke(String code, Campaign campaign) {
        return writes.execute(batch -> {
            Coupon c = batch.state(coupons, code);
            if (c == null || !c.campaignId().equals(campaign.campaignId())) {
                throw DomainError.notFound("coupon " + code);
            }
            if (c.state().equals("REVOKED")) {
                return c;
            }
            if (c.state().equals("REDEEMED")) {
                throw DomainError.conflict("coupon " + code + " was redeemed by payment " + c.paymentId());
            }
            Coupon revoked = c.moved("REVOKED", null, Instant.now());
            batch.put(coupons, code, revoked);
            outbox.add(batch, event("coupon.revoked", campaign, revoked, Map.of()));
            return revoked;
        });
    }

    /** In a payment's unit: the coupon must still be the person's and usable; it becomes REDEEMED by the payment. */
    Coupon redeem(Batch batch, String code, String personId, String paymentId) {
        Coupon c = batch.state(coupons, code);
        if (c == null || !c.personId().equals(personId) || !c.usable(Instant.now())) {
            throw new io.tapbus.runtime.payment.Redemption.OfferUnavailable("coupon " + code + " is "
                    + (c == null ? "unknown" : c.shownState(Instant.now())) + ": redeemed, revoked or expired meanwhile");
        }
        Coupon redeemed = c.moved("REDEEMED", paymentId, Instant.now());
        batch.put(coupons, code, redeemed);
        return redeemed;
    }

    /** The last durable value of a coupon (null when unknown). */
    public Coupon find(String code) {
        return code == null || code.length() > 40 ? null : coupons.read(code);
    }

    private void sendToPhone(Batch batch, Campaign campaign, Coupon c) {
        CouponNotices n = notices;
        if (n != null) {
            n.issued(batch, campaign, c);
        }
    }

    private Coupon held(Batch batch, String code, String personId) {
        Coupon c = batch.state(coupons, code);
        if (c == null || !c.personId().equals(personId)) {
            throw DomainError.notFound("coupon " + code + " of this person");
        }
        return c;
    }

    static BusinessEvent event(String type, Campaign campaign, Coupon c, Map<String, Object> more) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("couponCode", c.code());
        data.put("campaignId", c.campaignId());
        data.put("state", c.state());
        data.putAll(more);
        return BusinessEvent.of(type, c.code(), campaign.campaignId(), campaign.advertiserId(), data);
    }

    private static String newCode() {
        StringBuilder s = new StringBuilder("CPN-");
        for (int i = 0; i < 12; i++) {
            s.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return s.toString();
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
