package io.tapbus.runtime.segments;

import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.platform.AuditLog;
import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.StateTable;
import io.tapbus.runtime.write.WritePath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Audience segments of people ("students", "commuters", "vip"), which campaigns name in {@code segments}. The only
 * writer of {@code person_segment}: each person's membership of a segment, the person's set of segments and each
 * segment's size are held by the write path, so the pricing reads them without a query per basket and a change is
 * audited in the same unit that makes it. Persons are checked to exist by the caller ({@link SegmentsApi}).
 */
public final class Segments {
    /** A segment name: a letter or digit, then letters, digits, '.', '_' or '-', up to 64 in all. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** The most persons one bulk change names. */
    static final int MAX_BULK = 1000;

    record Key(String userId, String segment) {}

    record Entry(String userId, String segment, boolean member, String changedBy, Instant changedAt) {}

    /** What a bulk change did: persons added, removed, already as asked, and the segment's size after it. */
    public record BulkOutcome(String segment, int added, int removed, int unchanged, long size) {}

    private final WritePath writes;
    private final AuditLog audit;
    private final StateTable<Key, Entry> entries;
    private final StateTable<String, Set<String>> byUser;
    private final StateTable<String, Long> sizes;

    public Segments(Jdbi jdbi, WritePath writes, AuditLog audit) {
        this.writes = writes;
        this.audit = audit;
        entries = new StateTable<>("person_segment", jdbi,
                (h, k) -> h.createQuery("SELECT member, changed_by, changed_at FROM person_segment WHERE user_id = ? AND segment = ?")
                        .bind(0, k.userId()).bind(1, k.segment())
                        .map((rs, ctx) -> new Entry(k.userId(), k.segment(), rs.getBoolean(1), rs.getString(2),
                                rs.getTimestamp(3).toInstant()))
                        .findOne().orElse(null),
                (batch, k, e, exists) -> {
                    if (exists) {
                        batch.stage("UPDATE person_segment SET member = ?, changed_by = ?, changed_at = ? WHERE user_id = ? AND segment = ?",
                                e.member(), e.changedBy(), e.changedAt(), k.userId(), k.segment());
                    } else {
                        batch.stage("INSERT INTO person_segment(user_id, segment, member, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)",
                                k.userId(), k.segment(), e.member(), e.changedBy(), e.changedAt());
                    }
                });
        byUser = new StateTable<>("person_segment by user", jdbi,
                (h, userId) -> new TreeSet<>(h.createQuery("SELECT segment FROM person_segment WHERE user_id = ? AND member")
                        .bind(0, userId).mapTo(String.class).list()),
                (batch, userId, set, exists) -> {
                    // nothing of its own to store: person_segment's rows are the index
                });
        sizes = new StateTable<>("person_segment size", jdbi,
                (h, segment) -> h.createQuery("SELECT COUNT(*) FROM person_segment WHERE segment = ? AND member")
                        .bind(0, segment).mapTo(Long.class).one(),
                (batch, segment, size, exists) -> {
                    // counted from person_segment's rows
                });
    }

    /** Checks a segment name, with the reason when it is wrong. */
    public static String checkName(String segment) {
        if (segment == null || segment.isBlank()) {
            throw DomainError.invalid("a segment name is required");
        }
        if (!NAME.matcher(segment).matches()) {
            throw DomainError.invalid("a segment name is 1 to 64 letters, digits, '.', '_' or '-' (starting with a letter or digit)");
        }
        return segment;
    }

    /** Puts the person in the segment or takes them out (nothing changes when they already are as asked). */
    public List<String> set(String userId, String segment, boolean member, String actor) {
        checkName(segment);
        return writes.execute(batch -> {
            change(batch, userId, segment, member, actor);
            return List.copyOf(of(batch, userId));
        });
    }

    /** Adds and removes many persons at once, in one write unit: all or nothing. A person in both lists is refused. */
    public BulkOutcome bulk(String segment, List<String> add, List<String> remove, String actor) {
        checkName(segment);
        Set<String> in = new LinkedHashSet<>(add == null ? List.of() : add);
        Set<String> out = new LinkedHashSet<>(remove == null ? List.of() : remove);
        if (in.isEmpty() && out.isEmpty() || in.size() + out.size() > MAX_BULK) {
            throw DomainError.invalid("a bulk change names 1 to " + MAX_BULK + " persons in add and remove");
        }
        List<String> both = new ArrayList<>(in);
        both.retainAll(out);
        if (!both.isEmpty()) {
            throw DomainError.invalid("a person is both added and removed: " + both.get(0));
        }
        return writes.execute(batch -> {
            int added = 0;
            int removed = 0;
            for (String userId : in) {
                added += change(batch, userId, segment, true, actor) ? 1 : 0;
            }
            for (String userId : out) {
                removed += change(batch, userId, segment, false, actor) ? 1 : 0;
            }
            Long size = batch.state(sizes, segment);
            return new BulkOutcome(segment, added, removed, in.size() + out.size() - added - removed, size == null ? 0 : size);
        });
    }

    /** The person's segments as last made durable (any thread; no query once read). */
    public List<String> of(String userId) {
        Set<String> set = byUser.read(userId);
        return set == null ? List.of() : List.copyOf(set);
    }

    /** How many persons the segment holds, as last made durable. */
    public long size(String segment) {
        Long size = sizes.read(checkName(segment));
        return size == null ? 0 : size;
    }

    private Set<String> of(Batch batch, String userId) {
        Set<String> set = batch.state(byUser, userId);
        return set == null ? Set.of() : set;
    }

    /** One person's change inside a write unit; true when it changed anything. */
    private boolean change(Batch batch, String userId, String segment, boolean member, String actor) {
        Set<String> had = of(batch, userId);
        if (had.contains(segment) == member) {
            return false;
        }
        Instant now = Instant.now();
        batch.put(entries, new Key(userId, segment), new Entry(userId, segment, member, actor, now));
        Set<String> after = new TreeSet<>(had);
        if (member) {
            after.add(segment);
        } else {
            after.remove(segment);
        }
        batch.put(byUser, userId, after);
        Long size = batch.state(sizes, segment);
        batch.put(sizes, segment, (size == null ? 0 : size) + (member ? 1 : -1));
        audit.record(batch, actor, member ? "segment.add" : "segment.remove", userId, "segment=" + segment);
        return true;
    }
}
