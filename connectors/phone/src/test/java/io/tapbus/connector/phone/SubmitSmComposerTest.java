package io.tapbus.connector.phone;

import static io.tapbus.connector.phone.TestHex.bytes;
import static io.tapbus.connector.phone.TestHex.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.phone.PhoneCodecException.Problem;
import java.util.List;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.util.DefaultDecomposer;
import org.junit.jupiter.api.Test;

/**
 * submit_sm PDUs (SMPP 3.4 §4.4.1). The golden PDU is cloudhopper-smpp's PduEncoderTest/PduDecoderTest submit_sm
 * (twitter-archive/cloudhopper-smpp, src/test/java/com/cloudhopper/smpp/transcoder): sequence 20456, 40404 to
 * 44951361920, receipt requested, short message 4024232125262F3A. Concatenated and UCS-2 PDUs are read back with
 * jSMPP's own decomposer, a decoder this project did not write.
 */
class SubmitSmComposerTest {

    private static final String CLOUDHOPPER_SUBMIT_SM = "00000039000000040000000000004FE8000101343034303400010134343935"
            + "3133363139323000000000000001000000084024232125262F3A";

    @Test
    void composesThePublishedSubmitSm() {
        SubmitSettings settings = new SubmitSettings(new SmppAddress(1, 1, "40404"), "", 1, false);
        SmsPart part = new SmsPart(UserDataHeader.of(), Alphabet.GSM7, bytes("4024232125262F3A"));
        byte[] pdu = SubmitSmComposer.compose(20456, settings, SmppAddress.msisdn("+44951361920"), part);
        assertThat(hex(pdu)).isEqualTo(CLOUDHOPPER_SUBMIT_SM);
    }

    @Test
    void aConcatenatedPartCarriesUdhiAndItsHeader() throws Exception {
        SubmitSettings settings = SubmitSettings.from("10690000");
        List<SmsPart> parts = SmsEncoder.text("余额".repeat(40), 0x5A, false);
        List<byte[]> pdus = SubmitSmComposer.compose(7, settings, SmppAddress.msisdn("+8613800138000"), parts);
        assertThat(pdus).hasSize(2);
        SubmitSm first = new DefaultDecomposer().submitSm(pdus.get(0));
        assertThat(first.getSequenceNumber()).isEqualTo(7);
        assertThat(first.getEsmClass()).isEqualTo((byte) 0x40);
        assertThat(first.getDataCoding()).isEqualTo((byte) 0x08);
        assertThat(first.getRegisteredDelivery()).isEqualTo((byte) 0x01);
        assertThat(first.getSourceAddr()).isEqualTo("10690000");
        assertThat(first.getSourceAddrTon()).isEqualTo((byte) 0x03);
        assertThat(first.getDestAddress()).isEqualTo("8613800138000");
        assertThat(first.getDestAddrTon()).isEqualTo((byte) 0x01);
        assertThat(first.getDestAddrNpi()).isEqualTo((byte) 0x01);
        assertThat(hex(first.getShortMessage())).startsWith("0500035A0201" + "4F59989D");
        assertThat(first.getShortMessage()).hasSize(140);
        SubmitSm second = new DefaultDecomposer().submitSm(pdus.get(1));
        assertThat(second.getSequenceNumber()).isEqualTo(8);
        assertThat(hex(second.getShortMessage())).startsWith("0500035A0202");
    }

    /** pySim's AES128-SJA5-CIPHERED-CC command packet (tests/test_ota.py) after the command packet identifier. */
    @Test
    void aSimDataDownloadPartGoesWithPid7fAndDcsF6AndItsUserDataAsGiven() throws Exception {
        String userData = "027000" + "00281506192222B00011E87CCEEBB2D93083011CE294F93FC4D8DE80DA1ABAE8C37CA3E72EC4432E5058";
        SmsPart part = SmsPart.binaryWithHeader(bytes(userData), 0x7F, 0xF6);
        SubmitSm sm = new DefaultDecomposer().submitSm(SubmitSmComposer.compose(3, SubmitSettings.from("10690000"),
                SmppAddress.msisdn("+8613800000001"), part));
        assertThat(sm.getProtocolId()).isEqualTo((byte) 0x7F);
        assertThat(sm.getDataCoding()).isEqualTo((byte) 0xF6);
        assertThat(sm.getEsmClass()).isEqualTo((byte) 0x40);
        assertThat(hex(sm.getShortMessage())).isEqualTo(userData);
        assertThat(new SmsPart(UserDataHeader.of(), Alphabet.GSM7, bytes("41")).protocolId()).isZero();
        assertThatThrownBy(() -> SmsPart.binaryWithHeader(bytes("0570000000"), 0x7F, 0xF6))
                .isInstanceOf(PhoneCodecException.class).extracting("problem").isEqualTo(Problem.UDH_LENGTH_MISMATCH);
        assertThatThrownBy(() -> SmsPart.binaryWithHeader(bytes("027000" + "00".repeat(138)), 0x7F, 0xF6))
                .isInstanceOf(PhoneCodecException.class);
    }

    @Test
    void gsm7GoesOneSeptetPerOctetUnlessPacked() throws Exception {
        SmsPart part = SmsEncoder.text("hellohello", 1, false).get(0);
        SmppAddress to = SmppAddress.msisdn("8613800138000");
        byte[] unpacked = SubmitSmComposer.compose(1, SubmitSettings.from("TapBus"), to, part);
        byte[] packed = SubmitSmComposer.compose(1, SubmitSettings.from("TapBus").withPackedSeptets(true), to, part);
        assertThat(hex(new DefaultDecomposer().submitSm(unpacked).getShortMessage())).isEqualTo("68656C6C6F68656C6C6F");
        assertThat(hex(new DefaultDecomposer().submitSm(packed).getShortMessage())).isEqualTo("E8329BFD4697D9EC37");
        SubmitSm alphanumeric = new DefaultDecomposer().submitSm(unpacked);
        assertThat(alphanumeric.getSourceAddrTon()).isEqualTo((byte) 0x05);
        assertThat(alphanumeric.getSourceAddrNpi()).isEqualTo((byte) 0x00);
    }

    @Test
    void addressesAreChecked() {
        assertThat(SmppAddress.msisdn(" +8613800138000 ")).isEqualTo(new SmppAddress(1, 1, "8613800138000"));
        for (String bad : new String[] {"013800138000", "+86 138 0013 8000", "86-13800138000", "123456", "1234567890123456",
            "+", "", "abc", "+0861380013800"}) {
            assertThatThrownBy(() -> SmppAddress.msisdn(bad)).as(bad).isInstanceOfSatisfying(PhoneCodecException.class,
                    e -> assertThat(e.problem()).isEqualTo(Problem.BAD_ADDRESS));
        }
        assertThat(SmppAddress.source("+8613800138000").ton()).isEqualTo(SmppAddress.TON_INTERNATIONAL);
        assertThat(SmppAddress.source("TapBus").ton()).isEqualTo(SmppAddress.TON_ALPHANUMERIC);
        assertThatThrownBy(() -> SmppAddress.source("TapBusPayments")).isInstanceOf(PhoneCodecException.class);
        assertThatThrownBy(() -> SmppAddress.source("")).isInstanceOf(PhoneCodecException.class);
    }
}
