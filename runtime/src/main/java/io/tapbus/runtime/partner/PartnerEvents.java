package io.tapbus.runtime.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.events.EventHeaders;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest business events of each merchant (the ones the outbox relay also puts on the merchant's own topic
 * {@code tapbus.partner.<id>.events}), kept in memory for the partner's page: the last {@link #KEEP} per partner,
 * for the {@link #PARTNERS} most recently active partners. Fed by the route {@code partner-events-feed}; a restart
 * starts empty (the topic and Kafka are the durable stream).
 */
public final class PartnerEvents {
    static final int KEEP = 100;
    static final int PARTNERS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(PartnerEvents.class);

    /** One event as the partner's page shows it: id, type, when, and the event's own data. */
    public record Event(String eventId, String type, String occurredAt, String correlationId, JsonNode data) {}

    private final ObjectMapper json;
    private final Map<String, Deque<Event>> recent = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Event>> eldest) {
            return size() > PARTNERS;
        }
    });

    public PartnerEvents(ObjectMapper json) {
        this.json = json;
    }

    /** An event from the topic (its JSON) for the merchant it names. */
    public void onEvent(@Header(EventHeaders.MERCHANT) String merchantId, @Body String eventJson) {
        if (merchantId == null || merchantId.isBlank()) {
            return;
        }
        try {
            JsonNode e = json.readTree(eventJson);
            Event event = new Event(e.path("eventId").asText(), e.path("type").asText(), text(e.path("occurredAt")),
                    e.hasNonNull("correlationId") ? e.path("correlationId").asText() : null, e.path("data"));
            Deque<Event> mine = recent.computeIfAbsent(merchantId, m -> new ArrayDeque<>());
            synchronized (mine) {
                mine.addFirst(event);
                while (mine.size() > KEEP) {
                    mine.removeLast();
                }
            }
        } catch (Exception ex) {
            LOG.warn("an event for the partner pages was not understood: {}", ex.getMessage());
        }
    }

    /** The partner's kept events, newest first. */
    public List<Event> of(String partnerId) {
        Deque<Event> mine = recent.get(partnerId);
        if (mine == null) {
            return List.of();
        }
        synchronized (mine) {
            return new ArrayList<>(mine);
        }
    }

    private static String text(JsonNode at) {
        return at.isMissingNode() || at.isNull() ? null : at.asText();
    }
}
