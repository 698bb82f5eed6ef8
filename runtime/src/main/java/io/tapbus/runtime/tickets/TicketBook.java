package io.tapbus.runtime.tickets;

import io.tapbus.runtime.idempotency.BoundedKeys;
import io.tapbus.runtime.idempotency.KeyMemory;
import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.StateTable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * The one writer of {@code ticket}: issued tickets and their state that decides (status, uses left, last use), held by
 * the write path. A ticket is read from its row once; after that only the writer changes it, so two gates racing on
 * the last use of a ticket are decided one after the other on the same state. Issue keys (seller, idempotency key)
 * are held the same way, so a retried issue answers the first ticket.
 */
public final class TicketBook {
    private static final String COLUMNS = "ticket_id, seller_id, idempotency_key, kind, product, zones, valid_from, valid_until,"
            + " uses, uses_left, status, price_minor, currency, account_id, card_uid, key_id, payload, txn_id, refund_txn_id,"
            + " last_line, last_used_at, created_at";
    private static final String SELECT = "SELECT " + COLUMNS + ", on_card_at, on_card_payment FROM ticket";

    private final StateTable<String, TicketState> tickets;
    private final StateTable<String, String> issueKeys;
    private final BoundedKeys<String> issueKeysInMemory;
    private final Jdbi jdbi;
    /** Universal cards that had a ticket issued to them (loaded once, then kept by issue): others need no query. */
    private final Set<String> cardsWithTickets = ConcurrentHashMap.newKeySet();
    private volatile boolean cardsLoaded;

    public TicketBook(Jdbi jdbi, KeyMemory memory) {
        this.jdbi = jdbi;
        tickets = new StateTable<>("ticket", jdbi,
                (h, id) -> h.createQuery(SELECT + " WHERE ticket_id = ?").bind(0, id)
                        .map((rs, ctx) -> row(rs)).findOne().orElse(null),
                (batch, id, t, exists) -> {
                    if (exists) {
                        batch.stage("UPDATE ticket SET uses_left = ?, status = ?, refund_txn_id = ?, last_line = ?, last_used_at = ?,"
                                        + " on_card_at = ?, on_card_payment = ?, updated_at = ? WHERE ticket_id = ?", t.usesLeft(), t.status(),
                                t.refundTxnId(), t.lastLine(), ts(t.lastUsedAt()), ts(t.onCardAt()), t.onCardPayment(),
                                Timestamp.from(Instant.now()), id);
                    } else {
                        batch.stage("INSERT INTO ticket(" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                        + " ?, ?, ?, ?, ?, ?, ?)", t.ticketId(), t.sellerId(), t.idempotencyKey(), t.kind(), t.product(),
                                t.zones(), ts(t.validFrom()), ts(t.validUntil()), t.uses(), t.usesLeft(), t.status(), t.priceMinor(),
                                t.currency(), t.accountId(), t.cardUid(), t.keyId(), t.payload(), t.txnId(), t.refundTxnId(),
                                t.lastLine(), ts(t.lastUsedAt()), ts(t.createdAt()), ts(t.createdAt()));
                    }
                });
        issueKeys = new StateTable<>("ticket.idempotency_key", jdbi,
                (h, key) -> h.createQuery("SELECT ticket_id FROM ticket WHERE seller_id = ? AND idempotency_key = ?")
                        .bind(0, key.substring(0, key.indexOf('\n'))).bind(1, key.substring(key.indexOf('\n') + 1))
                        .mapTo(String.class).findOne().orElse(null),
                (batch, key, id, exists) -> { }); // stored by the ticket's own row
        issueKeysInMemory = memory.bound(issueKeys); // recent keys in memory; older ones read back from the rows
    }

    /** The ticket as this write unit sees it (null when there is none). */
    public TicketState state(Batch batch, String ticketId) {
        return batch.state(tickets, ticketId);
    }

    /** The ticket as last made durable (for facts before a decision, and for queries), or empty. */
    public Optional<TicketState> find(String ticketId) {
        return Optional.ofNullable(tickets.read(ticketId));
    }

    /** The ticket a seller already issued under this idempotency key, in this write unit's view. */
    public String issuedFor(Batch batch, String sellerId, String idempotencyKey) {
        return batch.state(issueKeys, sellerId + "\n" + idempotencyKey);
    }

    /**
     * Up to {@code max} tickets issued to the universal card that are not on it yet, oldest first, as last made durable
     * (the writer checks again when the card reports the write).
     */
    public List<TicketState> awaitingCard(String cardUid, Instant now, int max) {
        List<String> ids = jdbi.withHandle(h -> h.createQuery("SELECT ticket_id FROM ticket WHERE card_uid = ? AND status = ?"
                        + " AND on_card_at IS NULL AND valid_until > ? ORDER BY created_at, ticket_id")
                .bind(0, cardUid).bind(1, TicketState.ISSUED).bind(2, Timestamp.from(now)).setMaxRows(max * 4)
                .mapTo(String.class).list());
        List<TicketState> out = new ArrayList<>();
        for (String id : ids) {
            TicketState t = tickets.read(id); // the writer's durable view is newer than a row written behind it
            if (t != null && t.awaitsCard() && out.size() < max) {
                out.add(t);
            }
        }
        return out;
    }

    /** False when no ticket was ever issued to the card (then {@link #awaitingCard} has nothing): answered from memory. */
    public boolean mayAwaitCard(String cardUid) {
        if (!cardsLoaded) {
            cardsWithTickets.addAll(jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT card_uid FROM ticket WHERE card_uid IS NOT NULL"
                    + " AND on_card_at IS NULL").mapTo(String.class).list()));
            cardsLoaded = true;
        }
        return cardsWithTickets.contains(cardUid);
    }

    /** Stores a new ticket (its row is written with the batch). */
    public void issue(Batch batch, TicketState ticket) {
        batch.put(tickets, ticket.ticketId(), ticket);
        batch.put(issueKeys, ticket.sellerId() + "\n" + ticket.idempotencyKey(), ticket.ticketId());
        issueKeysInMemory.used(batch, ticket.sellerId() + "\n" + ticket.idempotencyKey());
        if (ticket.cardUid() != null) {
            cardsWithTickets.add(ticket.cardUid()); // before it is durable: a query that finds nothing yet costs nothing
        }
    }

    /** Replaces a ticket's state (a counted use, a refund). */
    public void update(Batch batch, TicketState ticket) {
        batch.put(tickets, ticket.ticketId(), ticket);
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static TicketState row(ResultSet rs) throws SQLException {
        return new TicketState(rs.getString("ticket_id"), rs.getString("seller_id"), rs.getString("idempotency_key"),
                rs.getString("kind"), rs.getString("product"), rs.getString("zones"), instant(rs, "valid_from"),
                instant(rs, "valid_until"), rs.getInt("uses"), rs.getInt("uses_left"), rs.getString("status"), rs.getLong("price_minor"),
                rs.getString("currency"), rs.getString("account_id"), rs.getString("card_uid"), rs.getString("key_id"),
                rs.getString("payload"), rs.getString("txn_id"), rs.getString("refund_txn_id"), rs.getString("last_line"),
                instant(rs, "last_used_at"), instant(rs, "created_at"), instant(rs, "on_card_at"), rs.getString("on_card_payment"));
    }
}
