package io.tapbus.runtime.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.db.Database;
import io.tapbus.runtime.mms.MmsOutboxFlowTest;
import io.tapbus.runtime.write.StateTable;
import io.tapbus.runtime.write.WritePath;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The writer's memory of idempotency keys is bounded (size and age) and a key it forgot is read back from its row: on
 * the running bus's write path with a table of its own (the memory is looked at directly), and through the ticket
 * API of a bus that keeps 3 keys, where a sale replayed after many others still answers its first ticket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundedKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private RunningBus bus;
    private WritePath writes;
    private Jdbi jdbi;

    @BeforeAll
    void start() throws Exception {
        bus = new RunningBus(Map.of("tapbus.idempotency.max-keys", "3"));
        writes = bus.app().context().getRegistry().lookupByNameAndType("writePath", WritePath.class);
        jdbi = bus.app().context().getRegistry().lookupByNameAndType("database", Database.class).jdbi();
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
    }

    private StateTable<String, String> table(String name) {
        jdbi.useHandle(h -> h.execute("CREATE TABLE " + name + "(k VARCHAR(32) PRIMARY KEY, v VARCHAR(32))"));
        return new StateTable<>(name, jdbi,
                (h, k) -> h.createQuery("SELECT v FROM " + name + " WHERE k = ?").bind(0, k).mapTo(String.class).findOne().orElse(null),
                (batch, k, v, exists) -> batch.stage("INSERT INTO " + name + "(k, v) VALUES (?, ?)", k, v));
    }

    private void put(StateTable<String, String> table, BoundedKeys<String> keys, String k) {
        writes.execute(b -> {
            b.put(table, k, "outcome of " + k);
            keys.used(b, k);
            return null;
        });
    }

    @Test
    void pastTheBoundTheOldestKeysLeaveMemoryAndAreReadBackFromTheirRows() throws Exception {
        StateTable<String, String> table = table("test_bounded_keys");
        BoundedKeys<String> keys = new KeyMemory(writes, 3, Duration.ofHours(1)).bound(table);
        for (int i = 0; i < 10; i++) {
            put(table, keys, "k" + i);
        }
        MmsOutboxFlowTest.await(() -> keys.size() <= 3 && table.peek("k6") == null);
        assertThat(keys.size()).isEqualTo(3);
        for (int i = 0; i < 7; i++) {
            assertThat(table.peek("k" + i)).as("k%d forgotten in memory", i).isNull();
        }
        assertThat(table.peek("k9")).isEqualTo("outcome of k9");
        String replayed = writes.execute(b -> b.state(table, "k0"));
        assertThat(replayed).as("an evicted key replayed").isEqualTo("outcome of k0");
        assertThat(table.read("k3")).isEqualTo("outcome of k3");
    }

    @Test
    void keysUnusedForLongerThanTheAgeLeaveMemory() throws Exception {
        StateTable<String, String> table = table("test_aged_keys");
        BoundedKeys<String> keys = new KeyMemory(writes, 1000, Duration.ofMillis(300)).bound(table);
        put(table, keys, "old");
        Thread.sleep(400);
        put(table, keys, "new"); // a use notices the oldest is past its age
        MmsOutboxFlowTest.await(() -> table.peek("old") == null);
        assertThat(keys.size()).isEqualTo(1);
        assertThat(table.peek("new")).isEqualTo("outcome of new");
        String replayed = writes.execute(b -> b.state(table, "old"));
        assertThat(replayed).isEqualTo("outcome of old");
    }

    @Test
    void aTicketSaleReplayedAfterManyOthersAnswersItsFirstTicket() throws Exception {
        String admin = RunningBus.adminToken();
        assertThat(bus.post("/partners", admin, "{\"partnerId\":\"metro-bk\",\"name\":\"Metro\",\"kind\":\"MERCHANT\"}").statusCode())
                .isEqualTo(201);
        String seller = bus.partnerToken("metro-bk", "ticket-seller");
        Instant now = Instant.now();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> r = bus.post("/tickets", seller, sale("bk-" + i, now));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            ids.add(JSON.readTree(r.body()).path("ticketId").asText());
        }
        Thread.sleep(500); // the trims run after the sales
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> replay = bus.post("/tickets", seller, sale("bk-" + i, now));
            assertThat(replay.statusCode()).as("key bk-%d", i).isEqualTo(200);
            JsonNode t = JSON.readTree(replay.body());
            assertThat(t.path("ticketId").asText()).isEqualTo(ids.get(i));
        }
        writes.catchUp();
        int sold = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ticket WHERE seller_id = 'metro-bk'").mapTo(Integer.class).one());
        assertThat(sold).as("nothing sold twice").isEqualTo(12);
    }

    private static String sale(String key, Instant now) {
        return "{\"idempotencyKey\":\"" + key + "\",\"kind\":\"RIDE\",\"product\":\"BUS-1\",\"zones\":\"1\",\"validFrom\":\""
                + now.minusSeconds(60) + "\",\"validUntil\":\"" + now.plusSeconds(3600) + "\"}";
    }
}
