package io.tapbus.runtime.platform;

import io.tapbus.connector.common.Masking;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.WritePath;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * User management: phone users (MSISDN), their universal cards and consent records.
 * Card lifecycle: ISSUED -> ACTIVE (bound to a phone) -> BLOCKED <-> ACTIVE; ACTIVE or BLOCKED -> REPLACED,
 * the replacement card taking over the user and the stored-value account.
 */
public final class UserService {
    private static final Pattern MSISDN = Pattern.compile("\\+?[1-9][0-9]{6,14}");
    private static final Pattern CARD_UID = Pattern.compile("[0-9A-F]{8,32}");

    private final Jdbi jdbi;
    /** Told about every card change after its commit, so taps and payments read the new facts. */
    private final CardDirectory directory;
    private final AuditLog audit;
    /** Set at wiring: status changes then run as write units and write their {@code card.status} events. */
    private volatile WritePath writes;
    private volatile CardStatusEvents statusEvents;

    public UserService(Jdbi jdbi, AuditLog audit, CardDirectory directory) {
        this.jdbi = jdbi;
        this.directory = directory;
        this.audit = audit;
    }

    /** From now on card status changes (block, unblock, replace) are write units with a {@code card.status} event. */
    public void announceStatusChanges(WritePath writes, CardStatusEvents events) {
        this.statusEvents = events;
        this.writes = writes;
    }

    public record User(String userId, String msisdn, String name, String status, Instant createdAt) {}

    public record Card(String cardUid, String userId, String accountId, String status, String replacedBy, Instant issuedAt) {}

    public record Consent(String purpose, boolean granted, Instant recordedAt) {}

    public User createUser(String msisdn, String name, String actor) {
        String normalized = normalizeMsisdn(msisdn);
        if (name != null && name.length() > 200) {
            throw DomainError.invalid("name is longer than 200 characters");
        }
        String userId = "U-" + UUID.randomUUID();
        Instant now = Instant.now();
        jdbi.useTransaction(h -> {
            if (findUserByMsisdn(h, normalized).isPresent()) {
                throw DomainError.conflict("a user with this MSISDN already exists");
            }
            h.createUpdate("INSERT INTO app_user(user_id, msisdn, name, created_at) VALUES (?, ?, ?, ?)")
                    .bind(0, userId).bind(1, normalized).bind(2, name).bind(3, now).execute();
            audit.record(h, actor, "user.create", userId, null);
        });
        return new User(userId, normalized, name, "ACTIVE", now);
    }

