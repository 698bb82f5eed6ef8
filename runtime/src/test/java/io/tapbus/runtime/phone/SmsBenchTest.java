package io.tapbus.runtime.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import io.tapbus.samples.load.Main;
import io.tapbus.samples.smsc.ControlCommands;
import io.tapbus.samples.smsc.ControlHttp;
import io.tapbus.samples.smsc.SmscOptions;
import io.tapbus.samples.smsc.SmscSimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bench --flow sms} and {@code --flow sms-commands} for a second each against a real bus and the SMSC simulator
 * (its SMPP port and HTTP control on free loopback ports): the JSON line parses, every message was DELIVERED and
 * matched at the SMSC, the window held, every command got its reply. No assertion on rates or latencies.
 */
class SmsBenchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WINDOW = 20;
    private static SmscSimulator smsc;
    private static ControlHttp control;
    private static RunningBus bus;
    private static String api;

    @BeforeAll
    static void start() throws Exception {
        smsc = new SmscSimulator(SmscOptions.parse("--port", "0", "--control-port", "off", "--no-stdin", "--quiet",
                "--receipt-delay", "0"), line -> { }).start();
        control = new ControlHttp(0, new ControlCommands(smsc), smsc, line -> { }, true).start();
        bus = new RunningBus(Map.of(
                "tapbus.smsc.local.port", String.valueOf(smsc.port()),
                "tapbus.smsc.local.password", "demo1234", // the simulator's DEMO password
                "tapbus.smsc.local.window", String.valueOf(WINDOW)));
        api = "http://127.0.0.1:" + bus.httpPort + "/api";
        long until = System.currentTimeMillis() + 30_000;
        while (JSON.readTree(smsc.statsJson()).path("bound").asInt() == 0 && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (bus != null) {
            bus.close();
        }
        control.close();
        smsc.close();
    }

    @Test
    void outgoingTextsAreAllDeliveredAndMatchedWithinTheWindow() throws IOException {
        JsonNode r = bench("--flow", "sms", "--rate", "100", "--duration-seconds", "1", "--window", String.valueOf(WINDOW));
        assertThat(r.path("flow").asText()).isEqualTo("sms");
        assertThat(r.path("mode").asText()).isEqualTo("fixed-rate");
        assertThat(r.path("messages").asInt()).isEqualTo(100);
        assertThat(r.path("queued").asInt()).isEqualTo(100);
        assertThat(r.path("smscSubmits").asInt()).as("each text submitted once").isEqualTo(100);
        assertThat(r.path("smscReceipts").asInt()).isEqualTo(100);
        assertThat(r.path("delivered").asInt()).as("every receipt matched to its message").isEqualTo(100);
        assertThat(r.path("smscPeakInFlight").asInt()).isBetween(1, WINDOW);
        assertThat(r.path("wrongAnswers").asLong()).isZero();
        assertThat(r.path("smscSubmitsPerSecond").asDouble()).isPositive();
        assertThat(r.has("p99Ms") && r.has("achievedRatePerSecond") && r.has("generatorCpuShare")).isTrue();
    }

    @Test
    void everyBalanceCommandGetsItsReply() throws IOException {
        JsonNode r = bench("--flow", "sms-commands", "--rate", "20", "--duration-seconds", "1", "--numbers", "4");
        assertThat(r.path("flow").asText()).isEqualTo("sms-commands");
        assertThat(r.path("requests").asInt()).isEqualTo(20);
        assertThat(r.path("answered").asInt()).as("a reply submit_sm for every MO").isEqualTo(20);
        assertThat(r.path("wrongAnswers").asLong()).isZero();
        assertThat(r.path("p99Ms").asDouble()).isPositive();
    }

    private static JsonNode bench(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("bench"));
        all.addAll(List.of(args));
        all.addAll(List.of("--api", api, "--smsc-control", "http://127.0.0.1:" + control.port(), "--admin-key-file",
                RunningBus.HOME.resolve("config/demo-keys/admin-api-key.txt").toString(), "--drain-seconds", "60"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return JSON.readTree(lines[lines.length - 1]);
    }
}
