package io.tapbus.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/tapbus sms encode takes its sender from config/application.properties when -D and the environment do not. */
class TapBusPhoneCommandsTest {

    @TempDir
    Path home;

    @Test
    void theSenderComesFromTheConfigFile() throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/application.properties"), "tapbus.sms.source-address = 95588\n");
        if (System.getProperty("tapbus.sms.source-address") == null && System.getenv("TAPBUS_SMS_SOURCE_ADDRESS") == null) {
            assertThat(Tools.smsSourceAddress(home)).isEqualTo("95588");
            assertThat(Tools.smsSourceAddress(home.resolve("nowhere"))).isEqualTo("10690000");
        }
        String before = System.getProperty("tapbus.home");
        System.setProperty("tapbus.home", home.toString());
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Tools.execute(new String[] {"sms", "encode", "--to", "+8613800138000", "--text", "hi", "--from", "TapBus"});
        } finally {
            System.setOut(original);
            if (before == null) {
                System.clearProperty("tapbus.home");
            } else {
                System.setProperty("tapbus.home", before);
            }
        }
        assertThat(exit).isZero();
        // alphanumeric sender TapBus (TON 5, NPI 0) before the destination 8613800138000
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).contains("0500546170427573000101383631333830303133383030300");
    }
}
