package io.tapbus.runtime.platform;

import io.tapbus.runtime.domain.ConcurrentChange;
import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.StateTable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;

/**
 * What each card spent per UTC day (the daily limits' fact). Held by the write path: read from
 * {@code card_daily_spend} once per card and day, changed only by the writer, one row per card and day.
 */
public final class DailySpend {
    record Key(String cardUid, LocalDate day) {}

    private final StateTable<Key, Long> spent;

    public DailySpend(Jdbi jdbi) {
        spent = new StateTable<>("card_daily_spend", jdbi,
                (h, k) -> h.createQuery("SELECT spent_minor FROM card_daily_spend WHERE card_uid = ? AND spend_day = ?")
                        .bind(0, k.cardUid()).bind(1, k.day()).mapTo(Long.class).findOne().orElse(null),
                (batch, k, v, exists) -> {
                    if (exists) {
                        batch.stage("UPDATE card_daily_spend SET spent_minor = ? WHERE card_uid = ? AND spend_day = ?", v, k.cardUid(), k.day());
                    } else {
                        batch.stage("INSERT INTO card_daily_spend(card_uid, spend_day, spent_minor) VALUES (?, ?, ?)", k.cardUid(), k.day(), v);
                    }
                });
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Today's spend of a card as last made durable (for gathering facts). */
    public long today(String cardUid) {
        Long v = spent.read(new Key(cardUid, today()));
        return v == null ? 0 : v;
    }

    /** Today's spend as this unit sees it. */
    public long current(Batch batch, String cardUid) {
        Long now = batch.state(spent, new Key(cardUid, today()));
        return now == null ? 0 : now;
    }

    /** Throws {@link ConcurrentChange} unless today's spend is still what the rules saw. */
    public void check(Batch batch, String cardUid, long seen) {
        Long now = batch.state(spent, new Key(cardUid, today()));
        if ((now == null ? 0 : now) != seen) {
            throw new ConcurrentChange("the card was used elsewhere while this payment was decided; tap again");
        }
    }

    /**
     * Adds an approved amount to today's spend, only if the spend is still what the rules saw; two
     * payments of one card cannot both pass the daily limit.
     */
    public void add(Batch batch, String cardUid, long seen, long amount) {
        Key key = new Key(cardUid, today());
        Long now = batch.state(spent, key);
        long current = now == null ? 0 : now;
        if (current != seen) {
            throw new ConcurrentChange("the card was used elsewhere while this payment was decided; tap again");
        }
        batch.put(spent, key, current + amount);
    }

    /** Gives back a reversed amount (never below zero). */
    public void refund(Batch batch, String cardUid, LocalDate day, long amount) {
        Key key = new Key(cardUid, day);
        Long now = batch.state(spent, key);
        if (now != null) {
            batch.put(spent, key, Math.max(0, now - amount));
        }
    }
}
