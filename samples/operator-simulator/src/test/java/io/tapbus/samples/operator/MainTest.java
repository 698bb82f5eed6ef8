package io.tapbus.samples.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line: help, and unusable options refused with exit 2 and the reason, before anything listens. */
class MainTest {

    private static String[] run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(exit), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void helpNamesTheOptionsAndEndpoints() throws Exception {
        String[] r = run("--help");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("--sim-swap", "--device", "/sim-swap/v1/check", "/oauth2/token");
    }

    @Test
    void unusableOptionsExitTwoWithTheReason() throws Exception {
        assertThat(run("--frobnicate")).satisfies(r -> {
            assertThat(r[0]).isEqualTo("2");
            assertThat(r[2]).contains("unknown option --frobnicate");
        });
        assertThat(run("--sim-swap", "8613800000001=3h")[0]).isEqualTo("2");
        assertThat(run("--sim-swap", "+8613800000001=yesterday")[0]).isEqualTo("2");
        assertThat(run("--device", "not-a-number")[0]).isEqualTo("2");
        assertThat(run("--port")).satisfies(r -> assertThat(r[2]).contains("--port needs a value"));
        assertThat(run("--port", "seven")[0]).isEqualTo("2");
    }
}
