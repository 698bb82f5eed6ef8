package io.tapbus.runtime.membership;

import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.StateTable;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The merged-card index: which retailer card is on whose universal card, in which state. The only writer of
 * {@code member_card}. Both the card's row and each person's set of merged cards are held by the write path, so a
 * merge is checked against state no other request can change meanwhile (no card is merged twice, no programme ends
 * up with two surviving cards of one person).
 */
public final class MemberCards {
    public static final String ACTIVE = "ACTIVE";
    public static final String RETIRED = "RETIRED";
    public static final String UNMERGED = "UNMERGED";

    public record Key(String programmeId, String memberNumber) {}

    public record Membership(String programmeId, String memberNumber, String userId, String cardUid, String tier,
                             String memberSince, String status, String decisionId, Instant changedAt) {
        Key key() {
            return new Key(programmeId, memberNumber);
        }

        boolean merged() {
            return !UNMERGED.equals(status);
        }

        Membership with(String newStatus) {
            return new Membership(programmeId, memberNumber, userId, cardUid, tier, memberSince, newStatus, decisionId,
                    Instant.now());
        }
    }

    private final StateTable<Key, Membership> cards;
    /** Per person: the keys of their cards that are merged (ACTIVE or RETIRED). Rows are member_card's own. */
    private final StateTable<String, Set<Key>> byUser;
    /** Per universal card: the keys of the cards merged onto it (ACTIVE or RETIRED). */
    private final StateTable<String, Set<Key>> byCard;

    public MemberCards(Jdbi jdbi) {
        cards = new StateTable<>("member_card", jdbi,
                (h, k) -> h.createQuery("SELECT programme_id, member_number, user_id, card_uid, tier, member_since, status,"
                                + " decision_id, changed_at FROM member_card WHERE programme_id = ? AND member_number = ?")
                        .bind(0, k.programmeId()).bind(1, k.memberNumber())
                        .map((rs, ctx) -> new Membership(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant()))
                        .findOne().orElse(null),
                (batch, k, m, exists) -> {
                    if (exists) {
                        batch.stage("UPDATE member_card SET user_id = ?, card_uid = ?, tier = ?, member_since = ?, status = ?,"
                                        + " decision_id = ?, changed_at = ? WHERE programme_id = ? AND member_number = ?",
                                m.userId(), m.cardUid(), m.tier(), m.memberSince(), m.status(), m.decisionId(), m.changedAt(),
                                k.programmeId(), k.memberNumber());
                    } else {
                        batch.stage("INSERT INTO member_card(programme_id, member_number, user_id, card_uid, tier, member_since,"
                                        + " status, decision_id, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                k.programmeId(), k.memberNumber(), m.userId(), m.cardUid(), m.tier(), m.memberSince(),
                                m.status(), m.decisionId(), m.changedAt());
                    }
                });
        byUser = new StateTable<>("member_card by user", jdbi,
                (h, userId) -> new HashSet<>(h.createQuery("SELECT programme_id, member_number FROM member_card"
                                + " WHERE user_id = ? AND status <> 'UNMERGED'").bind(0, userId)
                        .map((rs, ctx) -> new Key(rs.getString(1), rs.getString(2))).list()),
                (batch, userId, keys, exists) -> {
                    // nothing of its own to store: member_card's rows are the index
                });
        byCard = new StateTable<>("member_card by card", jdbi,
                (h, cardUid) -> new HashSet<>(h.createQuery("SELECT programme_id, member_number FROM member_card"
                                + " WHERE card_uid = ? AND status <> 'UNMERGED'").bind(0, cardUid)
                        .map((rs, ctx) -> new Key(rs.getString(1), rs.getString(2))).list()),
                (batch, cardUid, keys, exists) -> {
                    // as byUser
                });
    }

    /** The card as last made durable (any thread), or null when it was never merged. */
    public Membership find(Key key) {
        return cards.read(key);
    }

    /** The keys of the person's merged cards as last made durable (any thread). */
    public Set<Key> ofUser(String userId) {
        Set<Key> keys = byUser.read(userId);
        return keys == null ? Set.of() : Set.copyOf(keys);
    }

    Membership inWriter(Batch batch, Key key) {
        return batch.state(cards, key);
    }

    Set<Key> ofUserInWriter(Batch batch, String userId) {
        Set<Key> keys = batch.state(byUser, userId);
        return keys == null ? Set.of() : Set.copyOf(keys);
    }

    /** The keys of the cards merged onto a universal card, as the writer holds them (inside a write unit). */
    Set<Key> ofCardInWriter(Batch batch, String cardUid) {
        Set<Key> keys = batch.state(byCard, cardUid);
        return keys == null ? Set.of() : Set.copyOf(keys);
    }

    /** Stores the card's new state and keeps the person's and the universal card's index in step (inside a write unit). */
    void put(Batch batch, Membership m) {
        Membership before = batch.state(cards, m.key());
        batch.put(cards, m.key(), m);
        if (before != null && before.merged()) {
            index(batch, byUser, before.userId(), m.key(), false);
            index(batch, byCard, before.cardUid(), m.key(), false);
        }
        index(batch, byUser, m.userId(), m.key(), m.merged());
        index(batch, byCard, m.cardUid(), m.key(), m.merged());
    }

    private static void index(Batch batch, StateTable<String, Set<Key>> table, String owner, Key key, boolean in) {
        Set<Key> had = batch.state(table, owner);
        Set<Key> keys = had == null ? new HashSet<>() : new HashSet<>(had);
        if (in ? keys.add(key) : keys.remove(key)) {
            batch.put(table, owner, keys);
        }
    }
}
