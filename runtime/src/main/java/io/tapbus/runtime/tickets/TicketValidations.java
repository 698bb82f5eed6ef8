package io.tapbus.runtime.tickets;

import io.tapbus.connector.reader.ticket.GateAnswer;
import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.idempotency.BoundedKeys;
import io.tapbus.runtime.idempotency.KeyMemory;
import io.tapbus.runtime.write.StateTable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The one writer of {@code ticket_validation}: what each gate asked (online) or uploaded (offline) and what the platform
 * answered, once per gate and validation id. The keys are writer-held state, so a gate that sends the same validation
 * again (a lost reply, an upload repeated after a reconnect) gets the first answer and nothing is counted twice.
 */
public final class TicketValidations {
    /** What is kept of one validation. */
    public record Recorded(String ticketId, String gateLine, String zone, Instant at, boolean offline, String outcome,
                           List<String> reasons, Integer usesLeft, String decisionId) {
        GateAnswer answer(String validationId, boolean repeated) {
            return new GateAnswer(validationId, outcome, ticketId, reasons, usesLeft, decisionId, repeated);
        }
    }

    private final StateTable<String, Recorded> seen;
    private final BoundedKeys<String> seenInMemory;

    public TicketValidations(Jdbi jdbi, KeyMemory memory) {
        seen = new StateTable<>("ticket_validation", jdbi,
                (h, key) -> h.createQuery("SELECT ticket_id, gate_line, zone, validated_at, offline, outcome, reasons, uses_left, decision_id"
                                + " FROM ticket_validation WHERE reader_id = ? AND validation_id = ?")
                        .bind(0, reader(key)).bind(1, validation(key))
                        .map((rs, ctx) -> new Recorded(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                                rs.getBoolean(5), rs.getString(6), reasons(rs.getString(7)), (Integer) rs.getObject(8), rs.getString(9)))
                        .findOne().orElse(null),
                (batch, key, r, exists) -> {
                    if (!exists) {
                        batch.stage("INSERT INTO ticket_validation(reader_id, validation_id, ticket_id, gate_line, zone, validated_at, offline,"
                                        + " outcome, reasons, uses_left, decision_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                reader(key), validation(key), r.ticketId(), r.gateLine(), r.zone(), r.at(), r.offline(), r.outcome(),
                                String.join(",", r.reasons()), r.usesLeft(), r.decisionId(), Instant.now());
                    }
                });
        seenInMemory = memory.bound(seen); // recent validations in memory; older ones read back from their rows
    }

    /**
     * Reads the validation's key outside the writer (a table look-up for a key never seen), so the writer finds it in
     * memory and never waits for the table on the hot path.
     */
    public void warm(String readerId, String validationId) {
        seen.read(readerId + "\n" + validationId);
    }

    /** The validation as recorded before (in this write unit's view), or null when the gate never sent it. */
    public Recorded earlier(Batch batch, String readerId, String validationId) {
        return batch.state(seen, readerId + "\n" + validationId);
    }

    public void record(Batch batch, String readerId, String validationId, Recorded recorded) {
        batch.put(seen, readerId + "\n" + validationId, recorded);
        seenInMemory.used(batch, readerId + "\n" + validationId);
    }

    private static String reader(String key) {
        return key.substring(0, key.indexOf('\n'));
    }

    private static String validation(String key) {
        return key.substring(key.indexOf('\n') + 1);
    }

    private static List<String> reasons(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }
}
