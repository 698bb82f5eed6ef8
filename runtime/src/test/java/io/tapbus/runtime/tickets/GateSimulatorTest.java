package io.tapbus.runtime.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import io.tapbus.samples.reader.GateSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate simulator (reader-sim gate / gate-sync) against a running bus: two gates let the same single ride through
 * while offline (each checks the signature with the public key it holds), then upload their journals: the first is
 * counted, the second reported as a double use; an online gate refuses the ride afterwards; a forged QR is refused offline.
 */
class GateSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningBus bus;
    private static String seller;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus();
        String admin = RunningBus.adminToken();
        bus.post("/partners", admin, "{\"partnerId\":\"gate-sim-metro\",\"name\":\"Metro\",\"kind\":\"MERCHANT\"}");
        seller = JSON.readTree(bus.post("/partners/gate-sim-metro/credentials", admin, "{\"roles\":[\"ticket-seller\"]}").body())
                .path("token").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    private record Run(int exit, String out) {
        JsonNode json() throws Exception {
            String[] lines = out.strip().split("\n");
            return JSON.readTree(lines[lines.length - 1]);
        }
    }

    private Run gate(String... args) {
        String[] all = new String[args.length + 6];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--master-key-file", RunningBus.HOME.resolve("config/demo-keys/reader-master.hex").toString(),
                "--port", String.valueOf(bus.readerPort), "--gate-keys",
                RunningBus.HOME.resolve("config/demo-keys/ticket-gate-keys.txt").toString()}, 0, all, args.length, 6);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = GateSimulator.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void twoOfflineGatesThenSyncThenAnOnlineGate() throws Exception {
        Instant now = Instant.now();
        JsonNode ticket = JSON.readTree(bus.post("/tickets", seller, "{\"idempotencyKey\":\"gs-1\",\"kind\":\"RIDE\",\"product\":\"METRO-SINGLE\","
                + "\"zones\":\"1\",\"validFrom\":\"" + now.minusSeconds(60) + "\",\"validUntil\":\"" + now.plusSeconds(3600) + "\"}").body());
        String qr = ticket.path("qr").asText();
        String east = dir.resolve("east.jsonl").toString();
        String west = dir.resolve("west.jsonl").toString();

        Run e1 = gate("gate", "--reader", "R-DEMO-1", "--ticket", qr, "--line", "L-EAST", "--zone", "1", "--offline", "--journal", east);
        assertThat(e1.exit()).isZero();
        assertThat(e1.json().path("outcome").asText()).isEqualTo("OPEN");
        Run e2 = gate("gate", "--reader", "R-DEMO-1", "--ticket", qr, "--line", "L-EAST", "--zone", "1", "--offline", "--journal", east);
        assertThat(e2.json().path("reasons").toString()).as("the same gate remembers its own uses").contains("ALREADY_USED");
        Run w1 = gate("gate", "--reader", "R-DEMO-2", "--ticket", qr, "--line", "L-WEST", "--zone", "1", "--offline", "--journal", west);
        assertThat(w1.json().path("outcome").asText()).as("another offline gate cannot know").isEqualTo("OPEN");

        byte[] forged = java.util.Base64.getUrlDecoder().decode(ticket.path("payload").asText());
        forged[forged.length - 3] ^= 0x10;
        Run f = gate("gate", "--reader", "R-DEMO-2", "--ticket", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(forged),
                "--line", "L-WEST", "--zone", "1", "--offline", "--journal", west);
        assertThat(f.exit()).isEqualTo(4);
        assertThat(f.json().path("reasons").toString()).contains("BAD_SIGNATURE");

        Run s1 = gate("gate-sync", "--reader", "R-DEMO-1", "--journal", east);
        assertThat(s1.json().path("results").get(0).path("outcome").asText()).isEqualTo("COUNTED");
        Run s2 = gate("gate-sync", "--reader", "R-DEMO-2", "--journal", west);
        assertThat(s2.json().path("results")).hasSize(1);
        assertThat(s2.json().path("results").get(0).path("outcome").asText()).isEqualTo("DOUBLE_USE");
        Run online = gate("gate", "--reader", "R-DEMO-2", "--ticket", qr, "--line", "L-WEST", "--zone", "1");
        assertThat(online.exit()).isEqualTo(4);
        assertThat(online.json().path("reasons").toString()).contains("ALREADY_USED");
    }
}
