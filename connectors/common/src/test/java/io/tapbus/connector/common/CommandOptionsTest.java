package io.tapbus.connector.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.common.CommandOptions.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandOptionsTest {

    private static final Set<String> VALUED = Set.of("to", "text");
    private static final Set<String> FLAGS = Set.of("packed");

    @Test
    void readsValuesFlagsAndOperands() throws UsageException {
        CommandOptions o = CommandOptions.parse(new String[] {"encode", "--to", "+86", "--text=hi there", "--packed",
                "-"}, 1, VALUED, FLAGS, 1);
        assertThat(o.values()).containsExactly(java.util.Map.entry("to", "+86"), java.util.Map.entry("text",
                "hi there"), java.util.Map.entry("packed", ""));
        assertThat(o.operands()).containsExactly("-");
        assertThat(o.required("to")).isEqualTo("+86");
        assertThat(o.has("packed")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--to                 | --to needs a value",
        "--to a --to b        | --to is given twice",
        "--colour red         | unknown option --colour",
        "--packed=yes         | --packed takes no value",
        "extra                | unexpected argument 'extra'; every input is an --option",
        "-x                   | unexpected argument '-x'; every input is an --option",
        "--to a --help        | --help takes no other arguments"})
    void refusesWithTheReason(String line, String reason) {
        assertThatThrownBy(() -> CommandOptions.parse(line.split(" "), 0, VALUED, FLAGS))
                .isInstanceOf(UsageException.class).hasMessage(reason);
    }

    @Test
    void operandsBeyondTheLimitAreRefused() {
        assertThatThrownBy(() -> CommandOptions.parse(new String[] {"a", "b"}, 0, VALUED, FLAGS, 1))
                .hasMessage("unexpected argument 'b'");
        assertThatThrownBy(() -> CommandOptions.parse(new String[0], 0, VALUED, FLAGS).required("to"))
                .hasMessage("--to is required");
    }

    @Test
    void numbersAreCheckedAgainstTheirRange() throws UsageException {
        assertThat(CommandOptions.integer("ref", " 7 ", 0, 255)).isEqualTo(7);
        assertThatThrownBy(() -> CommandOptions.integer("ref", "256", 0, 255))
                .hasMessage("--ref must be a whole number from 0 to 255, got '256'");
    }

    @Test
    void helpAloneAndTheRefusal() {
        assertThat(CommandOptions.isHelp(new String[] {"-h"})).isTrue();
        assertThat(CommandOptions.isHelp(new String[] {"--help", "x"})).isFalse();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CommandOptions.refuse(new PrintStream(err, true, StandardCharsets.UTF_8), "tapbus sms",
                "--to is required");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("tapbus sms: --to is required" + System.lineSeparator()
                        + "(tapbus sms --help shows the options)" + System.lineSeparator());
    }
}
