package io.tapbus.samples.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.bank.Iso8583Codec;
import io.tapbus.connector.bank.Iso8583Matching;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.bank.ResponseCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator over real loopback sockets, on free ports. */
class BankSimulatorTest {

    private static final String PAN = "4761739001010010";
    private static final String DECLINED_PAN = "4000000000000002";
    private static final Iso8583Codec ASCII = Iso8583Codec.named("ascii");

    private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
    private BankSimulator simulator;

    private BankSimulator start(String... extraOptions) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--control-port", "0"));
        args.addAll(List.of(extraOptions));
        simulator = new BankSimulator(SimulatorOptions.parse(args.toArray(String[]::new)), logLines::add).start();
        return simulator;
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private BankClient client() throws Exception {
        return new BankClient(simulator.port(), ASCII);
    }

    private static Iso8583Message purchase(String stan, String amount, String pan) {
        return Iso8583Message.of("0200").with(2, pan).with(3, "000000").with(4, amount).with(7, "0611150000")
                .with(11, stan).with(41, "TAPBUS01").with(49, "156");
    }

    private static Iso8583Message reversalOf(Iso8583Message original, String reversalStan, String mti) {
        String originalData = original.mti() + original.field(11) + original.field(7) + "0".repeat(22);
        return Iso8583Message.of(mti).with(2, original.field(2)).with(3, original.field(3))
                .with(4, original.field(4)).with(7, "0611150100").with(11, reversalStan).with(41, original.field(41))
                .with(90, originalData);
    }

    @Test
    void signOnEchoAndSignOffAreAnsweredWith00() throws Exception {
        start();
        try (BankClient client = client()) {
            for (String code : List.of("001", "301", "002")) {
                Iso8583Message request = Iso8583Message.of("0800").with(7, "0611080000").with(11, "00000" + code
                        .charAt(2)).with(70, code);
                Iso8583Message response = client.exchange(request);

                assertThat(response.mti()).isEqualTo("0810");
                assertThat(response.field(39)).isEqualTo("00");
                assertThat(response.field(70)).isEqualTo(code);
                assertThat(Iso8583Matching.answers(response, request)).isTrue();
            }
            Iso8583Message unknownCode = client.exchange(Iso8583Message.of("0800").with(11, "000009").with(70, "999"));
            assertThat(unknownCode.field(39)).isEqualTo("12");
        }
    }

    @Test
    void approvesWithAnAuthCodeAndAnRrn() throws Exception {
        start();
        Iso8583Message request = purchase("000101", "000000001250", PAN);
        try (BankClient client = client()) {
            Iso8583Message response = client.exchange(request);

            assertThat(response.mti()).isEqualTo("0210");
            assertThat(response.field(39)).isEqualTo("00");
            assertThat(response.field(38)).matches("\\d{6}");
            assertThat(response.field(37)).matches("\\d{12}");
            assertThat(Iso8583Matching.answers(response, request)).isTrue();

            Iso8583Message withRrn = client.exchange(purchase("000102", "000000000100", PAN).with(37, "516214000777"));
            assertThat(withRrn.field(37)).isEqualTo("516214000777");
            assertThat(withRrn.field(38)).isNotEqualTo(response.field(38));
        }
        assertThat(simulator.journal().entries(JournalEntry.Kind.APPROVED)).hasSize(2).first().satisfies(e -> {
            assertThat(e.stanKey()).isEqualTo("stan=000101;terminal=TAPBUS01");
            assertThat(e.maskedPan()).isEqualTo("476173******0010");
            assertThat(e.amount()).isEqualTo("000000001250");
        });
        assertThat(String.join("\n", logLines)).contains("476173******0010").doesNotContain(PAN);
    }

