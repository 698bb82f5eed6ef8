package io.tapbus.runtime.membership;

import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.idempotency.BoundedKeys;
import io.tapbus.runtime.idempotency.KeyMemory;
import io.tapbus.runtime.write.StateTable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Points per person and programme, each programme its own ledger. The only writer of {@code points_balance} and
 * {@code points_entry}. Balances and idempotency keys are held by the write path: a redemption is checked against
 * the writer's balance (two redemptions racing for the last points: the second is refused), and a key already used
 * returns the entry it made instead of posting again.
 */
public final class PointsLedger {
    public static final String MERGE = "MERGE";
    public static final String EARN = "EARN";
    public static final String REDEEM = "REDEEM";
    /** At most this many points per entry (and per balance). */
    public static final long MAX_POINTS = 1_000_000_000L;

    public record Account(String userId, String programmeId) {}

    public record Entry(String entryId, String userId, String programmeId, String kind, long points, long balanceAfter,
                        String idempotencyKey, String memberNumber, String reference, Instant createdAt) {}

    /** A posting's answer: the entry and whether it was made before (a repeat of the same key). */
    public record Posted(Entry entry, boolean replayed) {}

    private record KeyOf(String programmeId, String idempotencyKey) {}

    private final Jdbi jdbi;
    private final StateTable<Account, Long> balances;
    private final StateTable<KeyOf, Entry> keys;
    private final BoundedKeys<KeyOf> keysInMemory;

    public PointsLedger(Jdbi jdbi, KeyMemory memory) {
        this.jdbi = jdbi;
        balances = new StateTable<>("points_balance", jdbi,
                (h, a) -> h.createQuery("SELECT points FROM points_balance WHERE user_id = ? AND programme_id = ?")
                        .bind(0, a.userId()).bind(1, a.programmeId()).mapTo(Long.class).findOne().orElse(null),
                (batch, a, points, exists) -> {
                    if (exists) {
                        batch.stage("UPDATE points_balance SET points = ? WHERE user_id = ? AND programme_id = ?", points,
                                a.userId(), a.programmeId());
                    } else {
                        batch.stage("INSERT INTO points_balance(user_id, programme_id, points) VALUES (?, ?, ?)", a.userId(),
                                a.programmeId(), points);
                    }
                });
        keys = new StateTable<>("points_entry keys", jdbi,
                (h, k) -> h.createQuery("SELECT * FROM points_entry WHERE programme_id = ? AND idempotency_key = ?")
                        .bind(0, k.programmeId()).bind(1, k.idempotencyKey())
                        .map((rs, ctx) -> new Entry(rs.getString("entry_id"), rs.getString("user_id"),
                                rs.getString("programme_id"), rs.getString("kind"), rs.getLong("points"),
                                rs.getLong("balance_after"), rs.getString("idempotency_key"), rs.getString("member_number"),
                                rs.getString("reference"), rs.getTimestamp("created_at").toInstant()))
                        .findOne().orElse(null),
                (batch, k, entry, exists) -> {
                    // the points_entry row itself is staged by post()
                });
        keysInMemory = memory.bound(keys); // recent keys in memory; older ones read back from their rows
    }

    /** The balance as last made durable (0 when the person never had points of the programme). */
    public long balance(String userId, String programmeId) {
        Long v = balances.read(new Account(userId, programmeId));
        return v == null ? 0 : v;
    }

    /**
     * Posts a change of the balance inside the caller's write unit: {@code points} positive for MERGE and EARN,
     * taken off for REDEEM. A key used before in the programme answers its first entry when the change is the same,
     * and is a conflict when it is not.
     *
     * @throws DomainError CONFLICT when a redemption is above the balance or the key was used for another change
     */
    Posted post(Batch batch, String userId, String programmeId, String kind, long points, String idempotencyKey,
            String memberNumber, String reference) {
        if (points <= 0 || points > MAX_POINTS) {
            throw DomainError.invalid("points must be 1 to " + MAX_POINTS);
        }
        KeyOf key = new KeyOf(programmeId, idempotencyKey);
        Entry earlier = batch.state(keys, key);
        long signed = REDEEM.equals(kind) ? -points : points;
        if (earlier != null) {
            if (earlier.kind().equals(kind) && earlier.points() == signed && earlier.userId().equals(userId)) {
                return new Posted(earlier, true);
            }
            throw DomainError.conflict("idempotency key " + idempotencyKey + " was used for another points change ("
                    + earlier.kind() + " " + Math.abs(earlier.points()) + ")");
        }
        Account account = new Account(userId, programmeId);
        Long had = batch.state(balances, account);
        long before = had == null ? 0 : had;
        long after = before + signed;
        if (after < 0) {
            throw DomainError.conflict("INSUFFICIENT_POINTS: the balance of " + programmeId + " is " + before
                    + " points, " + points + " cannot be redeemed");
        }
        if (after > MAX_POINTS) {
            throw DomainError.conflict("the balance of " + programmeId + " would be above " + MAX_POINTS + " points");
        }
        Entry entry = new Entry("PE-" + UUID.randomUUID(), userId, programmeId, kind, signed, after, idempotencyKey,
                memberNumber, reference, Instant.now());
        batch.stage("INSERT INTO points_entry(entry_id, user_id, programme_id, kind, points, balance_after, idempotency_key,"
                        + " member_number, reference, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                entry.entryId(), userId, programmeId, kind, signed, after, idempotencyKey, memberNumber, reference,
                entry.createdAt());
        batch.put(balances, account, after);
        batch.put(keys, key, entry);
        keysInMemory.used(batch, key);
        return new Posted(entry, false);
    }

    /** The person's last entries of a programme, newest first (reads the table). */
    public List<Entry> recent(String userId, String programmeId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM points_entry WHERE user_id = ? AND programme_id = ?"
                        + " ORDER BY created_at DESC, entry_id DESC LIMIT ?").bind(0, userId).bind(1, programmeId).bind(2, limit)
                .map((rs, ctx) -> new Entry(rs.getString("entry_id"), rs.getString("user_id"), rs.getString("programme_id"),
                        rs.getString("kind"), rs.getLong("points"), rs.getLong("balance_after"), rs.getString("idempotency_key"),
                        rs.getString("member_number"), rs.getString("reference"), rs.getTimestamp("created_at").toInstant()))
                .list());
    }
}
