package io.tapbus.runtime.pricing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.platform.AuditLog;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Campaigns published by advertisers and retailers (partners of kind ADVERTISER or MERCHANT): the one writer of the
 * {@code campaign} table. A publication is an administrative change (audited, committed straight to the database like
 * the other registries); what a campaign spends is writer-held state ({@link CampaignCounters}).
 */
public final class Campaigns {
    private final Jdbi jdbi;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final CampaignIndex index = new CampaignIndex();

    public Campaigns(Jdbi jdbi, AuditLog audit, ObjectMapper json) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.json = json;
        index.putAll(jdbi.withHandle(h -> h.createQuery("SELECT campaign_id, advertiser_id, status, definition, created_at FROM campaign"
                + " WHERE status = 'ACTIVE'").map((rs, ctx) -> campaign(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant())).list()));
    }

    CampaignIndex index() {
        return index;
    }

    public Campaign publish(String advertiserId, CampaignDefinition definition, String actor) {
        CampaignDefinition d = definition.check();
        String id = "CMP-" + UUID.randomUUID().toString().substring(0, 18);
        Campaign c = new Campaign(id, advertiserId, "ACTIVE", d, Instant.now());
        jdbi.useTransaction(h -> {
            requirePublisher(h, advertiserId);
            h.createUpdate("INSERT INTO campaign(campaign_id, advertiser_id, status, definition, starts_at, ends_at, budget_minor,"
                            + " budget_units, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .bind(0, id).bind(1, advertiserId).bind(2, c.status()).bind(3, write(d)).bind(4, d.startsAt()).bind(5, d.endsAt())
                    .bind(6, d.budgetMinor()).bind(7, d.budgetUnits()).bind(8, c.createdAt()).execute();
            audit.record(h, actor, "campaign.publish", id, "kind=" + d.kind() + " priority=" + d.priority());
        });
        index.put(c);
        return c;
    }

    /** The publisher (or an administrator) withdraws a campaign: it prices no more baskets; its coupons stay as they are. */
    public Campaign withdraw(String campaignId, String partnerId, boolean admin, String actor) {
        Campaign c = find(campaignId, partnerId, admin);
        if (!c.active()) {
            return c;
        }
        Campaign withdrawn = new Campaign(c.campaignId(), c.advertiserId(), "WITHDRAWN", c.definition(), c.createdAt());
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE campaign SET status = 'WITHDRAWN' WHERE campaign_id = ?").bind(0, campaignId).execute();
            audit.record(h, actor, "campaign.withdraw", campaignId, "");
        });
        index.put(withdrawn);
        return withdrawn;
    }

    /** A campaign, seen by its publisher or an administrator (404 for others). */
    public Campaign find(String campaignId, String partnerId, boolean admin) {
        return byId(campaignId).filter(c -> admin || c.advertiserId().equals(partnerId))
                .orElseThrow(() -> DomainError.notFound("campaign " + campaignId));
    }

    /** An active campaign from memory, else the table (withdrawn ones). */
    public Optional<Campaign> byId(String campaignId) {
        Campaign c = index.get(campaignId);
        if (c != null) {
            return Optional.of(c);
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT campaign_id, advertiser_id, status, definition, created_at FROM campaign"
                + " WHERE campaign_id = ?").bind(0, campaignId).map((rs, ctx) -> campaign(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getTimestamp(5).toInstant())).findOne());
    }

    /** Every campaign the partner published (active and withdrawn), newest first; all of them for {@code null}. */
    public List<Campaign> publishedBy(String partnerIdOrNull) {
        return jdbi.withHandle(h -> h.createQuery("SELECT campaign_id, advertiser_id, status, definition, created_at FROM campaign"
                + " WHERE (:p IS NULL OR advertiser_id = :p) ORDER BY created_at DESC").bind("p", partnerIdOrNull)
                .map((rs, ctx) -> campaign(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant())).list());
    }

    /** How many of the campaign's coupons are in each recorded state (the coupon table, as the write path last wrote it). */
    public java.util.Map<String, Long> couponCounts(String campaignId) {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT state, COUNT(*) FROM coupon WHERE campaign_id = ? GROUP BY state").bind(0, campaignId)
                .map((rs, ctx) -> java.util.Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    private static void requirePublisher(Handle h, String partnerId) {
        String kind = h.createQuery("SELECT kind FROM partner WHERE partner_id = ?").bind(0, partnerId).mapTo(String.class).findOne()
                .orElseThrow(() -> DomainError.notFound("partner " + partnerId));
        if (!kind.equals("ADVERTISER") && !kind.equals("MERCHANT")) {
            throw DomainError.forbidden("campaigns are published by advertisers and retailers, not by a " + kind);
        }
    }

    private String write(CampaignDefinition d) {
        try {
            return json.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a campaign definition cannot be written as JSON", e);
        }
    }

    private Campaign campaign(String id, String advertiser, String status, String definition, Instant createdAt) {
        try {
            return new Campaign(id, advertiser, status, json.readValue(definition, CampaignDefinition.class), createdAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("campaign " + id + " has an unreadable definition", e);
        }
    }
}
