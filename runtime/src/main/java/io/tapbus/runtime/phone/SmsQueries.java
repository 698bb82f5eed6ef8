package io.tapbus.runtime.phone;

import io.tapbus.connector.common.Masking;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads the SMS outbox tables (written by {@link SmsOutbox} only): for the REST API (after the write path's catch-up),
 * and to find candidates on rare paths (a receipt the index does not know, the validity sweeper). What to change is
 * decided by the writer on its own state, never on these rows.
 */
public final class SmsQueries {

    /** A message as the API shows it: never its text. The MSISDN is masked. */
    public record Message(String messageId, String msisdn, String correlation, String state, int partCount,
            Instant createdAt, Instant validUntil, Instant updatedAt, List<Part> parts) {}

    public record Part(int partNo, String state, String smsc, String smscMessageId, int attempts, Integer commandStatus,
            String error) {}

    private final Jdbi jdbi;

    public SmsQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Message> find(String messageId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT message_id, msisdn, correlation, state, part_count, created_at,"
                        + " valid_until, updated_at FROM sms_message WHERE message_id = ?").bind(0, messageId)
                .map((rs, ctx) -> rs.getString(1)).findFirst()).flatMap(id -> list("m.message_id = ?", id, 1).stream()
                .findFirst());
    }

    /**
     * The number a message goes to, unmasked (never shown: for matching it to a phone app user). The number never
     * changes, and its row is in the table before any event of the message is relayed (same journal batch).
     */
    public Optional<String> recipient(String messageId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT msisdn FROM sms_message WHERE message_id = ?")
                .bind(0, messageId).mapTo(String.class).findFirst());
    }

    /** The latest messages with this correlation (a payment's step-up, a reply), newest first. */
    public List<Message> byCorrelation(String correlation, int limit) {
        return list("m.correlation = ?", correlation, limit);
    }

    private List<Message> list(String where, String value, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT message_id, msisdn, correlation, state, part_count, created_at,"
                        + " valid_until, updated_at FROM sms_message m WHERE " + where
                        + " ORDER BY created_at DESC, message_id LIMIT ?").bind(0, value).bind(1, limit)
                .map((rs, ctx) -> new Message(rs.getString(1), Masking.msisdn(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8).toInstant(), parts(rs.getString(1))))
                .list());
    }

    private List<Part> parts(String messageId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT part_no, state, smsc, smsc_message_id, attempts, command_status,"
                        + " error FROM sms_part WHERE message_id = ? ORDER BY part_no").bind(0, messageId)
                .map((rs, ctx) -> new Part(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), (Integer) rs.getObject(6), rs.getString(7)))
                .list());
    }

    /** A part found in the tables, for the writer to look at (a rare path: the writer's index did not know it). */
    public record Found(String messageId, int partNo) {}

    /** The part the SMSC {@code smsc} named {@code smscMessageId}. */
    Optional<Found> bySmscId(String smsc, String smscMessageId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT message_id, part_no FROM sms_part WHERE smsc = ?"
                        + " AND smsc_message_id = ?").bind(0, smsc).bind(1, smscMessageId)
                .map((rs, ctx) -> new Found(rs.getString(1), rs.getInt(2))).findFirst());
    }

    /** The newest part to {@code msisdn} with our user_message_reference {@code userRef} whose outcome is unknown. */
    Optional<Found> byUserRef(int userRef, String msisdn) {
        return jdbi.withHandle(h -> h.createQuery("SELECT p.message_id, p.part_no FROM sms_part p JOIN sms_message m"
                        + " ON m.message_id = p.message_id WHERE p.user_ref = ? AND m.msisdn = ?"
                        + " AND p.state IN ('SUBMITTING', 'OUTCOME_UNKNOWN') ORDER BY m.created_at DESC")
                .bind(0, userRef).bind(1, msisdn).map((rs, ctx) -> new Found(rs.getString(1), rs.getInt(2)))
                .findFirst());
    }

    /** Messages past their validity without a final state, the oldest first. */
    List<String> overdue(Instant now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT message_id FROM sms_message WHERE valid_until < ?"
                        + " AND state IN ('QUEUED', 'SENDING', 'SUBMITTED', 'ENROUTE') ORDER BY valid_until LIMIT ?")
                .bind(0, now).bind(1, limit).mapTo(String.class).list());
    }
}
