package io.tapbus.runtime.platform;

import io.tapbus.runtime.write.StateTable;
import org.jdbi.v3.core.Jdbi;

/**
 * The facts about a universal card that every tap and payment needs (its status and its account), kept in
 * memory after the first read. The card's own service forgets a card whenever it changes it, so the next
 * request reads the new status.
 */
public final class CardDirectory {
    /** A card's status and stored-value account (null when it has none). */
    public record CardFact(String status, String accountId) {}

    private final StateTable<String, CardFact> cards;

    public CardDirectory(Jdbi jdbi) {
        cards = new StateTable<>("card", jdbi,
                (h, uid) -> h.createQuery("SELECT status, account_id FROM card WHERE card_uid = ?").bind(0, uid)
                        .map((rs, ctx) -> new CardFact(rs.getString(1), rs.getString(2))).findOne().orElse(null),
                (batch, uid, fact, exists) -> {
                    throw new IllegalStateException("cards are changed by UserService, not by the write path");
                });
    }

    /** The card's facts, or null for a card the platform does not know. */
    public CardFact find(String cardUid) {
        return cards.read(cardUid);
    }

    /** Called after a card's row changed (issued, activated, blocked, replaced). */
    public void forget(String cardUid) {
        cards.forget(cardUid);
    }
}
