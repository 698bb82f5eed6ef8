package io.tapbus.runtime.ota;

import io.tapbus.connector.ota.CardKeySet;
import io.tapbus.connector.ota.CommandPacket;
import io.tapbus.connector.ota.OtaCounterStore;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.StateTable;
import org.jdbi.v3.core.Jdbi;

/**
 * The OTA counters per card and key set (ETSI TS 102 225: the card refuses a counter not higher than its own). Held
 * by the write path: read from {@code ota_counter} once per key set, changed only by the writer, and the only class
 * that writes that table. A counter is taken inside the write unit that builds and queues its packet, so it is
 * durable before any part can reach the SMSC: a unit that fails takes nothing, and a counter that went out is never
 * handed out again, across restarts and crashes.
 */
public final class OtaCounters {
    private final StateTable<CardKeySet, Long> last;

    public OtaCounters(Jdbi jdbi) {
        last = new StateTable<>("ota_counter", jdbi,
                (h, k) -> h.createQuery("SELECT last_counter FROM ota_counter WHERE card_uid = ? AND key_set = ?")
                        .bind(0, k.card()).bind(1, k.keySet()).mapTo(Long.class).findOne().orElse(null),
                (batch, k, v, exists) -> {
                    if (exists) {
                        batch.stage("UPDATE ota_counter SET last_counter = ? WHERE card_uid = ? AND key_set = ?", v,
                                k.card(), k.keySet());
                    } else {
                        batch.stage("INSERT INTO ota_counter(card_uid, key_set, last_counter) VALUES (?, ?, ?)",
                                k.card(), k.keySet(), v);
                    }
                });
    }

    /** The next counter of the key set, one above the last used (1 for a key set never used); this unit's own. */
    public long next(Batch batch, CardKeySet keySet) {
        Long used = batch.state(last, keySet);
        if (used != null && used >= CommandPacket.MAX_COUNTER) {
            throw DomainError.conflict("the OTA counter of key set " + keySet.keySet()
                    + " of this card is used up (FFFFFFFFFF): the key set must be replaced");
        }
        long counter = used == null ? OtaCounterStore.FIRST : used + 1;
        batch.put(last, keySet, counter);
        return counter;
    }

    /** The highest counter used for the key set as last made durable; -1 when none was. */
    public long last(CardKeySet keySet) {
        Long v = last.read(keySet);
        return v == null ? -1 : v;
    }
}
