package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.bank.ResponseCodes;
import io.tapbus.connector.reader.ErrorCode;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.PaymentResponse;
import io.tapbus.connector.reader.ReasonCode;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.connector.tag.TagVerdict;
import io.tapbus.rules.scenario.ScenarioRunner;
import io.tapbus.samples.tag.ScanLoadGenerator;
import io.tapbus.samples.tag.TagSimulator;
import io.tapbus.tools.EmvCommand;
import io.tapbus.tools.Iso8583Command;
import io.tapbus.tools.TagVerifyCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every answer code a help text names is one the bus sends. The help of every bin/tapbus command (the launcher's own
 * text, the runtime's commands, the simulators, both load generators) is scanned for upper-case words; each must be a
 * reason code, verdict, reader-protocol error or frame type the bus defines ({@link #BUS_CODES}), or one of the few
 * words that are no codes ({@link #NOT_CODES}). A help naming {@code REPLAYED_ATC} where the bus says
 * {@code ATC_REPLAYED} fails here.
 */
class HelpTextCodesTest {

    private static final Pattern WORD = Pattern.compile("\\b[A-Z][A-Z0-9_]{3,}\\b");

    /** What the bus answers with: the definitions it uses itself (runtime's ReasonCodesTest ties them to the rules). */
    static final Set<String> BUS_CODES = codes(ReasonCode.values(), TapResponse.Verdict.values(),
            PaymentResponse.Verdict.values(), ErrorCode.values(), FrameType.values(), TagVerdict.values());

    /** Upper-case words of the help texts that are not answer codes: placeholders, acronyms, environment variables. */
    static final Set<String> NOT_CODES = Set.of("CODE", "WHEN", "TAPBUS_TOKEN", "ETSI", "MSISDN", "SENDER", "SMPP", "SMSC", "WBXML", "CNTR", "UDHL", "YYYY",
            "TAPBUS_SMS_SOURCE_ADDRESS", "PATH", "MINOR", "NAME", "TEXT", "DIGITS", "LABEL", "FILE", "NNNN", "YYMM",
            "MESSAGE", "BENCH", "FF00", "JSON", "ARQC", "ARPC", "NTAG", "REST", "HTTP", "CMAC", "ASCII", "README",
            "TAPBUS_HOME", "TAPBUS_READER_PORT", "JAVA_OPTS", "LAYOUT", "TPDU", "MMSC", "PAYLOAD");

    @Test
    void theCheckFindsCodesTheBusDoesNotSend() {
        assertThat(unknownCodes("--replay  ... (expect DECLINED REPLAYED_ATC)")).containsExactly("REPLAYED_ATC");
        assertThat(unknownCodes("--forge-arqc  flip one bit (expect DECLINED INVALID_CRYPTOGRAM)"))
                .containsExactly("INVALID_CRYPTOGRAM");
        assertThat(unknownCodes("--amount MINOR (expect DECLINED ATC_REPLAYED, ERROR BAD_MAC, GENUINE)")).isEmpty();
    }

    @Test
    void everyHelpTextNamesOnlyCodesTheBusSends() throws Exception {
        Map<String, String> helps = helpTexts();
        for (Map.Entry<String, String> help : helps.entrySet()) {
            assertThat(help.getValue()).as(help.getKey()).isNotBlank();
            assertThat(unknownCodes(help.getValue())).as("codes in the help of " + help.getKey() + " that the bus does not send")
                    .isEmpty();
        }
        assertThat(helps.get("reader-sim --help")).contains(ReasonCode.CRYPTOGRAM_INVALID.name(),
                ReasonCode.ATC_REPLAYED.name(), ErrorCode.BAD_MAC.name(), ErrorCode.REPLAY.name());
        assertThat(helps.get("bench --help")).contains(TagVerdict.GENUINE.name(), FrameType.PAYMENT_REQUEST.name());
    }

    @Test
    void theBankSimulatorsResponseCodesAreTheOnesTheBusDefines() throws Exception {
        String help = helpTexts().get("bank-sim --help");
        Matcher m = Pattern.compile("\\b(\\d\\d)\\|(\\d\\d)\\b|default (\\d\\d)\\)").matcher(help);
        List<String> named = new ArrayList<>();
        while (m.find()) {
            for (int group = 1; group <= 3; group++) {
                if (m.group(group) != null) {
                    named.add(m.group(group));
                }
            }
        }
        assertThat(named).as("response codes in the bank simulator's help").hasSizeGreaterThanOrEqualTo(4);
        assertThat(ResponseCodes.ALL).containsAll(named);
    }

    static List<String> unknownCodes(String text) {
        List<String> unknown = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String word = m.group();
            if (!BUS_CODES.contains(word) && !NOT_CODES.contains(word) && !unknown.contains(word)) {
                unknown.add(word);
            }
        }
        return unknown;
    }

    /** The help of each command, as it prints it for {@code --help}. */
    static Map<String, String> helpTexts() throws Exception {
        Map<String, String> helps = new LinkedHashMap<>();
        helps.put("bin/tapbus (launcher)", launcherText());
        helps.put("bin/tapbus --help", systemOut(() -> TapBus.execute(new String[] {"--help"})));
        helps.put("rules test --help", printed((out, err) -> ScenarioRunner.runCommand(new String[] {"--help"}, out, err)));
        helps.put("tag verify --help", printed((out, err) -> TagVerifyCommand.run(new String[] {"--help"}, out, err)));
        helps.put("iso8583 --help", printed((out, err) -> Iso8583Command.run(new String[] {"--help"}, noInput(), out, err)));
        helps.put("emv --help", printed((out, err) -> EmvCommand.run(new String[] {"--help"}, noInput(), out, err)));
        helps.put("reader-sim --help", systemOut(() -> io.tapbus.samples.reader.Main.run(new String[] {"--help"})));
        helps.put("bench --help", printed((out, err) -> io.tapbus.samples.load.Main.run(new String[] {"bench", "--help"}, out, err)));
        helps.put("tag-sim --help", printed((out, err) -> TagSimulator.run(new String[] {"--help"}, out, err)));
        helps.put("tag-sim bench --help", printed((out, err) -> ScanLoadGenerator.run(new String[] {"bench", "--help"}, out, err)));
        helps.put("bank-sim --help", printed((out, err) -> io.tapbus.samples.bank.Main.printHelp(new String[] {"--help"}, out) ? 0 : 2));
        helps.put("day-in-the-life --help", printed((out, err) -> io.tapbus.samples.daylife.Main.run(new String[] {"--help"}, out, err, null,
                (request, response) -> { })));
        return helps;
    }

    /** The launcher's own words: its header comment and the command list it prints after the runtime's. */
    private static String launcherText() throws IOException {
        String script = Files.readString(RunningBus.HOME.resolve("bin/tapbus"));
        String header = script.substring(0, script.indexOf("set -euo pipefail"));
        int list = script.indexOf("cat <<'TXT'");
        return header + script.substring(list, script.indexOf("\nTXT\n", list));
    }

    interface Command {
        int run(PrintStream out, PrintStream err) throws Exception;
    }

    interface SystemOutCommand {
        int run() throws Exception;
    }

    private static String printed(Command command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = command.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String systemOut(SystemOutCommand command) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = command.run();
        } finally {
            System.setOut(original);
        }
        assertThat(exit).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ByteArrayInputStream noInput() {
        return new ByteArrayInputStream(new byte[0]);
    }

    private static Set<String> codes(Enum<?>[]... definitions) {
        Set<String> all = new TreeSet<>();
        for (Enum<?>[] values : definitions) {
            for (Enum<?> value : values) {
                all.add(value.name());
            }
        }
        return all;
    }
}