    @Test
    void declinesAnAmountOverTheLimit() throws Exception {
        start("--amount-limit", "5000");
        try (BankClient client = client()) {
            assertThat(client.exchange(purchase("000201", "000000005000", PAN)).field(39)).isEqualTo("00");
            Iso8583Message over = client.exchange(purchase("000202", "000000005001", PAN));

            assertThat(over.field(39)).isEqualTo("61");
            assertThat(over.has(38)).isFalse();
        }
        assertThat(simulator.journal().entries(JournalEntry.Kind.DECLINED)).singleElement()
                .satisfies(e -> assertThat(e.responseCode()).isEqualTo("61"));
    }

    @Test
    void overLimitCodeIsAnOption() throws Exception {
        start("--amount-limit", "5000", "--over-limit-code", "51");
        try (BankClient client = client()) {
            assertThat(client.exchange(purchase("000203", "000000005001", PAN)).field(39)).isEqualTo("51");
        }
    }

    @Test
    void declinesACardOnTheDeclineList() throws Exception {
        start("--decline-pan", DECLINED_PAN);
        try (BankClient client = client()) {
            assertThat(client.exchange(purchase("000301", "000000000100", DECLINED_PAN)).field(39)).isEqualTo("05");
            assertThat(client.exchange(purchase("000302", "000000000100", PAN)).field(39)).isEqualTo("00");
        }
    }

    @Test
    void declinedCardCodeIsAnOption() throws Exception {
        start("--decline-pan", DECLINED_PAN, "--declined-card-code", "14");
        try (BankClient client = client()) {
            Iso8583Message authorization = purchase("000303", "000000000100", DECLINED_PAN).withMti("0100");

            assertThat(client.exchange(authorization).field(39)).isEqualTo("14");
        }
    }

    @Test
    void balanceInquiryReportsTheBalanceInField54() throws Exception {
        start("--balance", "123456", "--amount-limit", "0");
        Iso8583Message inquiry = Iso8583Message.of("0100").with(2, PAN).with(3, "310000").with(11, "000401")
                .with(41, "TAPBUS01").with(49, "156");
        try (BankClient client = client()) {
            Iso8583Message response = client.exchange(inquiry);

            assertThat(response.mti()).isEqualTo("0110");
            assertThat(response.field(39)).isEqualTo("00");
            assertThat(response.field(54)).isEqualTo("0002156C000000123456");
        }
        assertThat(simulator.journal().entries(JournalEntry.Kind.BALANCE)).hasSize(1);
    }

    @Test
    void delaysTheAnswerAsTheControlPortSays() throws Exception {
        start();
        assertThat(ControlClient.command(simulator.controlPort(), "delay 400")).containsExactly(
                "ok mode=answer delayMs=400");
        try (BankClient client = client()) {
            long started = System.nanoTime();
            Iso8583Message response = client.exchange(purchase("000501", "000000000100", PAN));
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(response.field(39)).isEqualTo("00");
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(400);
        }
    }

    @Test
    void timeoutModeDecidesButNeverAnswersUntilSwitchedBack() throws Exception {
        start();
        ControlClient.command(simulator.controlPort(), "timeout");
        try (BankClient client = client()) {
            client.send(purchase("000601", "000000000100", PAN));

            assertThat(client.receive(700)).isInstanceOf(BankClient.Silence.class);
            assertThat(simulator.journal().entries(JournalEntry.Kind.APPROVED)).hasSize(1);

            ControlClient.command(simulator.controlPort(), "answer");
            assertThat(client.exchange(purchase("000602", "000000000100", PAN)).field(11)).isEqualTo("000602");
        }
    }

    @Test
    void disconnectModeFromTheCommandLineClosesTheConnection() throws Exception {
        start("--mode", "disconnect");
        try (BankClient client = client()) {
            client.send(Iso8583Message.of("0800").with(11, "000701").with(70, "301"));

            assertThat(client.receive(5000)).isInstanceOf(BankClient.Closed.class);
        }
        assertThat(simulator.behaviour().mode()).isEqualTo(Mode.DISCONNECT);
    }