    public Optional<User> findUser(String userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM app_user WHERE user_id = ?").bind(0, userId)
                .map((rs, ctx) -> new User(rs.getString("user_id"), rs.getString("msisdn"), rs.getString("name"),
                        rs.getString("status"), rs.getTimestamp("created_at").toInstant()))
                .findOne());
    }

    public Optional<User> findUserByMsisdn(String msisdn) {
        return jdbi.withHandle(h -> findUserByMsisdn(h, normalizeMsisdn(msisdn)));
    }

    private static Optional<User> findUserByMsisdn(Handle h, String msisdn) {
        return h.createQuery("SELECT * FROM app_user WHERE msisdn = ?").bind(0, msisdn)
                .map((rs, ctx) -> new User(rs.getString("user_id"), rs.getString("msisdn"), rs.getString("name"),
                        rs.getString("status"), rs.getTimestamp("created_at").toInstant()))
                .findOne();
    }

    public void recordConsent(String userId, String purpose, boolean granted, String actor) {
        if (purpose == null || purpose.isBlank() || purpose.length() > 64) {
            throw DomainError.invalid("purpose is required (at most 64 characters)");
        }
        requireUser(userId);
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO consent(user_id, purpose, granted, recorded_at) VALUES (?, ?, ?, ?)")
                    .bind(0, userId).bind(1, purpose).bind(2, granted).bind(3, Instant.now()).execute();
            audit.record(h, actor, granted ? "consent.grant" : "consent.withdraw", userId, purpose);
        });
    }

    public List<Consent> consents(String userId) {
        requireUser(userId);
        return jdbi.withHandle(h -> h.createQuery("SELECT purpose, granted, recorded_at FROM consent WHERE user_id = ? ORDER BY consent_id")
                .bind(0, userId)
                .map((rs, ctx) -> new Consent(rs.getString(1), rs.getBoolean(2), rs.getTimestamp(3).toInstant())).list());
    }

    /** Issues a card with its own stored-value account. The card is ISSUED until bound to a phone. */
    public Card issueCard(String cardUid, String currency, String actor) {
        String uid = normalizeCardUid(cardUid);
        if (currency != null && !currency.equals("CNY")) {
            throw DomainError.invalid("currency must be CNY: the platform float holds CNY only");
        }
        String accountId = "A-" + UUID.randomUUID();
        Instant now = Instant.now();
        jdbi.useTransaction(h -> {
            if (findCard(h, uid).isPresent()) {
                throw DomainError.conflict("card " + Masking.lastFour(uid) + " already exists");
            }
            h.createUpdate("INSERT INTO account(account_id, owner_type, owner_id, kind, currency, created_at) VALUES (?, 'CARD', ?, 'STORED_VALUE', ?, ?)")
                    .bind(0, accountId).bind(1, uid).bind(2, currency == null ? "CNY" : currency).bind(3, now).execute();
            h.createUpdate("INSERT INTO card(card_uid, account_id, status, issued_at, status_changed_at) VALUES (?, ?, 'ISSUED', ?, ?)")
                    .bind(0, uid).bind(1, accountId).bind(2, now).bind(3, now).execute();
            audit.record(h, actor, "card.issue", Masking.lastFour(uid), null);
        });
        directory.forget(uid);
        return new Card(uid, null, accountId, "ISSUED", null, now);
    }

    /** Binds a card to the phone user with this MSISDN and activates it. */
    public Card bindCard(String cardUid, String msisdn, String actor) {
        String uid = normalizeCardUid(cardUid);
        User user = findUserByMsisdn(msisdn).orElseThrow(() -> DomainError.notFound("user with that MSISDN"));
        return forgetAfter(uid, null, transaction((h, batch) -> {
            Card card = findCard(h, uid).orElseThrow(() -> DomainError.notFound("card"));
            if (!card.status().equals("ISSUED") && !(card.status().equals("ACTIVE") && user.userId().equals(card.userId()))) {
                throw DomainError.conflict("card is " + card.status() + "; only an ISSUED card can be bound");
            }
            int changed = h.createUpdate("UPDATE card SET user_id = ?, status = 'ACTIVE', status_changed_at = ? WHERE card_uid = ? AND status = ?")
                    .bind(0, user.userId()).bind(1, Instant.now()).bind(2, uid).bind(3, card.status()).execute();
            if (changed == 0) {
                throw DomainError.conflict("the card changed status meanwhile; read it again");
            }
            h.createUpdate("UPDATE account SET owner_type = 'USER', owner_id = ? WHERE account_id = ?")
                    .bind(0, user.userId()).bind(1, card.accountId()).execute();
            audit.record(h, actor, "card.bind", Masking.lastFour(uid), "user=" + user.userId());
            return findCard(h, uid).orElseThrow();
        }));
    }

    public Card changeStatus(String cardUid, String newStatus, String actor) {
        String uid = normalizeCardUid(cardUid);
        return forgetAfter(uid, null, transaction((h, batch) -> {
            Card card = findCard(h, uid).orElseThrow(() -> DomainError.notFound("card"));
            boolean allowed = switch (newStatus) {
                case "BLOCKED" -> card.status().equals("ACTIVE") || card.status().equals("ISSUED");
                case "ACTIVE" -> card.status().equals("BLOCKED") && card.userId() != null;
                default -> false;
            };
            if (!allowed) {
                throw DomainError.conflict("card cannot go from " + card.status() + " to " + newStatus);
            }
            int changed = h.createUpdate("UPDATE card SET status = ?, status_changed_at = ? WHERE card_uid = ? AND status = ?")
                    .bind(0, newStatus).bind(1, Instant.now()).bind(2, uid).bind(3, card.status()).execute();
            if (changed == 0) {
                throw DomainError.conflict("the card changed status meanwhile; read it again");
            }
            audit.record(h, actor, "card.status", Masking.lastFour(uid), card.status() + "->" + newStatus);
            if (batch != null) {
                statusEvents.changed(batch, uid, card.status(), newStatus, actor, null);
            }
            return findCard(h, uid).orElseThrow();
        }));
    }

    /** Replaces a lost or broken card: the new card takes over the user and the account. */
    public Card replaceCard(String oldUid, String newUid, String actor) {
        String from = normalizeCardUid(oldUid);
        String to = normalizeCardUid(newUid);
        Instant now = Instant.now();
        return forgetAfter(from, to, transaction((h, batch) -> {
            Card old = findCard(h, from).orElseThrow(() -> DomainError.notFound("card"));
            if (!old.status().equals("ACTIVE") && !old.status().equals("BLOCKED")) {
                throw DomainError.conflict("a " + old.status() + " card cannot be replaced");
            }
            if (findCard(h, to).isPresent()) {
                throw DomainError.conflict("replacement card already exists");
            }
            h.createUpdate("INSERT INTO card(card_uid, user_id, account_id, status, issued_at, status_changed_at) VALUES (?, ?, ?, 'ACTIVE', ?, ?)")
                    .bind(0, to).bind(1, old.userId()).bind(2, old.accountId()).bind(3, now).bind(4, now).execute();
            int changed = h.createUpdate("UPDATE card SET status = 'REPLACED', replaced_by = ?, status_changed_at = ? "
                            + "WHERE card_uid = ? AND status = ?")
                    .bind(0, to).bind(1, now).bind(2, from).bind(3, old.status()).execute();
            if (changed == 0) {
                throw DomainError.conflict("the card changed status meanwhile; read it again");
            }
            audit.record(h, actor, "card.replace", Masking.lastFour(from), "by " + Masking.lastFour(to));
            if (batch != null) {
                statusEvents.changed(batch, from, old.status(), "REPLACED", actor, to);
            }
            return findCard(h, to).orElseThrow();
        }));
    }

    /** The body in a write unit on the writer's handle when status events are wired, else in a transaction. */
    private Card transaction(java.util.function.BiFunction<Handle, Batch, Card> body) {
        WritePath path = writes;
        return path == null ? jdbi.inTransaction(h -> body.apply(h, null)) : path.execute(b -> body.apply(b.handle(), b));
    }

    private Card forgetAfter(String uid, String otherUid, Card changed) {
        directory.forget(uid);
        if (otherUid != null) {
            directory.forget(otherUid);
        }
        return changed;
    }

    public Optional<Card> findCard(String cardUid) {
        String uid = normalizeCardUid(cardUid);
        return jdbi.withHandle(h -> findCard(h, uid));
    }

    public List<Card> cardsOf(String userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM card WHERE user_id = ? ORDER BY issued_at")
                .bind(0, userId).map((rs, ctx) -> toCard(rs)).list());
    }

    static Optional<Card> findCard(Handle h, String uid) {
        return h.createQuery("SELECT * FROM card WHERE card_uid = ?").bind(0, uid).map((rs, ctx) -> toCard(rs)).findOne();
    }

    private static Card toCard(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Card(rs.getString("card_uid"), rs.getString("user_id"), rs.getString("account_id"), rs.getString("status"),
                rs.getString("replaced_by"), rs.getTimestamp("issued_at").toInstant());
    }

    private void requireUser(String userId) {
        if (findUser(userId).isEmpty()) {
            throw DomainError.notFound("user " + userId);
        }
    }

    public static String normalizeCardUid(String cardUid) {
        String uid = cardUid == null ? "" : cardUid.strip().toUpperCase(java.util.Locale.ROOT);
        if (!CARD_UID.matcher(uid).matches()) {
            throw DomainError.invalid("card UID must be 8-32 hex digits");
        }
        return uid;
    }

    public static String normalizeMsisdn(String msisdn) {
        String m = msisdn == null ? "" : msisdn.replace(" ", "").replace("-", "");
        if (!MSISDN.matcher(m).matches()) {
            throw DomainError.invalid("msisdn must be an E.164 number, 7-15 digits");
        }
        return m.startsWith("+") ? m : "+" + m;
    }
}
