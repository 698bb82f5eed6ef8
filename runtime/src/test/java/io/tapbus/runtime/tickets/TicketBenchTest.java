package io.tapbus.runtime.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import io.tapbus.samples.load.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bench --flow tickets} for a second against a real bus: passes issued over REST, gates validating them on the
 * reader port, every answer OPEN. No assertion on rates or latencies.
 */
class TicketBenchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningBus bus;

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus();
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    @Test
    void everyGateValidationOpens() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"bench", "--flow", "tickets", "--rate", "300", "--duration-seconds", "1",
                "--connections", "4", "--cards", "6", "--port", String.valueOf(bus.readerPort),
                "--api", "http://127.0.0.1:" + bus.httpPort + "/api",
                "--admin-key-file", RunningBus.HOME.resolve("config/demo-keys/admin-api-key.txt").toString(),
                "--master-key-file", RunningBus.HOME.resolve("config/demo-keys/reader-master.hex").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        JsonNode r = JSON.readTree(lines[lines.length - 1]);
        assertThat(r.path("flow").asText()).isEqualTo("tickets");
        assertThat(r.path("wrongAnswers").asLong()).isZero();
        assertThat(r.path("passes").asInt()).isEqualTo(6);
        assertThat(r.has("p99Ms")).isTrue();
    }
}
