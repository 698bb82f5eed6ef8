package io.tapbus.connector.phone;

import static io.tapbus.connector.phone.TestHex.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.phone.PhoneCodecException.Problem;
import io.tapbus.connector.phone.UserDataHeader.Concatenation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Alphabet choice and splitting (TS 23.040 §9.2.3.16, §9.2.3.24.1; TS 23.038). */
class SmsEncoderTest {

    @Test
    void choosesGsm7WhenEveryCharacterFitsElseUcs2() {
        assertThat(SmsEncoder.alphabetFor("Balance: 12.50 CNY [card 1234] €")).isEqualTo(Alphabet.GSM7);
        assertThat(SmsEncoder.alphabetFor("余额 12.50")).isEqualTo(Alphabet.UCS2);
        assertThat(SmsEncoder.alphabetFor("façade")).isEqualTo(Alphabet.UCS2);
    }

    @Test
    void oneGsm7MessageHolds160Septets() {
        List<SmsPart> parts = SmsEncoder.text("a".repeat(160), 1, false);
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).header().elements()).isEmpty();
        assertThat(parts.get(0).esmClass()).isZero();
        assertThat(parts.get(0).dataCoding()).isZero();
        assertThat(parts.get(0).shortMessage(true)).hasSize(140);
        // extension characters take two septets: 80 euro signs are 160 septets, 81 need two parts
        assertThat(SmsEncoder.text("€".repeat(80), 1, false)).hasSize(1);
        assertThat(SmsEncoder.text("€".repeat(81), 1, false)).hasSize(2);
    }

    @Test
    void aLongerGsm7TextIsSplitInto153SeptetParts() {
        List<SmsPart> parts = SmsEncoder.text("b".repeat(161), 0x42, false);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).payload()).hasSize(153);
        assertThat(parts.get(1).payload()).hasSize(8);
        assertThat(hex(parts.get(0).header().toBytes())).isEqualTo("050003420201");
        assertThat(hex(parts.get(1).header().toBytes())).isEqualTo("050003420202");
        assertThat(parts.get(0).esmClass()).isEqualTo(0x40);
        // packed: 6 header octets, 1 fill bit, 153 septets = 140 octets exactly
        assertThat(parts.get(0).shortMessage(true)).hasSize(140);
        assertThat(parts.get(0).shortMessage(false)).hasSize(6 + 153);
        assertThat(SmsEncoder.text("b".repeat(153 * 3), 1, false)).hasSize(3);
        assertThat(SmsEncoder.text("b".repeat(153 * 3 + 1), 1, false)).hasSize(4);
    }

    @Test
    void neverSplitsAnEscapePair() {
        String text = "a".repeat(152) + "€" + "a".repeat(20);
        List<SmsPart> parts = SmsEncoder.text(text, 1, false);
        assertThat(parts.get(0).payload()).hasSize(152);
        assertThat(parts.get(1).payload()[0]).isEqualTo((byte) 0x1B);
        assertThat(parts.get(1).payload()[1]).isEqualTo((byte) 0x65);
        assertThat(joinedText(parts)).isEqualTo(text);
        // an escape pair that ends exactly at the boundary stays whole
        String fits = "a".repeat(151) + "€" + "a".repeat(20);
        assertThat(SmsEncoder.text(fits, 1, false).get(0).payload()).hasSize(153);
    }

    @Test
    void sixteenBitReferenceLeaves152SeptetsAPart() {
        List<SmsPart> parts = SmsEncoder.text("c".repeat(200), 0xBEEF, true);
        assertThat(parts.get(0).payload()).hasSize(152);
        assertThat(hex(parts.get(0).header().toBytes())).isEqualTo("060804BEEF0201");
        assertThat(parts.get(0).shortMessage(true)).hasSize(140);
    }

    @Test
    void chineseIsUcs2With70CharactersInOneMessageAnd67APart() {
        List<SmsPart> one = SmsEncoder.text("余".repeat(70), 1, false);
        assertThat(one).hasSize(1);
        assertThat(one.get(0).dataCoding()).isEqualTo(0x08);
        assertThat(hex(SmsEncoder.text("余额", 1, false).get(0).payload())).isEqualTo("4F59989D");
        List<SmsPart> two = SmsEncoder.text("余".repeat(71), 7, false);
        assertThat(two).hasSize(2);
        assertThat(two.get(0).payload()).hasSize(134);
        assertThat(two.get(0).shortMessage(false)).hasSize(140);
        assertThat(two.get(1).payload()).hasSize(8);
        assertThat(hex(two.get(1).header().toBytes())).isEqualTo("050003070202");
        assertThat(SmsEncoder.text("余".repeat(200), 7, true).get(0).payload()).hasSize(132); // 66 characters
    }

    @Test
    void neverSplitsASurrogatePair() {
        String text = "余".repeat(66) + "😀" + "余".repeat(10);
        List<SmsPart> parts = SmsEncoder.text(text, 1, false);
        assertThat(parts.get(0).payload()).hasSize(132);
        assertThat(parts.get(1).payload()).startsWith("😀".getBytes(StandardCharsets.UTF_16BE));
        assertThat(joinedText(parts)).isEqualTo(text);
    }

    @Test
    void textNoAlphabetCarriesAndTooManyPartsAreRefused() {
        assertThatThrownBy(() -> SmsEncoder.text("ab\uD800c", 1, false)).isInstanceOfSatisfying(
                PhoneCodecException.class, e -> assertThat(e.problem()).isEqualTo(Problem.TEXT_NOT_ENCODABLE));
        assertThatThrownBy(() -> SmsEncoder.text("x".repeat(153 * 255 + 1), 1, false)).isInstanceOfSatisfying(
                PhoneCodecException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MESSAGE_TOO_LONG));
        assertThat(SmsEncoder.text("x".repeat(153 * 255), 1, false)).hasSize(255);
        assertThatThrownBy(() -> SmsEncoder.text("x", 256, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void binaryDataWithPortsIsSplitInto128OctetParts() {
        assertThat(WapPushSms.parts(new byte[133], 9, false)).hasSize(1);
        List<SmsPart> parts = WapPushSms.parts(new byte[134], 9, false);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).payload()).hasSize(128);
        assertThat(hex(parts.get(0).header().toBytes())).isEqualTo("0B05040B8423F0000309" + "0201");
        assertThat(parts.get(0).shortMessage(false)).hasSize(140);
        assertThat(parts.get(1).header().concatenation()).contains(new Concatenation(9, 2, 2, false));
        assertThat(parts.get(0).dataCoding()).isEqualTo(0x04);
    }

    private static String joinedText(List<SmsPart> parts) {
        StringBuilder text = new StringBuilder();
        for (SmsPart p : parts) {
            byte[] sm = p.shortMessage(false);
            text.append(SmsDecoder.decode(p.esmClass(), p.dataCoding(), sm).text());
        }
        return text.toString();
    }
}
