package io.tapbus.runtime.phone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One message of the SMS outbox as the write path's writer holds it (a row of {@code sms_message} with its rows of
 * {@code sms_part}, parts 1..n in order). Immutable: every move makes a new value, whose state is derived from its
 * parts.
 */
record OutboxMessage(String messageId, String msisdn, String text, String correlation, String state, int concatRef,
        Instant createdAt, Instant validUntil, Instant updatedAt, Integer protocolId, Integer dataCoding,
        List<Part> parts) {

    /** One part (one submit_sm). {@code userData} is the hex of a binary part's TP user data, else null. */
    record Part(int partNo, PartState state, int userRef, String smsc, String smscMessageId, int attempts,
            Integer commandStatus, String error, Instant nextAttemptAt, Instant updatedAt, String userData) {

        Part moved(PartState to, Instant at) {
            return new Part(partNo, to, userRef, smsc, smscMessageId, attempts, commandStatus, error, nextAttemptAt, at,
                    userData);
        }

        /** QUEUED to SUBMITTING on {@code via}: one more attempt. */
        Part submitting(String via, Instant at) {
            return new Part(partNo, PartState.SUBMITTING, userRef, via, smscMessageId, attempts + 1, commandStatus,
                    error, nextAttemptAt, at, userData);
        }

        Part submitted(String smscId, Instant at) {
            return new Part(partNo, PartState.SUBMITTED, userRef, smsc, smscId, attempts, commandStatus, error,
                    nextAttemptAt, at, userData);
        }

        Part refused(int status, Instant at) {
            return new Part(partNo, PartState.REFUSED, userRef, smsc, smscMessageId, attempts, status, error,
                    nextAttemptAt, at, userData);
        }

        Part requeued(Instant notBefore, Instant at) {
            return new Part(partNo, PartState.QUEUED, userRef, smsc, smscMessageId, attempts, commandStatus, error,
                    notBefore, at, userData);
        }

        Part receipt(PartState to, String via, String smscId, String receiptError, Instant at) {
            return new Part(partNo, to, userRef, via, smscId, attempts, commandStatus, receiptError, nextAttemptAt, at,
                    userData);
        }
    }

    Part part(int partNo) {
        return partNo >= 1 && partNo <= parts.size() ? parts.get(partNo - 1) : null;
    }

    int partCount() {
        return parts.size();
    }

    /** This message with {@code part} in place of its namesake; the message's state derived again. */
    OutboxMessage with(Part part, Instant at) {
        List<Part> all = new ArrayList<>(parts);
        all.set(part.partNo() - 1, part);
        String derived = PartState.messageState(all.stream().map(Part::state).toList());
        return new OutboxMessage(messageId, msisdn, text, correlation, derived, concatRef, createdAt, validUntil, at,
                protocolId, dataCoding, List.copyOf(all));
    }

    boolean isFinal() {
        return PartState.messageFinal(state);
    }
}
