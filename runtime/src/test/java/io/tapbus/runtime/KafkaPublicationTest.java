package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.runtime.demo.DemoSeeder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With Kafka configured, tap events also reach the Kafka topic, keyed by card. In-process KRaft broker. */
class KafkaPublicationTest {
    private static KafkaClusterTestKit kafka;
    private static RunningBus bus;

    @BeforeAll
    static void start() throws Exception {
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        bus = new RunningBus(Map.of("tapbus.kafka.enabled", "true", "tapbus.kafka.brokers", kafka.bootstrapServers(),
                "tapbus.kafka.topic", "tapbus-events-test"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (bus != null) {
            bus.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void tapEventsArePublishedToKafkaKeyedByCard() throws Exception {
        TapResponse response;
        try (ReaderClient reader = bus.reader("R-DEMO-2")) {
            response = TapResponse.parse(reader.tap(new TapRequest(DemoSeeder.ACTIVE_CARD, 200, "CNY", Instant.now().toString(), "kafka-test-1")).body());
        }
        assertThat(response.verdict()).isEqualTo(TapResponse.Verdict.APPROVED);

        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "kafka-publication-test");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of("tapbus-events-test"));
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline
                    && seen.stream().noneMatch(r -> r.value().contains(response.transactionId()))) {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
            }
        }
        ConsumerRecord<String, String> record = seen.stream().filter(r -> r.value().contains(response.transactionId()))
                .findFirst().orElseThrow(() -> new AssertionError("no Kafka record for " + response.transactionId()));
        assertThat(record.key()).isEqualTo(DemoSeeder.ACTIVE_CARD);
        assertThat(record.value()).contains("\"type\":\"tap.decided\"").contains("kafka-test-1");
    }
}
