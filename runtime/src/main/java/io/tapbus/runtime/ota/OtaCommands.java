package io.tapbus.runtime.ota;

import io.tapbus.connector.ota.PorStatus;
import io.tapbus.connector.ota.ResponsePacket;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.connector.common.Masking;
import io.tapbus.runtime.write.Batch;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The table {@code ota_command}: the only class that writes it, always inside a write unit. A command is recorded
 * with the counter and the outbox message that carry it; its proof of receipt moves it once from AWAITING_POR to
 * POR_OK or POR_ERROR (a PoR saying more_time_needed leaves it waiting), and each move writes an {@code ota.por}
 * business event.
 */
public final class OtaCommands {

    /** A command as stored: enough to verify and match its proof of receipt. */
    public record Stored(String commandId, String cardUid, int keySet, String tar, long counter, String spi,
            String state) {}

    /** Why a proof of receipt changed nothing. */
    public static final class Refused extends RuntimeException {
        private final String reason;

        Refused(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        /** {@code COUNTER_REPLAYED}, {@code COUNTER_UNKNOWN}, ... */
        public String reason() {
            return reason;
        }
    }

    private final EventOutbox events;

    public OtaCommands(EventOutbox events) {
        this.events = events;
    }

    /** Records a command just queued. {@code awaitsPor} false when its SPI asks for no proof of receipt. */
    public void sent(Batch batch, String commandId, String cardUid, String msisdn, int keySet, String tar,
            long counter, String spi, String kind, boolean awaitsPor, String smsMessageId) {
        Instant now = Instant.now();
        batch.handle().createUpdate("INSERT INTO ota_command(command_id, card_uid, msisdn, key_set, tar, counter, spi,"
                        + " kind, state, sms_message_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, commandId).bind(1, cardUid).bind(2, msisdn).bind(3, keySet).bind(4, tar).bind(5, counter)
                .bind(6, spi).bind(7, kind).bind(8, awaitsPor ? "AWAITING_POR" : "NO_POR").bind(9, smsMessageId)
                .bind(10, now).bind(11, now).execute();
    }

    /**
     * Records a verified proof of receipt for the command of {@code keySet} of {@code cardUid} with its TAR and
     * counter. Throws {@link Refused} (the unit then leaves no trace) when no command has that counter
     * (COUNTER_UNKNOWN) or its proof of receipt came already (COUNTER_REPLAYED). Returns the command id.
     */
    public String answered(Batch batch, String cardUid, int keySet, ResponsePacket por, String statusWord) {
        Handle h = batch.handle();
        String tar = java.util.HexFormat.of().withUpperCase().formatHex(por.tar());
        Optional<Map<String, Object>> row = h.createQuery("SELECT command_id, state, msisdn FROM ota_command"
                        + " WHERE card_uid = ? AND key_set = ? AND tar = ? AND counter = ?")
                .bind(0, cardUid).bind(1, keySet).bind(2, tar).bind(3, por.counter()).mapToMap().findFirst();
        String counter = String.format("%010X", por.counter());
        if (row.isEmpty()) {
            throw new Refused("COUNTER_UNKNOWN", "no command with counter " + counter + " was sent to TAR " + tar
                    + " with key set " + keySet);
        }
        String id = (String) row.get().get("command_id");
        if (!"AWAITING_POR".equals(row.get().get("state"))) {
            throw new Refused("COUNTER_REPLAYED", "command " + id + " (counter " + counter + ") is not awaiting a"
                    + " proof of receipt: " + row.get().get("state"));
        }
        boolean waiting = por.status().orElse(null) == PorStatus.MORE_TIME_NEEDED;
        String state = waiting ? "AWAITING_POR" : por.statusCode() == PorStatus.POR_OK.code() ? "POR_OK" : "POR_ERROR";
        h.createUpdate("UPDATE ota_command SET state = ?, por_status = ?, status_word = ?, updated_at = ?"
                        + " WHERE command_id = ? AND state = 'AWAITING_POR'")
                .bind(0, state).bind(1, por.statusLabel()).bind(2, statusWord).bind(3, Instant.now()).bind(4, id)
                .execute();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("commandId", id);
        data.put("cardUid", cardUid);
        data.put("msisdn", Masking.msisdn((String) row.get().get("msisdn")));
        data.put("state", state);
        data.put("porStatus", por.statusLabel());
        data.put("statusWord", statusWord);
        events.add(batch, BusinessEvent.of("ota.por", id, cardUid, null, data));
        return id;
    }
}
