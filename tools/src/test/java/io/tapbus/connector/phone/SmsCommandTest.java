package io.tapbus.connector.phone;

import static io.tapbus.connector.phone.TestHex.bytes;
import static io.tapbus.connector.phone.TestHex.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.phone.CommandTestSupport.Run;
import io.tapbus.tools.SmsCommand;
import java.util.List;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.util.DefaultDecomposer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code tapbus sms encode}: the PDUs it prints are read back with jSMPP's decomposer. */
class SmsCommandTest {

    private static Run sms(String... args) {
        return CommandTestSupport.run((a, in, out, err) -> SmsCommand.run(a, in, out, err, "10690000"), "", args);
    }

    @Test
    void printsOneSubmitSmForAShortText() throws Exception {
        Run run = sms("encode", "--to", "+8613800138000", "--text", "BAL 12.50 CNY");
        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).matches("[0-9A-F]+");
        // 16 header + service_type 1 + source 3/0 "10690000" 11 + destination 1/1 "8613800138000" 16 + esm, pid,
        // priority 3 + schedule, validity 2 + registered_delivery 01, replace, data_coding 00, default 4 + 1 + 13
        assertThat(lines.get(0)).isEqualTo("00000043" + "00000004" + "00000000" + "00000001" + "00"
                + "0300" + "313036393030303000" + "0101" + "3836313338303031333830303000" + "000000" + "0000"
                + "01000000" + "0D" + "42414C2031322E353020434E59");
        SubmitSm pdu = new DefaultDecomposer().submitSm(bytes(lines.get(0)));
        assertThat(pdu.getCommandLength()).isEqualTo(bytes(lines.get(0)).length);
        assertThat(pdu.getDestAddress()).isEqualTo("8613800138000");
        assertThat(pdu.getSourceAddr()).isEqualTo("10690000");
        assertThat(pdu.getEsmClass()).isZero();
    }

    @Test
    void splitsChineseIntoConcatenatedUcs2Parts() throws Exception {
        String text = "您的余额为人民币一百二十三元四角五分。".repeat(5);
        Run run = sms("encode", "--to", "8613800138000", "--text", text, "--ref", "200", "--sequence", "41");
        assertThat(run.status()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            SubmitSm pdu = new DefaultDecomposer().submitSm(bytes(lines.get(i)));
            assertThat(pdu.getSequenceNumber()).isEqualTo(41 + i);
            assertThat(pdu.getEsmClass()).isEqualTo((byte) 0x40);
            assertThat(pdu.getDataCoding()).isEqualTo((byte) 0x08);
            assertThat(hex(pdu.getShortMessage())).startsWith("050003C802" + String.format("%02X", i + 1));
            joined.append(SmsDecoder.decode(0x40, 0x08, pdu.getShortMessage()).text());
        }
        assertThat(joined.toString()).isEqualTo(text);
    }

    @Test
    void theSameInputPrintsTheSamePdus() {
        String text = "x".repeat(200);
        assertThat(sms("encode", "--to", "+8613800138000", "--text", text).out())
                .isEqualTo(sms("encode", "--to", "+8613800138000", "--text", text).out());
        assertThat(sms("encode", "--to", "+8613800138000", "--text", text, "--ref16").out().lines().findFirst()
                .orElseThrow()).contains("0608");
    }

    @Test
    void theSenderComesFromFromThenFromTheSetting() throws Exception {
        String line = sms("encode", "--to", "+8613800138000", "--text", "hi", "--from", "TapBus").out().strip();
        SubmitSm pdu = new DefaultDecomposer().submitSm(bytes(line));
        assertThat(pdu.getSourceAddr()).isEqualTo("TapBus");
        assertThat(pdu.getSourceAddrTon()).isEqualTo((byte) 0x05);
        Run configured = CommandTestSupport.run((a, in, out, err) -> SmsCommand.run(a, in, out, err, "95588"), "",
                "encode", "--to", "+8613800138000", "--text", "hi");
        assertThat(new DefaultDecomposer().submitSm(bytes(configured.out().strip())).getSourceAddr()).isEqualTo("95588");
        String fallback = System.getProperty(SmsCommand.SOURCE_ADDRESS_SETTING) == null
                && System.getenv("TAPBUS_SMS_SOURCE_ADDRESS") == null ? SmsCommand.DEFAULT_SOURCE_ADDRESS : null;
        if (fallback != null) {
            assertThat(SmsCommand.configuredSource()).isEqualTo("10690000");
        }
    }

    @Test
    void packedGsm7IsOnRequest() throws Exception {
        String line = sms("encode", "--to", "+8613800138000", "--text", "hellohello", "--packed").out().strip();
        assertThat(hex(new DefaultDecomposer().submitSm(bytes(line)).getShortMessage())).isEqualTo("E8329BFD4697D9EC37");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "encode --to 013800138000 --text hi|is not an E.164 number",
        "encode --to +86abc --text hi|is not an E.164 number",
        "encode --text hi|--to is required",
        "encode --to +8613800138000|--text is required",
        "encode --to +8613800138000 --text|--text needs a value",
        "encode --to +8613800138000 --text hi --ref 256|--ref must be a whole number from 0 to 255",
        "encode --to +8613800138000 --text hi --ref16 --ref 70000|from 0 to 65535",
        "encode --to +8613800138000 --text hi --sequence 0|--sequence must be a whole number",
        "encode --to +8613800138000 --text hi --from TapBusPayments|neither a number nor an alphanumeric name",
        "encode --to +8613800138000 --text hi --colour red|unknown option --colour",
        "encode --to +8613800138000 --text hi extra|unexpected argument 'extra'",
        "encode --to +8613800138000 --to +8613800138001 --text hi|--to is given twice",
        "encode --to +8613800138000 --text hi --packed=yes|--packed takes no value",
        "decode 00|unknown subcommand 'decode'",
        "|missing subcommand: encode",
    })
    void unusableInputExitsTwoWithTheReason(String args, String reason) {
        Run run = sms(args == null ? new String[0] : args.split(" "));
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("tapbus sms: ").contains(reason).doesNotContain("Exception");
    }

    @Test
    void emptyTextAndUnencodableTextExitTwo() {
        assertThat(sms("encode", "--to", "+8613800138000", "--text", "").err()).contains("--text is empty");
        Run lone = sms("encode", "--to", "+8613800138000", "--text", "a\uDC00");
        assertThat(lone.status()).isEqualTo(2);
        assertThat(lone.err()).contains("unpaired UTF-16 surrogate");
    }

    @Test
    void helpExitsZero() {
        for (String help : new String[] {"--help", "-h"}) {
            Run run = sms(help);
            assertThat(run.status()).isZero();
            assertThat(run.out()).contains("Usage: tapbus sms encode --to MSISDN --text TEXT").contains("Exit status");
        }
    }
}
