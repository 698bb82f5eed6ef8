package io.tapbus.runtime.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.write.Batch;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The transactional outbox, its one writer: events written with the change they report, read back in order by the relay. */
public final class EventOutbox {
    private final Jdbi jdbi;
    private final ObjectMapper json;

    public EventOutbox(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    /** A stored event: its JSON as published and the facts that route it. */
    public record Pending(long seq, String eventId, String type, String partitionKey, String merchantId, String payload) {}

    /** Adds the event in the caller's write unit: it is stored with the change it reports, or not at all. */
    public void add(Batch batch, BusinessEvent event) {
        try {
            batch.stage("INSERT INTO event_outbox(event_id, event_type, partition_key, merchant_id, payload, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?)",
                    event.eventId(), event.type(), event.partitionKey(), event.merchantId(), json.writeValueAsString(event), Instant.now());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.eventId() + " cannot be written as JSON", e);
        }
    }

    public List<Pending> oldest(int max) {
        return jdbi.withHandle(h -> h.createQuery("SELECT outbox_seq, event_id, event_type, partition_key, merchant_id, payload "
                        + "FROM event_outbox ORDER BY outbox_seq LIMIT :n")
                .bind("n", max)
                .map((rs, ctx) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6)))
                .list());
    }

    public int remove(List<Pending> published) {
        if (published.isEmpty()) {
            return 0;
        }
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM event_outbox WHERE outbox_seq IN (<seqs>)")
                .bindList("seqs", published.stream().map(Pending::seq).toList()).execute());
    }

    public long backlog() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM event_outbox").mapTo(Long.class).one());
    }
}
