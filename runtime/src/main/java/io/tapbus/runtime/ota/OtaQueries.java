package io.tapbus.runtime.ota;

import io.tapbus.connector.common.Masking;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads OTA commands for the REST API (written by {@link OtaCommands}; the SMS state by the outbox). The state a
 * caller sees joins both: the proof of receipt's outcome once there is one ({@code por_ok}, {@code por_failed}),
 * else where the short messages stand ({@code queued}, {@code sending}, {@code sent}, {@code delivered},
 * {@code failed}, {@code outcome_unknown}).
 */
public final class OtaQueries {

    /** A command as the API shows it: never its data nor keys; the number masked. */
    public record Command(String commandId, String cardUid, String msisdn, String kind, int keySet, String tar,
            String counter, String spi, String state, String porStatus, String statusWord, String smsMessageId,
            String smsState, Instant createdAt, Instant updatedAt) {}

    private final Jdbi jdbi;

    public OtaQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Command> find(String commandId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT o.command_id, o.card_uid, o.msisdn, o.kind, o.key_set, o.tar,"
                        + " o.counter, o.spi, o.state, o.por_status, o.status_word, o.sms_message_id, m.state,"
                        + " o.created_at, o.updated_at FROM ota_command o JOIN sms_message m"
                        + " ON m.message_id = o.sms_message_id WHERE o.command_id = ?").bind(0, commandId)
                .map((rs, ctx) -> new Command(rs.getString(1), rs.getString(2), Masking.msisdn(rs.getString(3)),
                        rs.getString(4), rs.getInt(5), rs.getString(6), String.format("%010X", rs.getLong(7)),
                        rs.getString(8), state(rs.getString(9), rs.getString(13)), rs.getString(10), rs.getString(11),
                        rs.getString(12), rs.getString(13), rs.getTimestamp(14).toInstant(),
                        rs.getTimestamp(15).toInstant()))
                .findFirst());
    }

    static String state(String command, String sms) {
        if (command.equals("POR_OK")) {
            return "por_ok";
        }
        if (command.equals("POR_ERROR")) {
            return "por_failed";
        }
        return switch (sms) {
            case "QUEUED" -> "queued";
            case "SENDING" -> "sending";
            case "SUBMITTED", "ENROUTE" -> "sent";
            case "DELIVERED" -> "delivered";
            case "OUTCOME_UNKNOWN" -> "outcome_unknown";
            default -> "failed"; // UNDELIVERABLE, EXPIRED, DELETED, REJECTED, REFUSED, EXPIRED_UNSENT, EXPIRED_NO_RECEIPT
        };
    }
}
