package io.tapbus.runtime.events;

/** Message properties every event carries on the JMS topic (usable in selectors). */
public final class EventHeaders {
    public static final String TYPE = "TapBusEventType";
    public static final String MERCHANT = "TapBusMerchantId";
    public static final String PARTITION_KEY = "TapBusPartitionKey";

    private EventHeaders() {
    }
}
