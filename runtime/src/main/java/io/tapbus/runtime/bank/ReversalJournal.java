package io.tapbus.runtime.bank;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code bank_reversal} table: reversals to send until the bank acknowledges them. A reversal is queued inside the
 * transaction that gives up on its request, so it exists exactly when the request is recorded as unanswered.
 */
final class ReversalJournal {

    /** A pending reversal with what its message needs from the original request. */
    record Due(long reversalId, String paymentId, int attempts, String reversalStan, String originalMti,
               String originalStan, String originalTransmissionTime, String processingCode, long amountMinor,
               String currency, String rrn, String terminalId, String merchantId) {
    }

    private final Jdbi jdbi;
    private final StanCounter stans;

    ReversalJournal(Jdbi jdbi, StanCounter stans) {
        this.jdbi = jdbi;
        this.stans = stans;
    }

    /** Queues the reversal of a recorded request inside the caller's transaction; true when it was not queued yet. */
    boolean queue(Handle h, long messageId, Instant now) {
        boolean queued = h.createQuery("SELECT COUNT(*) FROM bank_reversal WHERE message_id = ?").bind(0, messageId)
                .mapTo(Long.class).one() > 0;
        if (queued) {
            return false;
        }
        return h.createUpdate("INSERT INTO bank_reversal(message_id, payment_id, original_stan, reversal_stan, state, "
                        + "attempts, next_attempt_at, created_at) "
                        + "SELECT message_id, payment_id, stan, :reversalStan, 'PENDING', 0, :now, :now "
                        + "FROM bank_message WHERE message_id = :messageId")
                .bind("reversalStan", stans.next(h)).bind("now", now).bind("messageId", messageId)
                .execute() == 1;
    }

    /** Pending reversals whose next attempt is due, oldest first. */
    List<Due> due(Instant now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT r.reversal_id, r.payment_id, r.attempts, r.reversal_stan, "
                        + "m.mti_sent, m.stan, m.transmission_time, m.processing_code, m.amount_minor, m.currency, m.rrn, "
                        + "m.terminal_id, m.merchant_id FROM bank_reversal r JOIN bank_message m ON m.message_id = r.message_id "
                        + "WHERE r.state = 'PENDING' AND r.next_attempt_at <= :now ORDER BY r.reversal_id "
                        + "FETCH FIRST " + limit + " ROWS ONLY")
                .bind("now", now)
                .map((rs, ctx) -> new Due(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9),
                        rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)))
                .list());
    }

    void attempted(long reversalId, Instant at, Instant next) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE bank_reversal SET attempts = attempts + 1, last_attempt_at = :at, "
                        + "next_attempt_at = :next WHERE reversal_id = :id")
                .bind("at", at).bind("next", next).bind("id", reversalId).execute());
    }

    /** Marks a reversal acknowledged by a 0410 with this response code; false when it already was. */
    boolean acknowledge(long reversalId, String responseCode, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE bank_reversal SET state = 'ACKNOWLEDGED', response_code = :code, "
                        + "acknowledged_at = :at WHERE reversal_id = :id AND state = 'PENDING'")
                .bind("code", responseCode).bind("at", at).bind("id", reversalId).execute() == 1);
    }

    /** A 0410 that came after its attempt was given up: it acknowledges the pending reversal with that STAN all the same. */
    boolean acknowledgeLate(String reversalStan, String terminalId, String responseCode, Instant at) {
        String sameTerminal = terminalId == null ? ""
                : " AND message_id IN (SELECT message_id FROM bank_message WHERE terminal_id = :terminal)";
        return jdbi.withHandle(h -> {
            var update = h.createUpdate("UPDATE bank_reversal SET state = 'ACKNOWLEDGED', response_code = :code, "
                            + "acknowledged_at = :at WHERE reversal_stan = :stan AND state = 'PENDING'" + sameTerminal)
                    .bind("code", responseCode).bind("at", at).bind("stan", reversalStan);
            if (terminalId != null) {
                update.bind("terminal", terminalId);
            }
            return update.execute() > 0;
        });
    }

    /** How many reversals wait for an acknowledgement (for health and tests). */
    long pendingCount() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM bank_reversal WHERE state = 'PENDING'")
                .mapTo(Long.class).one());
    }
}
