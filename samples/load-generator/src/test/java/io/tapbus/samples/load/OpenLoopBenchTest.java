package io.tapbus.samples.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bench (options, precomputed frames, open-loop engine, answer checks, summary line, exit code) against
 * {@link FakeReaderBus}, which uses the reader connector's real decoder, MAC and replay checks. Limits are loose: no
 * assertion depends on timing.
 */
class OpenLoopBenchTest {

    private static final byte[] MASTER = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int bench(FakeReaderBus bus, String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = "bench";
        all[1] = "--port";
        all[2] = Integer.toString(bus.port());
        System.arraycopy(args, 0, all, 3, args.length);
        BenchOptions o = BenchOptions.parse(all, 1, home);
        TapFlow flow = new TapFlow(o, null, null, MASTER, new PrintStream(err));
        return new Main.Bench(o, flow, new PrintStream(out, true), new PrintStream(err, true)).run();
    }

    private JsonNode lastLine() throws Exception {
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    @Test
    void fixedRateAnswersEveryTapAndEndsWithOneJsonLine() throws Exception {
        try (FakeReaderBus bus = new FakeReaderBus(MASTER, Set.of())) {
            int exit = bench(bus, "--flow", "taps", "--rate", "400", "--duration-seconds", "0.5", "--connections", "40",
                    "--warmup-seconds", "0.25", "--step-seconds", "0.25", "--verify-mac");
            assertThat(exit).as(err.toString()).isZero();
            JsonNode s = lastLine();
            assertThat(s.get("flow").asText()).isEqualTo("taps");
            assertThat(s.get("mode").asText()).isEqualTo("fixed-rate");
            assertThat(s.get("rate").asDouble()).isEqualTo(400);
            assertThat(s.get("requests").asInt()).isEqualTo(200);
            assertThat(s.get("answered").asInt()).isEqualTo(200);
            assertThat(s.get("wrongAnswers").asLong()).isZero();
            assertThat(s.has("p50Ms")).isTrue();
            assertThat(s.has("p99Ms")).isTrue();
            assertThat(s.has("p999Ms")).isTrue();
            assertThat(s.get("generatorCpuShare").asDouble()).isBetween(0.0, 1.0);
            assertThat(s.get("steps")).hasSize(2);
            assertThat(s.get("steps").get(0).get("warmUp").asBoolean()).isTrue();
            assertThat(bus.taps.get()).isEqualTo(300); // every frame had a good MAC and a rising sequence
        }
    }

    @Test
    void findMaxReportsTheHighestRateThatHeld() throws Exception {
        try (FakeReaderBus bus = new FakeReaderBus(MASTER, Set.of())) {
            int exit = bench(bus, "--flow", "taps", "--find-max", "--connections", "20", "--start-rate", "100",
                    "--rate-factor", "2", "--max-rate", "500", "--step-seconds", "0.3", "--warmup-seconds", "0.3",
                    "--p99-limit-ms", "10000", "--retries", "0");
            assertThat(exit).as(err.toString()).isZero();
            JsonNode s = lastLine();
            assertThat(s.get("flow").asText()).isEqualTo("taps");
            assertThat(s.get("maxRatePerSecond").asDouble()).isEqualTo(400);
            assertThat(s.get("p50Ms").isNumber()).isTrue();
            assertThat(s.get("p99Ms").isNumber()).isTrue();
            assertThat(s.get("wrongAnswers").asLong()).isZero();
            assertThat(s.get("generatorCpuShare").isNumber()).isTrue();
            assertThat(s.get("stoppedBecause").asText()).contains("--max-rate");
            assertThat(s.get("steps")).hasSize(4); // warm-up, 100, 200, 400
            assertThat(err.toString()).contains("bench: step 2: 100/s").contains("-> held");
        }
    }

    @Test
    void aDeclineIsAWrongAnswerAndTheExitCodeIsOne() throws Exception {
        // the generator's synthetic card of connection 2 (no REST in tests): 04C00000000002
        try (FakeReaderBus bus = new FakeReaderBus(MASTER, Set.of("04C00000000002"))) {
            int exit = bench(bus, "--flow", "taps", "--rate", "100", "--duration-seconds", "0.3", "--connections", "4");
            assertThat(exit).isEqualTo(Summary.EXIT_WRONG);
            JsonNode s = lastLine();
            assertThat(s.get("wrongAnswers").asLong()).isPositive();
            assertThat(s.get("wrongAnswerKinds").get("DECLINED CARD_NOT_ACTIVE").asLong()).isPositive();
            assertThat(err.toString()).contains("wrong answers");
        }
    }

    @Test
    void aWrongKeyGivesErrorFramesCounted() throws Exception {
        try (FakeReaderBus bus = new FakeReaderBus(HexFormat.of().parseHex("ffffffffffffffffffffffffffffffff"), Set.of())) {
            int exit = bench(bus, "--flow", "taps", "--rate", "50", "--duration-seconds", "0.2", "--connections", "2");
            assertThat(exit).isEqualTo(Summary.EXIT_WRONG);
            assertThat(lastLine().get("wrongAnswerKinds").get("ERROR BAD_MAC").asLong()).isEqualTo(10);
        }
    }

    @Test
    void helpPrintsUsageAndExitsZeroWithoutRunning() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"bench", "--flow", "taps", "--find-max", "--help"}, new PrintStream(o), new PrintStream(err));
        assertThat(exit).isZero();
        assertThat(o.toString()).contains("--flow taps|payments|bank-payments|scans --find-max").contains("--payments");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(Main.run(new String[] {"bench", "--flow", "nope", "--find-max"}, new PrintStream(out), new PrintStream(err)))
                .isEqualTo(Summary.EXIT_USAGE);
        assertThat(Main.run(new String[] {"bench", "--flow", "taps"}, new PrintStream(out), new PrintStream(err)))
                .isEqualTo(Summary.EXIT_USAGE);
        assertThat(Main.run(new String[] {"bench", "--flow", "taps", "--rate", "5"}, new PrintStream(out), new PrintStream(err)))
                .isEqualTo(Summary.EXIT_USAGE);
        assertThat(err.toString()).contains("--rate needs --duration-seconds");
    }
}
