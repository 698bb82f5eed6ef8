package io.tapbus.samples.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.bank.ResponseCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's command line: defaults, refused values and the help text. */
class BankSimulatorOptionsTest {
    @Test
    void badFramingOptionsAreRefused() {
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--length-header", "ascii2"}))
                .isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--tpdu", "60"}))
                .hasMessageContaining("10 hex digits");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--packager", "ebcdic"}))
                .hasMessageContaining("unknown packager");
    }

    @Test
    void optionsHaveDefaultsAndRefuseBadValues() {
        SimulatorOptions defaults = SimulatorOptions.defaults();
        assertThat(defaults.port()).isEqualTo(7500);
        assertThat(defaults.packager()).isEqualTo("ascii");
        assertThat(defaults.rules().overLimitCode()).isEqualTo("61");
        assertThat(defaults.rules().declinedCardCode()).isEqualTo("05");

        for (String[] bad : List.of(new String[] {"--over-limit-code", "99"}, new String[] {"--port", "70000"},
                new String[] {"--decline-pan", "12ab"}, new String[] {"--mode", "sleep"},
                new String[] {"--packager"}, new String[] {"--colour", "red"})) {
            assertThatThrownBy(() -> SimulatorOptions.parse(bad))
                    .isInstanceOf(UsageException.class);
        }
    }

    @Test
    void helpAnywhereAmongTheOptionsPrintsTheUsageAndStartsNothing() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"}, new String[] {"--port", "0", "--help"},
                new String[] {"--mode", "timeout", "-h", "--delay-ms", "5"})) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(Main.printHelp(args, new PrintStream(out, true, StandardCharsets.UTF_8))).as(String.join(" ", args))
                    .isTrue();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: tapbus bank-sim")
                    .contains("--over-limit-code " + ResponseCodes.INSUFFICIENT_FUNDS + "|" + ResponseCodes.EXCEEDS_AMOUNT_LIMIT);
        }
        assertThat(Main.printHelp(new String[] {"--port", "0"}, new PrintStream(new ByteArrayOutputStream()))).isFalse();
    }
}
