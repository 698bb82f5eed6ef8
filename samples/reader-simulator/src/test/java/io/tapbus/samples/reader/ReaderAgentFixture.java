package io.tapbus.samples.reader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.sim.CardProfile;
import io.tapbus.connector.card.sim.SimulatedReaders;
import io.tapbus.connector.card.sim.TapBusPaymentApplet;
import io.tapbus.connector.common.Hex;
import io.tapbus.connector.reader.ReaderKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the reader agent's tests share: a test issuer on a socket (verifies the ARQC, computes the ARPC under the demo
 * issuer master key), a simulated TapBus card, the agent's captured output and its JSON lines.
 */
abstract class ReaderAgentFixture {
    static final String MASTER_HEX = "00112233445566778899aabbccddeeff";
    static final String READER = "R-DEMO-1";
    static final String PAN = SimulatedCardOptions.DEFAULT_PAN;
    static final byte[] IMK = Hex.parse(SimulatedCardOptions.DEMO_ISSUER_KEY);
    static final ObjectMapper JSON = new ObjectMapper();

    PaymentTestServer server;
    final SimulatedReaders readers = new SimulatedReaders(ReaderAgent.SIM_TERMINAL);
    final TapBusPaymentApplet applet = new TapBusPaymentApplet(
            CardProfile.personalise(IMK, new CardId(PAN, "01"), YearMonth.of(2030, 12)), 0x0041, 5_000);
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startIssuer() throws Exception {
        server = new PaymentTestServer(ReaderKeys.parseHexKey(MASTER_HEX), IMK);
        server.openAccount(PAN, 5_000);
    }

    @AfterEach
    void stopIssuer() {
        server.close();
    }

    int cli(String... args) {
        return ReaderAgent.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    List<JsonNode> lines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String text : stdout().split("\n")) {
            if (!text.isBlank()) {
                try {
                    lines.add(JSON.readTree(text));
                } catch (Exception e) {
                    throw new AssertionError("not a JSON line: " + text, e);
                }
            }
        }
        return lines;
    }

    JsonNode onlyLine() {
        List<JsonNode> lines = lines();
        assertThat(lines).as(stdout() + stderr()).hasSize(1);
        return lines.get(0);
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    String port() {
        return String.valueOf(server.port());
    }
}
