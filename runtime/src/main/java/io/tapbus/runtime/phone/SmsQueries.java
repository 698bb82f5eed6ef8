package io.tapbus.runtime.phone;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Reads the SMS outbox tables (written by {@link SmsOutbox} only): for the REST API and for the sender. */
public final class SmsQueries {

    /** A message as the API shows it: never its text. The MSISDN is masked. */
    public record Message(String messageId, String msisdn, String correlation, String state, int partCount,
            Instant createdAt, Instant validUntil, Instant updatedAt, List<Part> parts) {}

    public record Part(int partNo, String state, String smsc, String smscMessageId, int attempts, Integer commandStatus,
            String error) {}

    /**
     * A part the sender may take: the message's number, text and concatenation reference to encode it again; for a
     * binary message, the part's stored user data (hex) with the protocol id and data coding, and text empty.
     */
    public record Sendable(String messageId, int partNo, int userRef, String msisdn, String text, int concatRef,
            String userData, Integer protocolId, Integer dataCoding) {}

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

    /** The latest messages with this correlation (a payment's step-up, a reply), newest first. */
    public List<Message> byCorrelation(String correlation, int limit) {
        return list("m.correlation = ?", correlation, limit);
    }

    private List<Message> list(String where, String value, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT message_id, msisdn, correlation, state, part_count, created_at,"
                        + " valid_until, updated_at FROM sms_message m WHERE " + where
                        + " ORDER BY created_at DESC, message_id LIMIT ?").bind(0, value).bind(1, limit)
                .map((rs, ctx) -> new Message(rs.getString(1), Msisdns.mask(rs.getString(2)), rs.getString(3),
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

    /** QUEUED parts due now, oldest message first. */
    public List<Sendable> sendable(Instant now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT p.message_id, p.part_no, p.user_ref, m.msisdn, m.text,"
                        + " m.concat_ref, p.user_data, m.protocol_id, m.data_coding"
                        + " FROM sms_part p JOIN sms_message m ON m.message_id = p.message_id"
                        + " WHERE p.state = 'QUEUED' AND p.next_attempt_at <= ? ORDER BY m.created_at, p.message_id,"
                        + " p.part_no LIMIT ?").bind(0, now).bind(1, limit)
                .map((rs, ctx) -> new Sendable(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getString(7), (Integer) rs.getObject(8),
                        (Integer) rs.getObject(9)))
                .list());
    }
}
