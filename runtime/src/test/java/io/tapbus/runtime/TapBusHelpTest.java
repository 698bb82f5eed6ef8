package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every bin/tapbus command of the runtime answers --help and -h with its usage and does nothing else. */
class TapBusHelpTest {

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path home;

    @Test
    void everyCommandAnswersHelpWithItsUsageAndExitsZeroWithoutSideEffects() throws Exception {
        String before = System.getProperty("tapbus.home");
        System.setProperty("tapbus.home", home.toString()); // an empty home: a command that ran would fail or write here
        List<String[]> commands = List.of(new String[] {"run", "--help"}, new String[] {"run", "--profile", "cluster", "-h"},
                new String[] {"rules", "test", "--help"}, new String[] {"emv", "arqc", "--help"}, new String[] {"iso8583", "decode", "-h"},
                new String[] {"tag", "verify", "--help"}, new String[] {"ota", "wrap", "--help"}, new String[] {"ota", "por", "-h"}, new String[] {"sms", "encode", "--help"},
                new String[] {"wap", "si", "-h"},
                new String[] {"--help"});
        PrintStream original = System.out;
        for (String[] command : commands) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit;
            try {
                exit = TapBus.execute(command);
            } finally {
                System.setOut(original);
            }
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(String.join(" ", command)).isZero();
            assertThat(text).as(String.join(" ", command)).contains("Usage: bin/tapbus", "run [--profile NAME]", "rules test",
                    "emv arqc", "--method csk|visa-cvn10|mchip", "--padding 00|80", "iso8583", "ota wrap", "ota por",
                    "sms encode --to MSISDN --text TEXT", "wap si < si.xml");
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(home)) {
                assertThat(files).as("nothing written by " + String.join(" ", command)).isEmpty();
            }
        }
        if (before == null) {
            System.clearProperty("tapbus.home");
        } else {
            System.setProperty("tapbus.home", before);
        }
    }
}
