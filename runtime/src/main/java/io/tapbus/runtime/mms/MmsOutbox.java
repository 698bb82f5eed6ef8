package io.tapbus.runtime.mms;

import io.tapbus.connector.phone.mm7.MmStatus;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.connector.common.Masking;
import io.tapbus.runtime.write.Batch;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table {@code mms_message}: the only class that writes it, always inside a write-path unit (each method takes the
 * unit's {@link Batch}). A message moves on only from the state it is expected in, so the sender and a delivery report
 * racing for one message cannot both move it. Each change of state writes an {@code mms.state} business event with it
 * (through {@link EventOutbox}): ids, state, MM7 status and the masked number, never the content.
 *
 * <p>States: QUEUED, SUBMITTING (recorded before the SubmitReq is sent), SUBMITTED (the MMSC took it), then from a
 * delivery report DELIVERED, REJECTED, EXPIRED or FAILED; FAILED also for a refusal that retrying cannot mend;
 * OUTCOME_UNKNOWN when it may be at the MMSC and no one knows (never sent again; a report still resolves it);
 * past its validity, EXPIRED_NO_REPORT when no final report came (a late one still resolves it), EXPIRED_UNSENT
 * when it was never sent.
 */
public final class MmsOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(MmsOutbox.class);

    /** The states a delivery report may still change (a late report still resolves EXPIRED_NO_REPORT). */
    private static final List<String> AWAITING_REPORT = List.of("SUBMITTED", "OUTCOME_UNKNOWN", "EXPIRED_NO_REPORT");

    /** The final states in which the MMS did not reach the phone (a late report may still resolve EXPIRED_NO_REPORT). */
    public static final List<String> GIVEN_UP = List.of("FAILED", "REJECTED", "EXPIRED", "EXPIRED_UNSENT", "EXPIRED_NO_REPORT");

    /**
     * Told, inside the write unit that moves a message into one of {@link #GIVEN_UP}, of that message: what it
     * writes (an SMS fallback) is durable with the move, and made once, as the move is.
     */
    @FunctionalInterface
    public interface GivenUp {
        void givenUp(Batch batch, String messageId, String kind, String correlation, String msisdn, String state);
    }

    private final EventOutbox events;
    private final List<GivenUp> givenUp = new java.util.concurrent.CopyOnWriteArrayList<>();

    public MmsOutbox(EventOutbox events) {
        this.events = events;
    }

    /** Adds a listener for messages given up on. */
    public void onGivenUp(GivenUp listener) {
        givenUp.add(listener);
    }

    /** Queues an MMS; its id, whose TransactionID is {@code tb-<id>}. The caller has checked the fields. */
    public String queue(Batch batch, String kind, String msisdn, String subject, String text, String qrPayload,
            String correlation, String mmsc, java.time.Duration validity) {
        String id = "MMS-" + UUID.randomUUID();
        Instant now = Instant.now();
        batch.handle().createUpdate("INSERT INTO mms_message(message_id, transaction_id, kind, msisdn, subject, text,"
                        + " qr_payload, correlation, state, mmsc, attempts, next_attempt_at, created_at, updated_at,"
                        + " valid_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, 0, ?, ?, ?, ?)")
                .bind(0, id).bind(1, transactionId(id)).bind(2, kind).bind(3, msisdn).bind(4, subject).bind(5, text)
                .bind(6, qrPayload).bind(7, correlation).bind(8, mmsc).bind(9, now).bind(10, now).bind(11, now)
                .bind(12, now.plus(validity)).execute();
        event(batch, id, "QUEUED");
        return id;
    }

    /** The MM7 TransactionID of a message: derived from its id, so the same message always carries the same one. */
    public static String transactionId(String messageId) {
        return "tb-" + messageId;
    }

    /** QUEUED to SUBMITTING, before the SubmitReq is sent; false when it was not QUEUED any more. */
    public boolean submitting(Batch batch, String messageId) {
        int n = batch.handle().createUpdate("UPDATE mms_message SET state = 'SUBMITTING', attempts = attempts + 1,"
                + " updated_at = ? WHERE message_id = ? AND state = 'QUEUED'").bind(0, Instant.now())
                .bind(1, messageId).execute();
        if (n == 1) {
            event(batch, messageId, "SUBMITTING");
        }
        return n == 1;
    }

    /** The MMSC took it (SubmitRsp 1000) and named it {@code mmscMessageId}. */
    public void submitted(Batch batch, String messageId, String mmscMessageId) {
        move(batch, messageId, "SUBMITTING", "SUBMITTED", "mmsc_message_id = ?, mm7_status = NULL, problem = NULL",
                mmscMessageId);
    }

    /** A failure that sending again may mend: QUEUED again from {@code notBefore}, with what went wrong. */
    public void retryLater(Batch batch, String messageId, String problem, Integer mm7Status, Instant notBefore) {
        move(batch, messageId, "SUBMITTING", "QUEUED", "problem = ?, mm7_status = ?, next_attempt_at = ?", problem,
                mm7Status, notBefore);
    }

    /** Refused for good (or out of attempts): FAILED with the MM7 status, when the MMSC gave one. */
    public void failed(Batch batch, String messageId, String problem, Integer mm7Status) {
        move(batch, messageId, "SUBMITTING", "FAILED", "problem = ?, mm7_status = ?", problem, mm7Status);
    }

    /** Sent, and no usable answer: it may be at the MMSC, so it is not sent again. */
    public void outcomeUnknown(Batch batch, String messageId, String problem) {
        move(batch, messageId, "SUBMITTING", "OUTCOME_UNKNOWN", "problem = ?", problem);
    }

    /** At start: a message still SUBMITTING may or may not be at the MMSC. It becomes OUTCOME_UNKNOWN. How many. */
    public int recoverAfterRestart(Batch batch) {
        List<String> open = batch.handle().createQuery("SELECT message_id FROM mms_message WHERE state = 'SUBMITTING'")
                .mapTo(String.class).list();
        for (String id : open) {
            LOG.warn("MMS {}: found SUBMITTING after a restart; marked OUTCOME_UNKNOWN, not sent again", id);
            outcomeUnknown(batch, id, "RESTART");
        }
        return open.size();
    }

    /**
     * A delivery report from {@code mmsc}. Found by the MMSC's message id; else, for a message whose outcome is
     * unknown (it reached the MMSC but no answer did), by the recipient among that MMSC's OUTCOME_UNKNOWN messages,
     * newest first. Returns the message id, or empty when it names no message of ours.
     */
    public Optional<String> report(Batch batch, String mmsc, String mmscMessageId, String msisdn, MmStatus status) {
        return report(batch, mmsc, mmscMessageId, msisdn, status, true);
    }

    /** As above; with {@code byRecipient} false, only by the MMSC's message id. */
    public Optional<String> report(Batch batch, String mmsc, String mmscMessageId, String msisdn, MmStatus status,
            boolean byRecipient) {
        Handle h = batch.handle();
        // an MMSC may use a message id again (after its restart): the message still awaiting a report, else the newest
        Optional<Map<String, Object>> row = h.createQuery("SELECT message_id, state FROM mms_message WHERE mmsc = ?"
                        + " AND mmsc_message_id = ? ORDER BY CASE WHEN state IN ('SUBMITTED', 'OUTCOME_UNKNOWN') THEN 0"
                        + " ELSE 1 END, created_at DESC").bind(0, mmsc).bind(1, mmscMessageId).mapToMap().findFirst();
        if (row.isEmpty() && byRecipient && msisdn != null) {
            row = h.createQuery("SELECT message_id, state FROM mms_message WHERE mmsc = ? AND msisdn = ?"
                            + " AND state = 'OUTCOME_UNKNOWN' ORDER BY created_at DESC").bind(0, mmsc).bind(1, msisdn)
                    .mapToMap().findFirst();
            row.ifPresent(r -> LOG.info("MMS {}: outcome resolved by a delivery report", r.get("message_id")));
        }
        if (row.isEmpty()) {
            return Optional.empty();
        }
        String id = (String) row.get().get("message_id");
        String now = (String) row.get().get("state");
        if (AWAITING_REPORT.contains(now)) {
            String next = stateOf(status, now);
            int n = h.createUpdate("UPDATE mms_message SET state = ?, mmsc_message_id = ?, report_status = ?,"
                            + " updated_at = ? WHERE message_id = ? AND state = ?").bind(0, next).bind(1, mmscMessageId)
                    .bind(2, status.wire()).bind(3, Instant.now()).bind(4, id).bind(5, now).execute();
            if (n == 1 && !next.equals(now)) {
                event(batch, id, next, !now.equals("EXPIRED_NO_REPORT")); // given up on once: not again by a late report
            }
        }
        return Optional.of(id);
    }

    /**
     * The sweeper's unit: messages past their validity ({@code valid_until}, or for rows without one
     * {@code created_at} before {@code undatedBefore}) that still wait for a delivery report become EXPIRED_NO_REPORT
     * (a late report still resolves them), those never sent EXPIRED_UNSENT (the sender takes them no more). A message
     * being sent right now (SUBMITTING) is left to its answer. Returns the messages changed.
     */
    public int expireOverdue(Batch batch, Instant now, Instant undatedBefore) {
        List<Map<String, Object>> overdue = batch.handle().createQuery("SELECT message_id, state FROM mms_message"
                        + " WHERE state IN ('QUEUED', 'SUBMITTED', 'OUTCOME_UNKNOWN') AND (valid_until < ?"
                        + " OR (valid_until IS NULL AND created_at < ?)) ORDER BY created_at LIMIT 500")
                .bind(0, now).bind(1, undatedBefore).mapToMap().list();
        for (Map<String, Object> m : overdue) {
            String state = (String) m.get("state");
            move(batch, (String) m.get("message_id"), state,
                    state.equals("QUEUED") ? "EXPIRED_UNSENT" : "EXPIRED_NO_REPORT", "");
        }
        return overdue.size();
    }

    /** The message's state for a report: Deferred keeps it waiting, Indeterminate tells nothing new. */
    static String stateOf(MmStatus status, String now) {
        return switch (status) {
            case RETRIEVED, FORWARDED -> "DELIVERED";
            case REJECTED -> "REJECTED";
            case EXPIRED -> "EXPIRED";
            case UNREACHABLE, UNRECOGNISED -> "FAILED";
            case DEFERRED -> "SUBMITTED";
            case INDETERMINATE -> now;
        };
    }

    private void move(Batch batch, String messageId, String from, String to, String set, Object... values) {
        var update = batch.handle().createUpdate("UPDATE mms_message SET state = ?, updated_at = ?"
                + (set.isEmpty() ? "" : ", " + set) + " WHERE message_id = ? AND state = ?");
        int i = 0;
        update.bind(i++, to).bind(i++, Instant.now());
        for (Object v : values) {
            if (v == null) {
                update.bindNull(i++, java.sql.Types.NULL); // the column's own type (H2 and PostgreSQL infer it)
            } else {
                update.bind(i++, v);
            }
        }
        if (update.bind(i++, messageId).bind(i, from).execute() == 1) {
            event(batch, messageId, to);
        }
    }

    private void event(Batch batch, String messageId, String state) {
        event(batch, messageId, state, true);
    }

    private void event(Batch batch, String messageId, String state, boolean tellGivenUp) {
        Map<String, Object> m = batch.handle().createQuery("SELECT kind, correlation, msisdn, mmsc, mmsc_message_id,"
                + " mm7_status, attempts FROM mms_message WHERE message_id = ?").bind(0, messageId).mapToMap().one();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messageId", messageId);
        data.put("state", state);
        data.put("kind", m.get("kind"));
        data.put("correlation", m.get("correlation"));
        data.put("msisdn", Masking.msisdn((String) m.get("msisdn")));
        data.put("mmsc", m.get("mmsc"));
        data.put("mmscMessageId", m.get("mmsc_message_id"));
        data.put("mm7Status", m.get("mm7_status"));
        data.put("attempts", m.get("attempts"));
        String correlation = (String) m.get("correlation");
        events.add(batch, BusinessEvent.of("mms.state", correlation == null ? messageId : correlation, messageId,
                null, data));
        if (tellGivenUp && GIVEN_UP.contains(state)) {
            givenUp.forEach(l -> l.givenUp(batch, messageId, (String) m.get("kind"), correlation, (String) m.get("msisdn"), state));
        }
        if (state.equals("OUTCOME_UNKNOWN") || state.equals("FAILED") || state.startsWith("EXPIRED_")) {
            LOG.warn("MMS {} to {}: {} (MM7 status {})", messageId, Masking.msisdn((String) m.get("msisdn")), state,
                    m.get("mm7_status"));
        }
    }
}
