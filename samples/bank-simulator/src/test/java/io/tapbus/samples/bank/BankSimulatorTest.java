package io.tapbus.samples.bank;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.bank.Iso8583Codec;
import io.tapbus.connector.bank.Iso8583Framing;
import io.tapbus.connector.bank.Iso8583Matching;
import io.tapbus.connector.bank.Iso8583Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator over real loopback sockets, on free ports: network management, framing, approvals and declines. */
class BankSimulatorTest extends BankSimulatorFixture {
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
    void framesAsConfigured4AsciiDigitsAndATpduAnsweredWithItsAddressesSwapped() throws Exception {
        start("--length-header", "ascii4", "--tpdu", "6000010000", "--packager", "binary");
        Iso8583Framing terminal = Iso8583Framing.of("ascii4", "6000020000");
        Iso8583Codec binary = Iso8583Codec.named("binary");
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", simulator.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(terminal.wrap(binary.encode(Iso8583Message.of("0800").with(7, "0611150000")
                    .with(11, "000001").with(70, "301"))));
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            byte[] header = in.readNBytes(4);
            byte[] frame = in.readNBytes(Integer.parseInt(new String(header, java.nio.charset.StandardCharsets.US_ASCII)));

            Iso8583Framing.Received answer = terminal.read(frame, binary);
            assertThat(answer.tpdu()).get().hasToString("6000000002");
            assertThat(answer.message().field(39)).isEqualTo("00");
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
    void theBinaryPackagerServesToo() throws Exception {
        start("--packager", "binary");
        try (BankClient client = new BankClient(simulator.port(), Iso8583Codec.named("binary"))) {
            Iso8583Message response = client.exchange(purchase("001001", "000000000100", PAN));

            assertThat(response.field(39)).isEqualTo("00");
        }
    }
}
