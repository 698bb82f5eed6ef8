package io.tapbus.samples.smsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line, the control commands' refusals, and the summary printing of --log-every. */
class SmscOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() throws Exception {
        SmscOptions o = SmscOptions.parse();
        assertThat(o.port()).isEqualTo(2775);
        assertThat(o.controlPort()).isEqualTo(2776);
        assertThat(o.systemId()).isEqualTo("tapbus");
        assertThat(o.password()).isEqualTo("demo1234");
        assertThat(o.receiptDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(SmscOptions.parse("--receipt-delay", "500ms").receiptDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(SmscOptions.parse("--receipt-delay", "2s").receiptDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(SmscOptions.parse("--receipt-delay", "1m").receiptDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(SmscOptions.parse("--control-port", "off").controlPort()).isEqualTo(-1);
    }

    @Test
    void unusableOptionsSayWhy() {
        assertThatThrownBy(() -> SmscOptions.parse("--port", "70000")).hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> SmscOptions.parse("--password", "longer-than-8")).hasMessageContaining("1 to 8");
        assertThatThrownBy(() -> SmscOptions.parse("--fail", "0.7", "--expire", "0.5")).hasMessageContaining("more than 1");
        assertThatThrownBy(() -> SmscOptions.parse("--receipt-delay", "soon")).hasMessageContaining("duration");
        assertThatThrownBy(() -> SmscOptions.parse("--log-every", "0")).hasMessageContaining("above 0");
        assertThatThrownBy(() -> SmscOptions.parse("--port")).hasMessage("--port needs a value");
        assertThatThrownBy(() -> SmscOptions.parse("--bogus", "1")).hasMessage("unknown option --bogus");
    }

    @Test
    void theHelpNamesEveryOptionAndTheDemoValues() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrintStream(out, true, StandardCharsets.UTF_8).print(SmscOptions.USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--port", "--control-port", "--system-id",
                "--password", "--receipt-delay", "--fail", "--expire", "--quiet", "--log-every", "DEMO", "mo MSISDN TEXT",
                "throttle", "qfull", "drop", "down SECONDS", "receipts", "stats");
    }

    @Test
    void logEveryPrintsAStatsLineEveryNSubmitsAndNoMessage() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (SmscSimulator smsc = new SmscSimulator(SmscOptions.parse("--port", "0", "--control-port", "off",
                "--no-stdin", "--log-every", "2", "--receipts", "off"), lines::add).start();
             Esme esme = Esme.transceiver(smsc.port())) {
            for (int i = 0; i < 4; i++) {
                esme.submit("+8613800138000", "Your code is 111111", -1);
            }
            ControlCommands commands = new ControlCommands(smsc);
            assertThat(commands.execute("down 0")).startsWith("error: down must be a whole number above 0");
            assertThat(commands.execute("receipts fail 2")).startsWith("error: receipts fail must be a share");
            assertThat(commands.execute("mo +8613800138000")).isEqualTo("error: usage: mo MSISDN TEXT");
            assertThat(commands.execute("")).startsWith("error: empty command");
            assertThat(commands.execute("stats")).startsWith("stats: submits 4, receipts 0");
        }
        assertThat(lines).filteredOn(l -> l.startsWith("stats: submits")).hasSize(2);
        assertThat(lines).noneMatch(l -> l.contains("111111"));
    }
}
