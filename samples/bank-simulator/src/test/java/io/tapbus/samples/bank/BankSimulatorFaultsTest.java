package io.tapbus.samples.bank;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.bank.Iso8583Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator over real loopback sockets: faults set on the control port or the command line (delay, timeout,
 * disconnect), reversals, bad input, and the control port's journal.
 */
class BankSimulatorFaultsTest extends BankSimulatorFixture {
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
}
