package io.tapbus.runtime.platform;

import io.tapbus.runtime.domain.DomainError;
import io.tapbus.connector.reader.ReaderKey;
import io.tapbus.connector.reader.ReaderKeyResolver;
import io.tapbus.connector.reader.ReaderKeys;
import io.tapbus.connector.reader.ReplayGuard;
import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.BatchContributor;
import io.tapbus.runtime.keys.KeyVault;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * System management: registered card readers and their keys. Each reader's key is diversified from
 * the reader master key and stored sealed under the key-encryption key. Sequence numbers are kept
 * in the database, so a frame replayed after a restart is still refused.
 */
public final class ReaderRegistry implements ReaderKeyResolver, ReplayGuard {
    private static final Pattern READER_ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    private final Jdbi jdbi;
    private final KeyVault vault;
    private final byte[] masterKey;
    private final AuditLog audit;
    /** Opened reader keys, kept 30 s so a reader disabled on another instance is refused within that. */
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private static final long CACHE_MILLIS = 30_000;

    private record Cached(ReaderEntry entry, long until) {}

    /** Last accepted sequence number per reader (Long.MAX_VALUE for an unknown reader: nothing is accepted). */
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();
    private final java.util.Set<String> changedSequences = ConcurrentHashMap.newKeySet();

    public ReaderRegistry(Jdbi jdbi, KeyVault vault, byte[] readerMasterKey, AuditLog audit) {
        this.jdbi = jdbi;
        this.vault = vault;
        this.masterKey = readerMasterKey.clone();
        this.audit = audit;
    }

    public record Reader(String readerId, String merchantId, String status, String location, Instant registeredAt) {}

    /** A reader as the connector needs it: its key and which merchant it belongs to. */
    public record ReaderEntry(String readerId, String merchantId, byte[] key, boolean enabled) {}

    public record Registration(Reader reader, String keyHex) {}

    /** Registers a reader; the key is returned once so it can be loaded into the device. */
    public Registration register(String readerId, String merchantId, String location, String actor) {
        if (readerId == null || !READER_ID.matcher(readerId).matches()) {
            throw DomainError.invalid("readerId must be 1-32 characters of letters, digits, '.', '_' or '-'");
        }
        if (merchantId == null || merchantId.isBlank()) {
            throw DomainError.invalid("merchantId (the merchant partner the reader belongs to) is required");
        }
        if (location != null && location.length() > 200) {
            throw DomainError.invalid("location is longer than 200 characters");
        }
        byte[] key = ReaderKeys.diversify(masterKey, readerId);
        sequences.remove(readerId);
        Instant now = Instant.now();
        jdbi.useTransaction(h -> {
            String kind = h.createQuery("SELECT kind FROM partner WHERE partner_id = ?").bind(0, merchantId)
                    .mapTo(String.class).findOne().orElseThrow(() -> DomainError.notFound("merchant " + merchantId));
            if (!kind.equals("MERCHANT")) {
                throw DomainError.invalid("readers belong to merchants; " + merchantId + " is a " + kind);
            }
            if (h.createQuery("SELECT COUNT(*) FROM reader WHERE reader_id = ?").bind(0, readerId).mapTo(Integer.class).one() > 0) {
                throw DomainError.conflict("reader " + readerId + " is already registered");
            }
            h.createUpdate("INSERT INTO reader(reader_id, merchant_id, key_encrypted, location, registered_at) VALUES (?, ?, ?, ?, ?)")
                    .bind(0, readerId).bind(1, merchantId).bind(2, vault.seal(key, "reader:" + readerId)).bind(3, location)
                    .bind(4, now).execute();
            audit.record(h, actor, "reader.register", readerId, "merchant=" + merchantId);
        });
        return new Registration(new Reader(readerId, merchantId, "ACTIVE", location, now), HexFormat.of().withUpperCase().formatHex(key));
    }

