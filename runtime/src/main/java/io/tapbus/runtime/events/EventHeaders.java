package io.tapbus.runtime.events;

import org.apache.camel.Exchange;

/** Puts an event's routing facts on message headers (JMS selectors, Kafka key) and its JSON in the body. */
public final class EventHeaders {
    public static final String TYPE = "TapBusEventType";
    public static final String MERCHANT = "TapBusMerchantId";
    public static final String PARTITION_KEY = "TapBusPartitionKey";
    public static final String EVENT_PROPERTY = "TapBusEvent";

    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public EventHeaders(com.fasterxml.jackson.databind.ObjectMapper json) {
        this.json = json;
    }

    /** Body: the event as JSON text; headers: type, merchant, partition key (also the Kafka key). */
    public void prepare(Exchange exchange) throws Exception {
        BusinessEvent event = exchange.getProperty(EVENT_PROPERTY, BusinessEvent.class);
        if (event == null) {
            event = exchange.getMessage().getMandatoryBody(BusinessEvent.class);
        }
        exchange.getMessage().setHeader(TYPE, event.type());
        exchange.getMessage().setHeader(MERCHANT, event.merchantId());
        exchange.getMessage().setHeader(PARTITION_KEY, event.partitionKey());
        exchange.getMessage().setHeader("kafka.KEY", event.partitionKey());
        exchange.getMessage().setBody(json.writeValueAsString(event));
    }
}
