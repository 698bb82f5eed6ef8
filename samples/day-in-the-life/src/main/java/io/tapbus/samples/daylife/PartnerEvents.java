package io.tapbus.samples.daylife;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Each partner's own business events as the partner receives them: a JMS subscription to
 * {@code tapbus.partner.<id>.events} with the partner's own credential (key id and secret as user and password),
 * opened before the day starts, so every event of the run is seen.
 */
final class PartnerEvents implements AutoCloseable {
    private final String brokerUrl;
    private final List<Connection> connections = new ArrayList<>();
    private final Map<String, List<String>> types = new ConcurrentHashMap<>();

    PartnerEvents(String brokerUrl) {
        this.brokerUrl = brokerUrl;
    }

    /** Subscribes as {@code partnerId} with its credential token {@code keyId.secret}. */
    void listen(String partnerId, String token) throws JMSException {
        int dot = token.indexOf('.');
        Connection c = new ActiveMQConnectionFactory(brokerUrl).createConnection(token.substring(0, dot), token.substring(dot + 1));
        connections.add(c);
        Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        List<String> seen = types.computeIfAbsent(partnerId, p -> new CopyOnWriteArrayList<>());
        session.createConsumer(session.createTopic("tapbus.partner." + partnerId + ".events")).setMessageListener(m -> {
            try {
                JsonNode e = Rest.JSON.readTree(((TextMessage) m).getText());
                seen.add(e.path("type").asText());
            } catch (Exception ignored) {
                seen.add("(unreadable)");
            }
        });
        c.start();
    }

    /** Waits up to {@code millis} until every partner has every expected type; what each partner received. */
    Map<String, List<String>> await(Map<String, List<String>> expected, long millis) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < until && !missing(expected).isEmpty()) {
            Thread.sleep(100);
        }
        Map<String, List<String>> received = new LinkedHashMap<>();
        expected.keySet().forEach(p -> received.put(p, List.copyOf(types.getOrDefault(p, List.of()))));
        return received;
    }

    /** Per partner, the expected types not (yet) received. */
    Map<String, List<String>> missing(Map<String, List<String>> expected) {
        Map<String, List<String>> missing = new LinkedHashMap<>();
        expected.forEach((partner, wanted) -> {
            List<String> got = types.getOrDefault(partner, List.of());
            List<String> lacking = wanted.stream().filter(t -> !got.contains(t)).toList();
            if (!lacking.isEmpty()) {
                missing.put(partner, lacking);
            }
        });
        return missing;
    }

    @Override
    public void close() {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (JMSException ignored) {
                // closing anyway
            }
        }
    }
}
