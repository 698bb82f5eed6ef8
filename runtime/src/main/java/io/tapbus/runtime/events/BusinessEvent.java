package io.tapbus.runtime.events;

import java.time.Instant;
import java.util.Map;

/**
 * One business event on the event stream (JMS topic, and Kafka when configured). {@code partitionKey}
 * is the card or merchant whose events must stay in order; it is the Kafka record key.
 */
public record BusinessEvent(String eventId, String type, Instant occurredAt, String correlationId, String partitionKey,
                            String merchantId, Map<String, Object> data) {
    public static BusinessEvent of(String type, String correlationId, String partitionKey, String merchantId,
                                   Map<String, Object> data) {
        return new BusinessEvent(io.tapbus.rules.TimeOrderedId.next(), type, Instant.now(), correlationId, partitionKey, merchantId, data);
    }
}
