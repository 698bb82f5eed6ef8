package io.tapbus.runtime.events;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves events from the outbox to the event stream in batches: one JMS transaction per batch (one
 * journal sync for many events) to the whole-stream topic and to each merchant's own
 * {@code tapbus.partner.<merchantId>.events} topic, then Kafka when configured, then the rows are deleted. A failure
 * leaves the rows for the next run, so delivery is at least once and in outbox order.
 */
public final class OutboxRelay {
    public static final String BATCH = "TapBusOutboxBatch";
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final EventOutbox outbox;
    private final ConnectionFactory connectionFactory;
    private final String topic;
    private final int batchSize;

    public OutboxRelay(EventOutbox outbox, ConnectionFactory connectionFactory, String topic, int batchSize) {
        this.outbox = outbox;
        this.connectionFactory = connectionFactory;
        this.topic = topic;
        this.batchSize = batchSize;
    }

    /** Reads the next batch; the exchange property {@link #BATCH} holds it for the later steps. Returns its size. */
    public int fetch(Exchange exchange) {
        List<EventOutbox.Pending> batch = outbox.oldest(batchSize);
        exchange.setProperty(BATCH, batch);
        return batch.size();
    }

    /** Publishes the batch on the JMS topic in one transaction. */
    public void publishJms(Exchange exchange) throws JMSException {
        List<EventOutbox.Pending> batch = batch(exchange);
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            MessageProducer producer = session.createProducer(null);
            jakarta.jms.Topic stream = session.createTopic(topic);
            for (EventOutbox.Pending event : batch) {
                TextMessage message = session.createTextMessage(event.payload());
                message.setStringProperty(EventHeaders.TYPE, event.type());
                if (event.merchantId() != null) {
                    message.setStringProperty(EventHeaders.MERCHANT, event.merchantId());
                }
                if (event.partitionKey() != null) {
                    message.setStringProperty(EventHeaders.PARTITION_KEY, event.partitionKey());
                }
                message.setStringProperty("TapBusEventId", event.eventId());
                producer.send(stream, message);
                if (event.merchantId() != null) {
                    // the merchant's own copy, on an address only that partner may read
                    producer.send(session.createTopic("tapbus.partner." + event.merchantId() + ".events"), message);
                }
            }
            session.commit();
        }
    }

    /** The batch as Kafka records (body: the event JSON, key: the partition key), for camel-kafka. */
    public List<Message> kafkaRecords(Exchange exchange) {
        CamelContext context = exchange.getContext();
        List<Message> records = new ArrayList<>();
        for (EventOutbox.Pending event : batch(exchange)) {
            Message m = new DefaultMessage(context);
            m.setBody(event.payload());
            m.setHeader("kafka.KEY", event.partitionKey());
            records.add(m);
        }
        return records;
    }

    /** Deletes the published batch from the outbox. */
    public void done(Exchange exchange) {
        List<EventOutbox.Pending> batch = batch(exchange);
        int removed = outbox.remove(batch);
        LOG.debug("relayed {} events", removed);
    }

    @SuppressWarnings("unchecked")
    private static List<EventOutbox.Pending> batch(Exchange exchange) {
        return exchange.getProperty(BATCH, List.class);
    }
}
