package io.tapbus.samples.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every reader-simulator command answers --help and -h with its usage and exit 0, and sends nothing. */
class MainHelpTest {

    @Test
    void everyCommandAnswersHelp() {
        String[][] commands = {{"tap", "--help"}, {"heartbeat", "-h"}, {"bench", "--payments", "--help"}, {"pay", "--help"},
                {"agent", "-h"}, {"balance", "--help"}, {"--help"}};
        String[] expected = {"usage: tap", "usage: tap", "usage: bench", "usage: agent", "usage: agent", "balance   --reader", "usage: tap"};
        PrintStream original = System.out;
        for (int i = 0; i < commands.length; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit;
            try {
                exit = Main.run(commands[i]);
            } finally {
                System.setOut(original);
            }
            assertThat(exit).as(String.join(" ", commands[i])).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).as(String.join(" ", commands[i])).contains(expected[i]);
        }
    }
}
