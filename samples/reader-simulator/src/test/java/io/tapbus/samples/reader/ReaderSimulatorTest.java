package io.tapbus.samples.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.reader.ReaderKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaderSimulatorTest {

    static final String MASTER_HEX = "00112233445566778899aabbccddeeff";

    private static StubReaderServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startServer() throws Exception {
        server = new StubReaderServer(ReaderKeys.parseHexKey(MASTER_HEX));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void anApprovedTapExitsZeroAndPrintsTheResponse() {
        int exit = run("tap", "--port", port(), "--reader", "R-DEMO-1", "--master-key", MASTER_HEX,
                "--card", "04A1B2C3D4E5F6", "--amount", "1250");

        assertThat(exit).as(stderr()).isZero();
        assertThat(stdout()).startsWith("{\"verdict\":\"APPROVED\"");
        assertThat(stderr()).contains("<- TAP_RESPONSE").contains("MAC verified");
    }

    @Test
    void aDeclinedTapIsStillAResponse() {
        int exit = run("tap", "--port", port(), "--reader", "R-DEMO-1", "--master-key", MASTER_HEX,
                "--card", "04B0B0B0B0B0B0", "--amount", "1");

        assertThat(exit).isZero();
        assertThat(stdout()).contains("\"verdict\":\"DECLINED\"").contains("CARD_BLOCKED");
    }

    @Test
    void theMasterKeyFileGivesTheSameDiversifiedKey(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("reader-master.hex");
        Files.writeString(keyFile, MASTER_HEX + "\n");

        assertThat(run("heartbeat", "--port", port(), "--reader", "R-BENCH-007", "--master-key-file", keyFile.toString()))
                .as(stderr()).isZero();
        assertThat(stdout()).isEqualTo("{}\n");
        assertThat(stderr()).contains("<- HEARTBEAT_ACK");
    }

    @Test
    void aForgedFrameGetsBadMacAndExitsThree() {
        int exit = run("tap", "--port", port(), "--reader", "R-DEMO-1", "--master-key", MASTER_HEX,
                "--card", "04A1B2C3D4E5F6", "--amount", "1", "--forge");

        assertThat(exit).isEqualTo(3);
        assertThat(stdout()).contains("\"code\":\"BAD_MAC\"");
        assertThat(stderr()).contains("<- ERROR BAD_MAC").contains("MAC verified");
    }

    @Test
    void aReplayedFramePrintsBothRepliesAndExitsThree() {
        long tapsBefore = server.taps();
        int exit = run("tap", "--port", port(), "--reader", "R-DEMO-1", "--master-key", MASTER_HEX,
                "--card", "04A1B2C3D4E5F6", "--amount", "1", "--replay");

        assertThat(exit).isEqualTo(3);
        String[] lines = stdout().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).contains("APPROVED");
        assertThat(lines[1]).contains("\"code\":\"REPLAY\"");
        assertThat(server.taps() - tapsBefore).as("the replay never reached the business").isEqualTo(1);
    }

    @Test
    void aWrongKeyIsRejectedAsBadMac() {
        int exit = run("heartbeat", "--port", port(), "--reader", "R-DEMO-1", "--key", "ffffffffffffffffffffffffffffffff");
        // the server MACs its ERROR with the reader's real key, which this simulator does not hold
        assertThat(exit).isEqualTo(1);
        assertThat(stdout()).contains("\"code\":\"BAD_MAC\"");
        assertThat(stderr()).contains("error: the reply failed the reader's checks").doesNotContain("<- ERROR");
    }

    @Test
    void anUnknownReaderGetsAnUnauthenticatedError() {
        int exit = run("heartbeat", "--port", port(), "--reader", "R-NOBODY", "--master-key", MASTER_HEX);
        assertThat(exit).isEqualTo(3);
        assertThat(stdout()).contains("UNKNOWN_READER");
        assertThat(stderr()).contains("zero MAC");
    }

    @Test
    void noServerExitsOne() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }
        assertThat(run("heartbeat", "--port", String.valueOf(freePort), "--reader", "R-DEMO-1", "--master-key", MASTER_HEX))
                .isEqualTo(1);
        assertThat(stderr()).contains("no reply from 127.0.0.1:" + freePort);
    }

    @Test
    void usageErrorsExitTwoAndNeverEchoTheKey() {
        assertThat(run("tap", "--reader", "R-DEMO-1", "--master-key", MASTER_HEX, "--amount", "1")).isEqualTo(2);
        assertThat(stderr()).contains("--card is required");

        assertThat(run("heartbeat", "--reader", "R-DEMO-1", "--key", MASTER_HEX, "--master-key", MASTER_HEX)).isEqualTo(2);
        assertThat(run("heartbeat", "--reader", "R-DEMO-1", "--key", "0011zz")).isEqualTo(2);
        assertThat(stderr()).doesNotContain("0011zz");
        assertThat(run("heartbeat", "--reader", "R DEMO", "--key", MASTER_HEX)).isEqualTo(2);
        assertThat(run("heartbeat", "--reader", "R-DEMO-1", "--key", MASTER_HEX, "--colour", "red")).isEqualTo(2);
        assertThat(run("heartbeat", "--reader", "R-DEMO-1", "--key", MASTER_HEX, "--port", "70000")).isEqualTo(2);
        assertThat(run("wave")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(stdout()).isEmpty();
    }

    private int run(String... args) {
        return ReaderSimulator.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String port() {
        return String.valueOf(server.port());
    }
}
