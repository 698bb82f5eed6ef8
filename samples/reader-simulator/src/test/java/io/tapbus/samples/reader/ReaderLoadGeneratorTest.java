package io.tapbus.samples.reader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.reader.ReaderKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaderLoadGeneratorTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void measuresExactlyMaxTapsAndSummarisesThem(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("reader-master.hex");
        Files.writeString(keyFile, ReaderSimulatorTest.MASTER_HEX);
        try (StubReaderServer server = new StubReaderServer(ReaderKeys.parseHexKey(ReaderSimulatorTest.MASTER_HEX))) {
            int exit = run("bench", "--port", String.valueOf(server.port()), "--master-key-file", keyFile.toString(),
                    "--readers", "3", "--cards", StubReaderServer.FUNDED_CARD + "," + StubReaderServer.BLOCKED_CARD,
                    "--duration-seconds", "30", "--warmup-seconds", "0", "--max-taps", "200");

            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
            JsonNode summary = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(summary.get("taps").asLong()).isEqualTo(200);
            assertThat(summary.get("replies").asLong()).isEqualTo(200);
            long approved = summary.get("verdicts").get("APPROVED").asLong();
            long declined = summary.get("verdicts").get("DECLINED").asLong();
            assertThat(approved + declined).isEqualTo(200);
            assertThat(approved).isBetween(80L, 120L);
            assertThat(summary.get("errors").size()).isZero();
            assertThat(server.taps()).isEqualTo(200);
            assertThat(summary.get("measuredSeconds").asDouble()).isLessThan(30);
            assertThat(summary.get("throughputTapsPerSecond").asDouble()).isPositive();

            JsonNode latency = summary.get("latencyMs");
            assertThat(latency.get("p50").asDouble()).isPositive()
                    .isLessThanOrEqualTo(latency.get("p90").asDouble());
            assertThat(latency.get("p90").asDouble()).isLessThanOrEqualTo(latency.get("p99").asDouble());
            assertThat(latency.get("p99").asDouble()).isLessThanOrEqualTo(latency.get("max").asDouble());
        }
    }

    @Test
    void stopsAtTheDeadlineAndCountsConnectFailuresWhenNobodyListens() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }
        long started = System.nanoTime();
        int exit = run("--port", String.valueOf(freePort), "--master-key", ReaderSimulatorTest.MASTER_HEX,
                "--readers", "2", "--duration-seconds", "1", "--warmup-seconds", "0");

        assertThat(exit).isEqualTo(1);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
        JsonNode summary = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(summary.get("replies").asLong()).isZero();
        assertThat(summary.get("errors").get("CONNECT_FAILED").asLong()).isEqualTo(summary.get("taps").asLong()).isPositive();
    }

    @Test
    void refusesAPerReaderKeyAndBadNumbers() {
        assertThat(run("bench", "--key", ReaderSimulatorTest.MASTER_HEX)).isEqualTo(2);
        assertThat(run("bench", "--master-key", ReaderSimulatorTest.MASTER_HEX, "--readers", "0")).isEqualTo(2);
        assertThat(run("bench", "--master-key", ReaderSimulatorTest.MASTER_HEX, "--duration-seconds", "soon")).isEqualTo(2);
        assertThat(run("bench", "--master-key", ReaderSimulatorTest.MASTER_HEX, "--cards", " , ")).isEqualTo(2);
        assertThat(out.size()).isZero();
    }

    private int run(String... args) {
        return ReaderLoadGenerator.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
