package io.tapbus.runtime.mms;

import io.tapbus.connector.common.Masking;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Reads the MMS outbox (written by {@link MmsOutbox} only): for the REST API and for the sender. */
public final class MmsQueries {

    /** A message as the API shows it: never its subject, text or QR payload; the number masked. */
    public record Message(String messageId, String transactionId, String kind, String msisdn, String correlation,
            String state, String mmsc, String mmscMessageId, int attempts, Integer mm7Status, String problem,
            String reportStatus, Instant createdAt, Instant updatedAt, Instant validUntil) {}

    /** A message the sender may take, with what it needs to compose the MMS again. */
    public record Sendable(String messageId, String transactionId, String msisdn, String subject, String text,
            String qrPayload, String mmsc, int attempts) {}

    private static final String COLUMNS = "message_id, transaction_id, kind, msisdn, correlation, state, mmsc,"
            + " mmsc_message_id, attempts, mm7_status, problem, report_status, created_at, updated_at, valid_until";

    private final Jdbi jdbi;

    public MmsQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Message> find(String messageId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM mms_message WHERE message_id = ?")
                .bind(0, messageId).map((rs, ctx) -> message(rs)).findFirst());
    }

    /**
     * Whether any message is past its validity and not final (the sweeper's unit is only run then: it writes
     * through the writer's database handle, which makes its batch take the slow, direct path).
     */
    public boolean anyOverdue(Instant now, Instant undatedBefore) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mms_message WHERE state IN ('QUEUED',"
                        + " 'SUBMITTED', 'OUTCOME_UNKNOWN') AND (valid_until < ? OR (valid_until IS NULL AND created_at < ?))")
                .bind(0, now).bind(1, undatedBefore).mapTo(Long.class).one() > 0);
    }

    /** The latest messages with this correlation, newest first. */
    public List<Message> byCorrelation(String correlation, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM mms_message WHERE correlation = ?"
                        + " ORDER BY created_at DESC, message_id LIMIT ?").bind(0, correlation).bind(1, limit)
                .map((rs, ctx) -> message(rs)).list());
    }

    /** QUEUED messages due now, oldest first. */
    public List<Sendable> sendable(Instant now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT message_id, transaction_id, msisdn, subject, text, qr_payload,"
                        + " mmsc, attempts FROM mms_message WHERE state = 'QUEUED' AND next_attempt_at <= ?"
                        + " ORDER BY created_at, message_id LIMIT ?").bind(0, now).bind(1, limit)
                .map((rs, ctx) -> new Sendable(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8)))
                .list());
    }

    private static Message message(ResultSet rs) throws SQLException {
        return new Message(rs.getString(1), rs.getString(2), rs.getString(3), Masking.msisdn(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9),
                (Integer) rs.getObject(10), rs.getString(11), rs.getString(12), rs.getTimestamp(13).toInstant(),
                rs.getTimestamp(14).toInstant(), rs.getTimestamp(15) == null ? null : rs.getTimestamp(15).toInstant());
    }
}
