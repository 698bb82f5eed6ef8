package io.tapbus.runtime.phone;

import io.tapbus.connector.phone.SmppAddress;
import io.tapbus.connector.phone.SmsEncoder;
import io.tapbus.connector.phone.SmsPart;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.write.Batch;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables {@code sms_message} and {@code sms_part}: the only class that writes them, always inside a write-path
 * unit (each method takes the unit's {@link Batch}). Every part moves on only from the state it is expected in, so a
 * receipt, the sender and the sweeper racing for one part cannot both move it. When a message's state changes, an
 * {@code sms.state} business event is written with it (through {@link EventOutbox}).
 *
 * <p>Units use the writer's database handle: each move is conditional on the row's present state and its count of
 * changed rows decides what happens next, so these batches are made durable by the database (see the write path).
 */
public final class SmsOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(SmsOutbox.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A queued message: its id and its number of parts. */
    public record Queued(String messageId, int parts) {}

    private final EventOutbox events;

    public SmsOutbox(EventOutbox events) {
        this.events = events;
    }

    /**
     * Queues a text to {@code msisdn} (E.164), split into parts now so that their count is fixed. Throws
     * {@link io.tapbus.connector.phone.PhoneCodecException} for a number that is not E.164 or a text no alphabet
     * carries.
     */
    public Queued queue(Batch batch, String msisdn, String text, String correlation, Duration validity) {
        SmppAddress to = SmppAddress.msisdn(msisdn);
        int reference = RANDOM.nextInt(256);
        int parts = SmsEncoder.text(text, reference, false).size();
        return insert(batch, "+" + to.address(), text, null, null, reference, Collections.nCopies(parts, null),
                correlation, validity);
    }

    /**
     * Queues a binary message: each part's whole TP user data (its user data header first, as an OTA command
     * packet's {@code 02 70 00 ...}), sent as 8-bit data with {@code protocolId} and {@code dataCoding} (0x7F, 0xF6
     * for SIM data download). The parts are stored as given, so a resend is never needed to rebuild them.
     */
    public Queued queueBinary(Batch batch, String msisdn, List<byte[]> userData, int protocolId, int dataCoding,
            String correlation, Duration validity) {
        SmppAddress to = SmppAddress.msisdn(msisdn);
        List<String> hex = new ArrayList<>();
        for (byte[] part : userData) {
            SmsPart.binaryWithHeader(part, protocolId, dataCoding); // refuses what could not go on the wire
            hex.add(HexFormat.of().withUpperCase().formatHex(part));
        }
        return insert(batch, "+" + to.address(), "", protocolId, dataCoding, 0, hex, correlation, validity);
    }

    private Queued insert(Batch batch, String msisdn, String text, Integer protocolId, Integer dataCoding,
            int reference, List<String> partData, String correlation, Duration validity) {
        int parts = partData.size();
        String id = "SMS-" + UUID.randomUUID();
        Instant now = Instant.now();
        Handle h = batch.handle();
        h.createUpdate("INSERT INTO sms_message(message_id, msisdn, text, correlation, state, concat_ref, part_count,"
                        + " created_at, valid_until, updated_at, protocol_id, data_coding)"
                        + " VALUES (?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, id).bind(1, msisdn).bind(2, text).bind(3, correlation).bind(4, reference)
                .bind(5, parts).bind(6, now).bind(7, now.plus(validity)).bind(8, now).bind(9, protocolId)
                .bind(10, dataCoding).execute();
        for (int n = 1; n <= parts; n++) {
            h.createUpdate("INSERT INTO sms_part(message_id, part_no, state, user_ref, attempts, next_attempt_at,"
                            + " updated_at, user_data) VALUES (?, ?, 'QUEUED', ?, 0, ?, ?, ?)")
                    .bind(0, id).bind(1, n).bind(2, 1 + RANDOM.nextInt(65535)).bind(3, now).bind(4, now)
                    .bind(5, partData.get(n - 1)).execute();
        }
        event(batch, id, "QUEUED", correlation, msisdn, parts);
        return new Queued(id, parts);
    }

    /** QUEUED to SUBMITTING on {@code smsc}, before the submit_sm is written; false when it was not QUEUED. */
    public boolean submitting(Batch batch, String messageId, int partNo, String smsc) {
        int n = batch.handle().createUpdate("UPDATE sms_part SET state = 'SUBMITTING', smsc = ?, attempts = attempts + 1,"
                        + " updated_at = ? WHERE message_id = ? AND part_no = ? AND state = 'QUEUED'")
                .bind(0, smsc).bind(1, Instant.now()).bind(2, messageId).bind(3, partNo).execute();
        if (n == 1) {
            settle(batch, messageId);
        }
        return n == 1;
    }

    /** The SMSC took the part and named it {@code smscMessageId}. */
    public void submitted(Batch batch, String messageId, int partNo, String smscMessageId) {
        move(batch, messageId, partNo, "SUBMITTING", PartState.SUBMITTED, "smsc_message_id = ?", smscMessageId);
    }

    /** The SMSC refused the part for good (submit_sm_resp {@code commandStatus}). */
    public void refused(Batch batch, String messageId, int partNo, int commandStatus) {
        move(batch, messageId, partNo, "SUBMITTING", PartState.REFUSED, "command_status = ?", commandStatus);
    }

    /** Sent but unanswered: it may be at the SMSC, so it is not sent again. */
    public void outcomeUnknown(Batch batch, String messageId, int partNo) {
        move(batch, messageId, partNo, "SUBMITTING", PartState.OUTCOME_UNKNOWN, null, null);
    }

    /** Never written to the wire (the link closed first): back in the queue, from {@code notBefore}. */
    public void requeue(Batch batch, String messageId, int partNo, Instant notBefore) {
        move(batch, messageId, partNo, "SUBMITTING", PartState.QUEUED, "next_attempt_at = ?", notBefore);
    }

    /**
     * At start: a part still SUBMITTING was written to the SMSC or not, no one knows. It becomes OUTCOME_UNKNOWN
     * (never sent again blindly); a later receipt naming its user_message_reference resolves it. Returns how many.
     */
    public int recoverAfterRestart(Batch batch) {
        List<Map<String, Object>> open = batch.handle().createQuery(
                "SELECT message_id, part_no FROM sms_part WHERE state = 'SUBMITTING'").mapToMap().list();
        for (Map<String, Object> p : open) {
            String id = (String) p.get("message_id");
            int part = ((Number) p.get("part_no")).intValue();
            LOG.warn("SMS {} part {}: found SUBMITTING after a restart; marked OUTCOME_UNKNOWN, not sent again", id, part);
            outcomeUnknown(batch, id, part);
        }
        return open.size();
    }

    /**
     * A delivery receipt from {@code smsc}. Found by the SMSC's message id; else, for a part whose outcome is unknown,
     * by our user_message_reference and the phone number. Returns the message id, or empty for a receipt that
     * names no message of ours (logged by the caller, acknowledged all the same).
     */
    public Optional<String> receipt(Batch batch, String smsc, String smscMessageId, PartState state, String error,
            Integer userRef, String msisdn) {
        Handle h = batch.handle();
        Optional<Map<String, Object>> part = h.createQuery("SELECT message_id, part_no, state FROM sms_part"
                        + " WHERE smsc = ? AND smsc_message_id = ?").bind(0, smsc).bind(1, smscMessageId)
                .mapToMap().findFirst();
        if (part.isEmpty() && userRef != null && msisdn != null) {
            part = h.createQuery("SELECT p.message_id, p.part_no, p.state FROM sms_part p JOIN sms_message m"
                            + " ON m.message_id = p.message_id WHERE p.user_ref = ? AND m.msisdn = ?"
                            + " AND p.state IN ('SUBMITTING', 'OUTCOME_UNKNOWN') ORDER BY m.created_at DESC")
                    .bind(0, userRef).bind(1, msisdn).mapToMap().findFirst();
            part.ifPresent(p -> LOG.info("SMS {} part {}: outcome resolved by a receipt's user_message_reference",
                    p.get("message_id"), p.get("part_no")));
        }
        if (part.isEmpty()) {
            return Optional.empty();
        }
        String id = (String) part.get().get("message_id");
        int partNo = ((Number) part.get().get("part_no")).intValue();
        PartState now = PartState.valueOf((String) part.get().get("state"));
        boolean late = now == PartState.OUTCOME_UNKNOWN || now == PartState.EXPIRED_NO_RECEIPT
                || now == PartState.SUBMITTING;
        if (now.awaitsReceipt() || late) {
            h.createUpdate("UPDATE sms_part SET state = ?, smsc = ?, smsc_message_id = ?, error = ?, updated_at = ?"
                            + " WHERE message_id = ? AND part_no = ? AND state = ?")
                    .bind(0, state.name()).bind(1, smsc).bind(2, smscMessageId).bind(3, error).bind(4, Instant.now())
                    .bind(5, id).bind(6, partNo).bind(7, now.name()).execute();
            settle(batch, id);
        }
        return Optional.of(id);
    }

    /**
     * The sweeper's unit: parts of messages past their validity that still wait for a receipt become
     * EXPIRED_NO_RECEIPT, those never sent EXPIRED_UNSENT. Returns the messages changed.
     */
    public int expireOverdue(Batch batch, Instant now) {
        Handle h = batch.handle();
        List<String> overdue = h.createQuery("SELECT message_id FROM sms_message WHERE valid_until < ?"
                        + " AND state IN ('QUEUED', 'SENDING', 'SUBMITTED', 'ENROUTE') ORDER BY valid_until LIMIT 500")
                .bind(0, now).mapTo(String.class).list();
        for (String id : overdue) {
            h.createUpdate("UPDATE sms_part SET state = 'EXPIRED_NO_RECEIPT', updated_at = ? WHERE message_id = ?"
                    + " AND state IN ('SUBMITTED', 'ACCEPTED', 'ENROUTE', 'UNKNOWN')").bind(0, now).bind(1, id).execute();
            h.createUpdate("UPDATE sms_part SET state = 'EXPIRED_UNSENT', updated_at = ? WHERE message_id = ?"
                    + " AND state = 'QUEUED'").bind(0, now).bind(1, id).execute();
            settle(batch, id);
        }
        return overdue.size();
    }

    private void move(Batch batch, String messageId, int partNo, String from, PartState to, String extraColumn,
            Object extraValue) {
        String set = "state = ?, updated_at = ?" + (extraColumn == null ? "" : ", " + extraColumn);
        var update = batch.handle().createUpdate("UPDATE sms_part SET " + set
                + " WHERE message_id = ? AND part_no = ? AND state = ?");
        int i = 0;
        update.bind(i++, to.name()).bind(i++, Instant.now());
        if (extraColumn != null) {
            update.bind(i++, extraValue);
        }
        int n = update.bind(i++, messageId).bind(i++, partNo).bind(i, from).execute();
        if (n == 1) {
            settle(batch, messageId);
        }
    }

    /** Derives the message's state from its parts; when it changed, stores it and writes the event. */
    private void settle(Batch batch, String messageId) {
        Handle h = batch.handle();
        Map<String, Object> m = h.createQuery("SELECT state, correlation, msisdn, part_count FROM sms_message"
                + " WHERE message_id = ?").bind(0, messageId).mapToMap().one();
        List<PartState> parts = h.createQuery("SELECT state FROM sms_part WHERE message_id = ? ORDER BY part_no")
                .bind(0, messageId).mapTo(String.class).map(PartState::valueOf).list();
        String state = PartState.messageState(parts);
        if (!state.equals(m.get("state"))) {
            h.createUpdate("UPDATE sms_message SET state = ?, updated_at = ? WHERE message_id = ?")
                    .bind(0, state).bind(1, Instant.now()).bind(2, messageId).execute();
            event(batch, messageId, state, (String) m.get("correlation"), (String) m.get("msisdn"),
                    ((Number) m.get("part_count")).intValue());
            if (state.equals("OUTCOME_UNKNOWN") || state.equals("EXPIRED_NO_RECEIPT")) {
                LOG.warn("SMS {} to {}: {}", messageId, Msisdns.mask((String) m.get("msisdn")), state);
            }
        }
    }

    private void event(Batch batch, String messageId, String state, String correlation, String msisdn, int parts) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messageId", messageId);
        data.put("state", state);
        data.put("correlation", correlation);
        data.put("msisdn", Msisdns.mask(msisdn));
        data.put("parts", parts);
        events.add(batch, BusinessEvent.of("sms.state", correlation == null ? messageId : correlation, messageId,
                null, data));
    }
}
