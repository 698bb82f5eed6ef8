package io.tapbus.runtime.phone;

import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.StateTable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The outbox's messages held by the write path's writer ({@link StateTable} keyed by message id), and the rows that
 * store them: at each batch, a new message's {@code sms_message} and {@code sms_part} rows are inserted, a changed
 * one's changed rows updated with absolute values (so a journal replay may apply them again). Only {@link SmsOutbox}
 * changes the values, so the rows of these tables are written by the outbox alone.
 */
final class SmsStore {
    private static final String MESSAGE_COLUMNS = "message_id, msisdn, text, correlation, state, concat_ref,"
            + " created_at, valid_until, updated_at, protocol_id, data_coding";
    private static final String PART_COLUMNS = "part_no, state, user_ref, smsc, smsc_message_id, attempts,"
            + " command_status, error, next_attempt_at, updated_at, user_data";

    final StateTable<String, OutboxMessage> messages;

    SmsStore(Jdbi jdbi) {
        this.messages = new StateTable<>("sms_message", jdbi, SmsStore::load, this::write);
    }

    /** A message with its parts as the tables hold it (null when there is none). */
    static OutboxMessage load(Handle h, String messageId) {
        List<OutboxMessage.Part> parts = h.createQuery("SELECT " + PART_COLUMNS + " FROM sms_part WHERE message_id = ?"
                + " ORDER BY part_no").bind(0, messageId).map((rs, ctx) -> part(rs)).list();
        return h.createQuery("SELECT " + MESSAGE_COLUMNS + " FROM sms_message WHERE message_id = ?").bind(0, messageId)
                .map((rs, ctx) -> message(rs, parts)).findFirst().orElse(null);
    }

    /**
     * At start (after the journal's replay): every message still open, or with a part that is (a part QUEUED or
     * SUBMITTING of a message already failed by another part), into the writer's memory. Returns them.
     */
    List<OutboxMessage> loadOpen(Jdbi jdbi) {
        List<OutboxMessage> open = jdbi.withHandle(h -> {
            List<String> ids = h.createQuery("SELECT message_id FROM sms_message WHERE state IN ('QUEUED', 'SENDING',"
                    + " 'SUBMITTED', 'ENROUTE') UNION SELECT message_id FROM sms_part WHERE state IN ('QUEUED',"
                    + " 'SUBMITTING', 'SUBMITTED', 'ACCEPTED', 'ENROUTE', 'UNKNOWN')").mapTo(String.class).list();
            List<OutboxMessage> out = new ArrayList<>(ids.size());
            for (String id : ids) {
                OutboxMessage m = load(h, id);
                if (m != null) {
                    out.add(m);
                }
            }
            return out;
        });
        open.forEach(m -> messages.preload(m.messageId(), m));
        return open;
    }

    private void write(Batch batch, String id, OutboxMessage m, boolean rowExists) {
        if (!rowExists) {
            batch.stage("INSERT INTO sms_message(" + MESSAGE_COLUMNS + ", part_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                            + " ?, ?, ?)", id, m.msisdn(), m.text(), m.correlation(), m.state(), m.concatRef(),
                    m.createdAt(), m.validUntil(), m.updatedAt(), m.protocolId(), m.dataCoding(), m.partCount());
            for (OutboxMessage.Part p : m.parts()) {
                batch.stage("INSERT INTO sms_part(message_id, " + PART_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                + " ?, ?, ?)", id, p.partNo(), p.state().name(), p.userRef(), p.smsc(),
                        p.smscMessageId(), p.attempts(), p.commandStatus(), p.error(), p.nextAttemptAt(),
                        p.updatedAt(), p.userData());
            }
            return;
        }
        OutboxMessage before = messages.read(id); // the last durable value: only what changed since is written
        if (before == null || !before.state().equals(m.state())) {
            batch.stage("UPDATE sms_message SET state = ?, updated_at = ? WHERE message_id = ?", m.state(),
                    m.updatedAt(), id);
        }
        for (OutboxMessage.Part p : m.parts()) {
            if (before == null || !p.equals(before.part(p.partNo()))) {
                batch.stage("UPDATE sms_part SET state = ?, smsc = ?, smsc_message_id = ?, attempts = ?,"
                                + " command_status = ?, error = ?, next_attempt_at = ?, updated_at = ?"
                                + " WHERE message_id = ? AND part_no = ?", p.state().name(), p.smsc(),
                        p.smscMessageId(), p.attempts(), p.commandStatus(), p.error(), p.nextAttemptAt(),
                        p.updatedAt(), id, p.partNo());
            }
        }
    }

    private static OutboxMessage.Part part(ResultSet rs) throws SQLException {
        return new OutboxMessage.Part(rs.getInt(1), PartState.valueOf(rs.getString(2)), rs.getInt(3), rs.getString(4),
                rs.getString(5), rs.getInt(6), (Integer) rs.getObject(7), rs.getString(8), instant(rs.getTimestamp(9)),
                instant(rs.getTimestamp(10)), rs.getString(11));
    }

    private static OutboxMessage message(ResultSet rs, List<OutboxMessage.Part> parts) throws SQLException {
        return new OutboxMessage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getInt(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)),
                (Integer) rs.getObject(10), (Integer) rs.getObject(11), List.copyOf(parts));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
