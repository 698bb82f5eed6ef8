package io.tapbus.runtime.phone;

import io.tapbus.connector.common.Masking;
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
import java.util.UUID;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMS outbox: the only class that changes its messages (tables {@code sms_message} and {@code sms_part}, through
 * {@link SmsStore}), always inside a write-path unit (each method takes the unit's {@link Batch}). The state that
 * decides lives with the writer, so these units are journaled like taps: no query, no direct statement. Every part
 * moves on only from the state it is expected in, so a receipt, the sender and the sweeper racing for one part cannot
 * both move it. When a message's state changes, an {@code sms.state} business event is written with it (through
 * {@link EventOutbox}). Once a change is durable, {@link SmsIndex} learns what the sender and the receipts need.
 */
public final class SmsOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(SmsOutbox.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A queued message: its id and its number of parts. */
    public record Queued(String messageId, int parts) {}

    private final EventOutbox events;
    private final SmsStore store;
    private final SmsIndex index;

    SmsOutbox(EventOutbox events, SmsStore store, SmsIndex index) {
        this.events = events;
        this.store = store;
        this.index = index;
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
        String id = "SMS-" + UUID.randomUUID();
        Instant now = Instant.now();
        List<OutboxMessage.Part> parts = new ArrayList<>();
        for (int n = 1; n <= partData.size(); n++) {
            parts.add(new OutboxMessage.Part(n, PartState.QUEUED, 1 + RANDOM.nextInt(65535), null, null, 0, null,
                    null, now, now, partData.get(n - 1)));
        }
        OutboxMessage m = new OutboxMessage(id, msisdn, text, correlation, "QUEUED", reference, now, now.plus(validity),
                now, protocolId, dataCoding, List.copyOf(parts));
        store.messages.preload(id, null); // a new id: the writer need not look for its row
        batch.put(store.messages, id, m);
        event(batch, m);
        batch.afterDurable(() -> parts.forEach(p -> index.ready(id, p.partNo(), now)));
        return new Queued(id, parts.size());
    }

    /** QUEUED to SUBMITTING on {@code smsc}, before the submit_sm is written; false when it was not QUEUED. */
    public boolean submitting(Batch batch, String messageId, int partNo, String smsc) {
        return move(batch, messageId, partNo, PartState.QUEUED, (p, at) -> p.submitting(smsc, at)) != null;
    }

    /** The SMSC took the part and named it {@code smscMessageId}; its receipt is looked for by that name. */
    public void submitted(Batch batch, String messageId, int partNo, String smscMessageId) {
        OutboxMessage.Part p = move(batch, messageId, partNo, PartState.SUBMITTING,
                (part, at) -> part.submitted(smscMessageId, at));
        if (p != null) {
            batch.afterDurable(() -> index.awaiting(p.smsc(), smscMessageId, messageId, partNo));
        }
    }

    /** The SMSC refused the part for good (submit_sm_resp {@code commandStatus}). */
    public void refused(Batch batch, String messageId, int partNo, int commandStatus) {
        move(batch, messageId, partNo, PartState.SUBMITTING, (p, at) -> p.refused(commandStatus, at));
    }

    /** Sent but unanswered: it may be at the SMSC, so it is not sent again. */
    public void outcomeUnknown(Batch batch, String messageId, int partNo) {
        move(batch, messageId, partNo, PartState.SUBMITTING, (p, at) -> p.moved(PartState.OUTCOME_UNKNOWN, at));
    }

    /** Never written to the wire (the link closed first): back in the queue, from {@code notBefore}. */
    public void requeue(Batch batch, String messageId, int partNo, Instant notBefore) {
        if (move(batch, messageId, partNo, PartState.SUBMITTING, (p, at) -> p.requeued(notBefore, at)) != null) {
            batch.afterDurable(() -> index.ready(messageId, partNo, notBefore));
        }
    }

    /**
     * At start, for the messages loaded open: a part still SUBMITTING was written to the SMSC or not, no one knows.
     * It becomes OUTCOME_UNKNOWN (never sent again blindly); a later receipt naming its user_message_reference
     * resolves it. Returns how many.
     */
    public int recoverAfterRestart(Batch batch, List<String> messageIds) {
        int n = 0;
        for (String id : messageIds) {
            OutboxMessage m = batch.state(store.messages, id);
            for (OutboxMessage.Part p : m == null ? List.<OutboxMessage.Part>of() : m.parts()) {
                if (p.state() == PartState.SUBMITTING) {
                    LOG.warn("SMS {} part {}: found SUBMITTING after a restart; marked OUTCOME_UNKNOWN, not sent again",
                            id, p.partNo());
                    outcomeUnknown(batch, id, p.partNo());
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * A delivery receipt from {@code smsc} for the part found by its caller (by the SMSC's message id, or by our
     * user_message_reference for a part whose outcome is unknown). It applies to a part that awaits a receipt or
     * whose outcome is late (SUBMITTING, OUTCOME_UNKNOWN, EXPIRED_NO_RECEIPT). Returns whether the part exists.
     */
    public boolean receipt(Batch batch, String messageId, int partNo, String smsc, String smscMessageId,
            PartState state, String error) {
        OutboxMessage m = batch.state(store.messages, messageId);
        OutboxMessage.Part p = m == null ? null : m.part(partNo);
        if (p == null) {
            return false;
        }
        PartState now = p.state();
        boolean late = now == PartState.OUTCOME_UNKNOWN || now == PartState.EXPIRED_NO_RECEIPT
                || now == PartState.SUBMITTING;
        if (now.awaitsReceipt() || late) {
            change(batch, m, p.receipt(state, smsc, smscMessageId, error, Instant.now()));
            if (p.smscMessageId() == null || !p.smscMessageId().equals(smscMessageId) || !smsc.equals(p.smsc())) {
                batch.afterDurable(() -> index.awaiting(smsc, smscMessageId, messageId, partNo));
            }
        } else if (m.isFinal()) {
            Instant at = Instant.now();
            batch.afterDurable(() -> index.finished(messageId, at)); // loaded for nothing: forget it again later
        }
        return true;
    }

    /**
     * The sweeper's unit, for messages the tables show past their validity: parts that still wait for a receipt
     * become EXPIRED_NO_RECEIPT, those never sent EXPIRED_UNSENT. Returns the messages changed.
     */
    public int expireOverdue(Batch batch, List<String> messageIds, Instant now) {
        int changed = 0;
        for (String id : messageIds) {
            OutboxMessage m = batch.state(store.messages, id);
            if (m == null || m.isFinal() || !m.validUntil().isBefore(now)) {
                continue;
            }
            OutboxMessage after = m;
            for (OutboxMessage.Part p : m.parts()) {
                if (p.state().awaitsReceipt()) {
                    after = after.with(p.moved(PartState.EXPIRED_NO_RECEIPT, now), now);
                } else if (p.state() == PartState.QUEUED) {
                    after = after.with(p.moved(PartState.EXPIRED_UNSENT, now), now);
                }
            }
            if (after != m) {
                store(batch, m, after);
                changed++;
            }
        }
        return changed;
    }

    /**
     * Forgets messages final since before {@code cutoff} and unchanged since, with their receipt index entries (their
     * rows are in the tables: the caller waited for them). A late receipt reads such a message back from the tables.
     */
    public int forget(Batch batch, List<SmsIndex.Finished> finished, Instant cutoff) {
        int n = 0;
        for (SmsIndex.Finished f : finished) {
            OutboxMessage m = batch.state(store.messages, f.messageId());
            boolean settled = m != null && m.parts().stream().noneMatch(p -> p.state() == PartState.QUEUED
                    || p.state() == PartState.SUBMITTING || p.state().awaitsReceipt()); // (a failed message's other parts)
            if (settled && m.isFinal() && m.updatedAt().isBefore(cutoff)) {
                store.messages.forget(f.messageId());
                m.parts().stream().filter(p -> p.smscMessageId() != null)
                        .forEach(p -> index.forgetAwaited(p.smsc(), p.smscMessageId()));
                n++;
            } else if (m != null && m.isFinal()) {
                index.finished(m.messageId(), settled ? m.updatedAt() : Instant.now()); // changed or busy: later
            }
        }
        return n;
    }

    /** Moves part {@code partNo} on when it is in {@code from}; returns the moved part, or null when it was not. */
    private OutboxMessage.Part move(Batch batch, String messageId, int partNo, PartState from,
            BiFunction<OutboxMessage.Part, Instant, OutboxMessage.Part> to) {
        OutboxMessage m = batch.state(store.messages, messageId);
        OutboxMessage.Part p = m == null ? null : m.part(partNo);
        if (p == null || p.state() != from) {
            return null;
        }
        OutboxMessage.Part moved = to.apply(p, Instant.now());
        change(batch, m, moved);
        return moved;
    }

    private void change(Batch batch, OutboxMessage before, OutboxMessage.Part part) {
        store(batch, before, before.with(part, part.updatedAt()));
    }

    /**
     * Stores the message's new value; when its state changed, writes the event. SENDING (a submit in flight, for
     * milliseconds) is not an event: partners see QUEUED, then what the SMSC made of it.
     */
    private void store(Batch batch, OutboxMessage before, OutboxMessage after) {
        batch.put(store.messages, after.messageId(), after);
        if (!after.state().equals(before.state())) {
            if (!after.state().equals("SENDING")) {
                event(batch, after);
            }
            if (after.state().equals("OUTCOME_UNKNOWN") || after.state().equals("EXPIRED_NO_RECEIPT")) {
                LOG.warn("SMS {} to {}: {}", after.messageId(), Masking.msisdn(after.msisdn()), after.state());
            }
            if (after.isFinal()) {
                Instant at = after.updatedAt();
                batch.afterDurable(() -> index.finished(after.messageId(), at));
            }
        }
    }

    private void event(Batch batch, OutboxMessage m) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messageId", m.messageId());
        data.put("state", m.state());
        data.put("correlation", m.correlation());
        data.put("msisdn", Masking.msisdn(m.msisdn()));
        data.put("parts", m.partCount());
        events.add(batch, BusinessEvent.of("sms.state", m.correlation() == null ? m.messageId() : m.correlation(),
                m.messageId(), null, data));
    }
}
