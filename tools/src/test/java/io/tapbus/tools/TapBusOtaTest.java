package io.tapbus.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** bin/tapbus ota reaches the OTA command of the tools jar (OtaCommandTest has the rest). */
class TapBusOtaTest {

    @Test
    void otaWrapPrintsTheSecuredPacketAndOtaPorItsJson() throws Exception {
        // pySim tests/test_ota.py, AES128-SJA5-CIPHERED-CC
        String[] wrap = {"ota", "wrap", "--algo", "aes", "--spi", "0619", "--kic", "22", "--kid", "22", "--tar", "B00011",
            "--counter", "0000000000", "--kic-key", "200102030405060708090A0B0C0D0E0F", "--kid-key",
            "201102030405060708090A0B0C0D0E0F", "--data", "00A40004023F00"};
        assertThat(execute(wrap)).isEqualTo("0:00281506192222B00011E87CCEEBB2D93083011CE294F93FC4D8DE80DA1ABAE8C37CA3E72EC4432E5058");
        String[] por = {"ota", "por", "027100000E0AB0001100000000000000016132"};
        assertThat(execute(por)).isEqualTo("0:{\"status\": \"por_ok\", \"numberOfCommands\": 1, \"lastStatusWord\": \"6132\","
                + " \"lastResponseData\": \"\"}");
        assertThat(execute(new String[] {"ota", "por"})).isEqualTo("2:");
    }

    private static String execute(String[] args) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return Tools.execute(args) + ":" + captured.toString(StandardCharsets.UTF_8).strip();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
