package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.reader.ErrorBody;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.runtime.write.WritePath;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A full disk, injected at the write path's storage seam (a real full disk cannot be made in a test): the
 * commit fails as H2 fails when the disk is full. Readers get UNAVAILABLE, REST gets 503, nothing is
 * recorded or debited; when space returns, the same requests succeed, once.
 */
class StorageFullTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningBus bus;
    private static WritePath writes;

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus();
        writes = bus.app().context().getRegistry().lookupByNameAndType("writePath", WritePath.class);
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    @Test
    void aFullDiskAnswersUnavailableEverywhereAndRecoversWhenSpaceReturns() throws Exception {
        String admin = RunningBus.adminToken();
        long before = balance(admin);
        String correlationId = "full-disk-" + UUID.randomUUID();
        WritePath.Durability healthy = writes.durability(new WritePath.Durability() {
            @Override
            public void commitAndSync(java.sql.Connection connection) throws SQLException {
                throw new SQLException("No space left on device", "HY000"); // what the engine reports when its file cannot grow
            }

            @Override
            public void beforeJournal() throws java.io.IOException {
                throw new java.io.IOException("No space left on device"); // what write(2) reports on a full disk
            }
        });
        try (ReaderClient reader = bus.reader("R-DEMO-1")) {
            ReaderFrame refused = reader.tap(tap(correlationId));
            assertThat(refused.type()).isEqualTo(FrameType.ERROR);
            assertThat(ErrorBody.parse(refused.body()).code()).isEqualTo("UNAVAILABLE");

            HttpResponse<String> topUp = bus.send(java.net.http.HttpRequest.newBuilder(bus.api("/accounts/" + account(admin) + "/topups"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", "full-disk-topup")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"amountMinor\":500}")), admin);
            assertThat(topUp.statusCode()).as(topUp.body()).isEqualTo(503);
            assertThat(topUp.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
            assertThat(balance(admin)).as("nothing debited or credited while the disk is full").isEqualTo(before);
            assertThat(history(admin)).doesNotContain(correlationId);

            writes.durability(healthy); // space returns
            TapResponse answered = TapResponse.parse(reader.tap(tap(correlationId)).body());
            assertThat(answered.verdict()).isEqualTo(TapResponse.Verdict.APPROVED);
            HttpResponse<String> again = bus.send(java.net.http.HttpRequest.newBuilder(bus.api("/accounts/" + account(admin) + "/topups"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", "full-disk-topup")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"amountMinor\":500}")), admin);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
            assertThat(balance(admin)).isEqualTo(before - 100 + 500);
            assertThat(history(admin).split(correlationId, -1)).as("the retried tap recorded once").hasSize(2);
        } finally {
            writes.durability(healthy);
        }
    }

    private static TapRequest tap(String correlationId) {
        return new TapRequest(DemoSeeder.ACTIVE_CARD, 100, "CNY", Instant.now().toString(), correlationId);
    }

    private static String account(String admin) throws Exception {
        return JSON.readTree(bus.get("/cards/" + DemoSeeder.ACTIVE_CARD, admin).body()).path("accountId").asText();
    }

    private static long balance(String admin) throws Exception {
        JsonNode account = JSON.readTree(bus.get("/accounts/" + account(admin), admin).body());
        return account.path("balanceMinor").asLong();
    }

    private static String history(String admin) throws Exception {
        return bus.get("/cards/" + DemoSeeder.ACTIVE_CARD + "/history?limit=50", admin).body();
    }
}
