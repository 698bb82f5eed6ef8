package io.tapbus.runtime.pricing;

import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.StateTable;
import org.jdbi.v3.core.Jdbi;

/**
 * What campaigns spent (money, redemptions) and how often each person redeemed each: writer-held state, the one writer
 * of {@code campaign_spend} and {@code campaign_person}. Read by any thread for pricing; changed only in write units.
 */
public final class CampaignCounters {
    /** Spent money and redemptions (a unit of a units budget is one redemption). */
    public record Spent(long spentMinor, long redemptions) {
        public static final Spent NONE = new Spent(0, 0);

        Spent plus(long amountMinor) {
            return new Spent(spentMinor + amountMinor, redemptions + 1);
        }
    }

    record PersonKey(String campaignId, String personId) {}

    private final StateTable<String, Spent> spent;
    private final StateTable<PersonKey, Integer> person;

    public CampaignCounters(Jdbi jdbi) {
        spent = new StateTable<>("campaign_spend", jdbi,
                (h, id) -> h.createQuery("SELECT spent_minor, redemptions FROM campaign_spend WHERE campaign_id = ?").bind(0, id)
                        .map((rs, ctx) -> new Spent(rs.getLong(1), rs.getLong(2))).findOne().orElse(null),
                (batch, id, v, exists) -> {
                    if (exists) {
                        batch.stage("UPDATE campaign_spend SET spent_minor = ?, redemptions = ? WHERE campaign_id = ?", v.spentMinor(),
                                v.redemptions(), id);
                    } else {
                        batch.stage("INSERT INTO campaign_spend(campaign_id, spent_minor, redemptions) VALUES (?, ?, ?)", id, v.spentMinor(),
                                v.redemptions());
                    }
                });
        person = new StateTable<>("campaign_person", jdbi,
                (h, k) -> h.createQuery("SELECT redemptions FROM campaign_person WHERE campaign_id = ? AND person_id = ?")
                        .bind(0, k.campaignId()).bind(1, k.personId()).mapTo(Integer.class).findOne().orElse(null),
                (batch, k, v, exists) -> {
                    if (exists) {
                        batch.stage("UPDATE campaign_person SET redemptions = ? WHERE campaign_id = ? AND person_id = ?", v, k.campaignId(),
                                k.personId());
                    } else {
                        batch.stage("INSERT INTO campaign_person(campaign_id, person_id, redemptions) VALUES (?, ?, ?)", k.campaignId(),
                                k.personId(), v);
                    }
                });
    }

    /** The last durable spend (for pricing and for showing). */
    public Spent spent(String campaignId) {
        Spent s = spent.read(campaignId);
        return s == null ? Spent.NONE : s;
    }

    public int byPerson(String campaignId, String personId) {
        Integer n = personId == null ? null : person.read(new PersonKey(campaignId, personId));
        return n == null ? 0 : n;
    }

    /** The spend as this unit sees it. */
    Spent spent(Batch batch, String campaignId) {
        Spent s = batch.state(spent, campaignId);
        return s == null ? Spent.NONE : s;
    }

    int byPerson(Batch batch, String campaignId, String personId) {
        Integer n = batch.state(person, new PersonKey(campaignId, personId));
        return n == null ? 0 : n;
    }

    /** Counts one redemption of {@code amountMinor}; the caller checked the limits against the values it read here. */
    Spent count(Batch batch, String campaignId, String personId, long amountMinor) {
        Spent next = spent(batch, campaignId).plus(amountMinor);
        batch.put(spent, campaignId, next);
        batch.put(person, new PersonKey(campaignId, personId), byPerson(batch, campaignId, personId) + 1);
        return next;
    }
}