    @Test
    void reversalsAreIdempotentAndUnknownOnesGet25() throws Exception {
        start();
        Iso8583Message original = purchase("000801", "000000001250", PAN);
        try (BankClient client = client()) {
            assertThat(client.exchange(original).field(39)).isEqualTo("00");

            Iso8583Message first = client.exchange(reversalOf(original, "000802", "0400"));
            Iso8583Message repeat = client.exchange(reversalOf(original, "000802", "0401"));
            Iso8583Message unknown = client.exchange(reversalOf(purchase("000999", "000000001250", PAN), "000803",
                    "0400"));

            assertThat(first.mti()).isEqualTo("0410");
            assertThat(first.field(39)).isEqualTo("00");
            assertThat(repeat.mti()).isEqualTo("0410");
            assertThat(repeat.field(39)).isEqualTo("00");
            assertThat(unknown.field(39)).isEqualTo("25");
        }
        Journal journal = simulator.journal();
        assertThat(journal.entries(JournalEntry.Kind.REVERSED)).singleElement()
                .satisfies(e -> assertThat(e.stanKey()).isEqualTo("stan=000801;terminal=TAPBUS01"));
        assertThat(journal.entries(JournalEntry.Kind.REVERSAL_REPEATED)).hasSize(1);
        assertThat(journal.entries(JournalEntry.Kind.REVERSAL_UNKNOWN)).hasSize(1);
        assertThat(journal.reverse("stan=000801;terminal=TAPBUS01")).isEqualTo(Journal.Reversal.ALREADY_REVERSED);
    }

    @Test
    void aBadFieldIsAnsweredWithFormatError30AndTheConnectionStaysUp() throws Exception {
        start();
        try (BankClient client = client()) {
            // 0200 with fields 3, 11, 41 (bitmap 2020000000800000); field 11 holds a letter
            client.sendRaw(("0200" + "2020000000800000" + "000000" + "0001X1" + "TAPBUS01")
                    .getBytes(StandardCharsets.US_ASCII));

            BankClient.Received received = client.receive(5000);
            assertThat(received).isInstanceOf(BankClient.Answer.class);
            Iso8583Message response = ((BankClient.Answer) received).message();
            assertThat(response.mti()).isEqualTo("0210");
            assertThat(response.field(39)).isEqualTo("30");
            assertThat(response.field(3)).isEqualTo("000000");

            assertThat(client.exchange(purchase("000901", "000000000100", PAN)).field(39)).isEqualTo("00");
        }
        assertThat(simulator.journal().entries(JournalEntry.Kind.FORMAT_ERROR)).hasSize(1);
    }

    @Test
    void anUnreadableMtiClosesTheConnection() throws Exception {
        start();
        try (BankClient client = client()) {
            client.sendRaw("XXXX0020000000000000000001".getBytes(StandardCharsets.US_ASCII));

            assertThat(client.receive(5000)).isInstanceOf(BankClient.Closed.class);
        }
    }

    @Test
    void theBinaryPackagerServesToo() throws Exception {
        start("--packager", "binary");
        try (BankClient client = new BankClient(simulator.port(), Iso8583Codec.named("binary"))) {
            Iso8583Message response = client.exchange(purchase("001001", "000000000100", PAN));

            assertThat(response.field(39)).isEqualTo("00");
        }
    }

    @Test
    void controlPortListsTheJournalAndRefusesUnknownCommands() throws Exception {
        start();
        try (BankClient client = client()) {
            client.exchange(purchase("001101", "000000000100", PAN));
        }
        List<String> journal = ControlClient.command(simulator.controlPort(), "journal");

        assertThat(journal).hasSize(2).last().isEqualTo("end");
        assertThat(journal.get(0)).contains("\"kind\":\"APPROVED\"").contains("476173******0010")
                .doesNotContain(PAN);
        assertThat(ControlClient.command(simulator.controlPort(), "clear")).containsExactly(
                "ok mode=answer delayMs=0");
        assertThat(ControlClient.command(simulator.controlPort(), "journal")).containsExactly("end");
        assertThat(ControlClient.command(simulator.controlPort(), "explode").get(0)).startsWith(
                "error: unknown command 'explode'");
        assertThat(ControlClient.command(simulator.controlPort(), "delay -5").get(0)).startsWith("error:");
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