    public Reader setStatus(String readerId, String status, String actor) {
        if (!status.equals("ACTIVE") && !status.equals("DISABLED")) {
            throw DomainError.invalid("status must be ACTIVE or DISABLED");
        }
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("UPDATE reader SET status = ? WHERE reader_id = ?").bind(0, status).bind(1, readerId).execute();
            if (n == 0) {
                throw DomainError.notFound("reader " + readerId);
            }
            audit.record(h, actor, "reader.status", readerId, status);
        });
        cache.remove(readerId);
        return find(readerId).orElseThrow();
    }

    public boolean exists(String readerId) {
        return find(readerId).isPresent();
    }

    public Optional<Reader> find(String readerId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM reader WHERE reader_id = ?").bind(0, readerId)
                .map((rs, ctx) -> new Reader(rs.getString("reader_id"), rs.getString("merchant_id"), rs.getString("status"),
                        rs.getString("location"), rs.getTimestamp("registered_at").toInstant()))
                .findOne());
    }

    public List<Reader> list(String merchantIdOrNull) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM reader WHERE (:m IS NULL OR merchant_id = :m) ORDER BY reader_id")
                .bind("m", merchantIdOrNull)
                .map((rs, ctx) -> new Reader(rs.getString("reader_id"), rs.getString("merchant_id"), rs.getString("status"),
                        rs.getString("location"), rs.getTimestamp("registered_at").toInstant()))
                .list());
    }

    /**
     * A reader's key as an administrator may see it: its check value (ANSI X9.24-1 AES KCV), never the key;
     * {@code UNREADABLE} when the stored key cannot be opened with this bus's key-encryption key.
     */
    public record KeyCheck(String readerId, String merchantId, String status, String location, String keyCheckValue) {}

    /** Every reader with the check value of its key (each key opened from the vault, its bytes never returned). */
    public List<KeyCheck> keyChecks() {
        return jdbi.withHandle(h -> h.createQuery("SELECT reader_id, merchant_id, status, location, key_encrypted FROM reader ORDER BY reader_id")
                .map((rs, ctx) -> new KeyCheck(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        checkValue(rs.getString(5), rs.getString(1))))
                .list());
    }

    /** The check value of a stored key, or UNREADABLE when this key-encryption key cannot open it (the others still show). */
    private String checkValue(String sealed, String readerId) {
        try {
            return ReaderKeys.checkValue(vault.open(sealed, "reader:" + readerId));
        } catch (IllegalStateException e) {
            return "UNREADABLE";
        }
    }

    public Optional<ReaderEntry> entry(String readerId) {
        Cached cached = cache.get(readerId);
        if (cached != null && cached.until() > System.currentTimeMillis()) {
            return Optional.of(cached.entry());
        }
        Optional<ReaderEntry> loaded = jdbi.withHandle(h -> h.createQuery(
                        "SELECT reader_id, merchant_id, status, key_encrypted FROM reader WHERE reader_id = ?")
                .bind(0, readerId)
                .map((rs, ctx) -> new ReaderEntry(rs.getString(1), rs.getString(2),
                        vault.open(rs.getString(4), "reader:" + rs.getString(1)), "ACTIVE".equals(rs.getString(3))))
                .findOne());
        loaded.ifPresentOrElse(e -> cache.put(readerId, new Cached(e, System.currentTimeMillis() + CACHE_MILLIS)),
                () -> cache.remove(readerId));
        return loaded;
    }

    @Override
    public Optional<ReaderKey> resolve(String readerId) {
        return entry(readerId).map(e -> new ReaderKey(e.key(), e.enabled()));
    }

    /**
     * Accepts a frame's sequence number only if it is above every earlier one of the reader. The last
     * number is held in memory (read once per reader) and written with the write path's next batch, so a
     * tap's number is stored in the same commit as the tap, and a replay is refused after a restart too.
     */
    @Override
    public boolean advance(String readerId, long sequence) {
        AtomicLong last = sequences.computeIfAbsent(readerId, id -> new AtomicLong(jdbi.withHandle(h ->
                h.createQuery("SELECT last_sequence FROM reader WHERE reader_id = ?").bind(0, id).mapTo(Long.class).findOne()
                        .orElse(Long.MAX_VALUE))));
        long previous;
        do {
            previous = last.get();
            if (sequence <= previous) {
                return false;
            }
        } while (!last.compareAndSet(previous, sequence));
        changedSequences.add(readerId);
        return true;
    }

    /** Writes the readers' new last sequence numbers with every batch of the write path. */
    public BatchContributor sequenceWriter() {
        return new BatchContributor() {
            @Override
            public boolean pending() {
                return !changedSequences.isEmpty();
            }

            @Override
            public void contribute(Batch batch) {
                for (java.util.Iterator<String> it = changedSequences.iterator(); it.hasNext(); ) {
                    String readerId = it.next();
                    it.remove();
                    long seq = sequences.get(readerId).get();
                    batch.stage("UPDATE reader SET last_sequence = ? WHERE reader_id = ? AND last_sequence < ?", seq, readerId, seq);
                }
            }
        };
    }
}
