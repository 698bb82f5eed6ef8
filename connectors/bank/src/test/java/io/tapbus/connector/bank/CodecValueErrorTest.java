package io.tapbus.connector.bank;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.common.Hex;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link Iso8583Problem#BAD_VALUE} in both packagers, and how the binary packager pads BCD digits, carries the track 2
 * separator and an amount's sign.
 */
class CodecValueErrorTest extends CodecErrorFixture {
    @Nested
    class Values {
        @Test
        void nonNumericInAnNField() {
            Iso8583Exception e = decodeFails(ascii0200("6020000000800000", "16" + PAN, "000000", "0001X3",
                    "TAPBUS01"));

            assertThat(e.problem()).isEqualTo(Iso8583Problem.BAD_VALUE);
            assertThat(e.field()).isEqualTo(11);
            assertThat(e.getMessage()).contains("field 11 (systems trace audit number)").contains("character 5");
        }

        @Test
        void nonNumericPanDoesNotShowThePan() {
            Iso8583Exception e = decodeFails(ascii0200("6020000000800000", "16" + PAN.replace('7', 'X'), "000000",
                    "000123", "TAPBUS01"));

            assertThat(e.problem()).isEqualTo(Iso8583Problem.BAD_VALUE);
            assertThat(e.getMessage()).doesNotContain(PAN.replace('7', 'X').substring(4));
        }

        @Test
        void nonBcdDigitBinary() throws Exception {
            byte[] bytes = BINARY.encode(Iso8583Message.of("0800").with(11, "000123"));
            bytes[bytes.length - 1] = (byte) 0x2F;

            Iso8583Exception e = decodeFails(BINARY, bytes);
            assertThat(e.problem()).isEqualTo(Iso8583Problem.BAD_VALUE);
            assertThat(e.getMessage()).contains("field 11").contains("nibble F");
        }

        @Test
        void nonZeroPadNibbleBeforeAnOddNumberOfBcdDigits() throws Exception {
            byte[] bytes = BINARY.encode(Iso8583Message.of("0800").with(70, "301").with(11, "000001"));
            bytes[bytes.length - 2] = 0x13; // "0301" becomes "1301"

            Iso8583Exception e = decodeFails(BINARY, bytes);
            assertThat(e.problem()).isEqualTo(Iso8583Problem.BAD_VALUE);
            assertThat(e.getMessage()).contains("field 70").contains("pad nibble");
        }

        @Test
        void controlCharacterInAnAnsFieldAndPunctuationInAnAnField() {
            Iso8583Exception ans = decodeFails(ascii0200("6020000000800000", "16" + PAN, "000000", "000123",
                    "TAP\u0007US01"));
            Iso8583Exception an = decodeFails("0810" + "0020000002000000" + "000001" + "0#");

            assertThat(ans.problem()).isEqualTo(Iso8583Problem.BAD_VALUE);
            assertThat(ans.getMessage()).contains("field 41").contains("character 4").contains("non-printable");
            assertThat(an.problem()).isEqualTo(Iso8583Problem.BAD_VALUE);
            assertThat(an.getMessage()).contains("field 39").contains("character 2");
        }

        @Test
        void nonHexInAnAsciiBField() {
            Iso8583Exception e = decodeFails("0200" + "0020000000001000" + "000123" + "0123456789ABCDEG");

            assertThat(e.problem()).isEqualTo(Iso8583Problem.BAD_VALUE);
            assertThat(e.field()).isEqualTo(52);
        }

        @Test
        void encodingBadValues() {
            assertThat(encodeFails(ASCII, Iso8583Message.of("0800").with(11, "00012a")).problem())
                    .isEqualTo(Iso8583Problem.BAD_VALUE);
            assertThat(encodeFails(BINARY, Iso8583Message.of("0200").with(52, "0123456789ABCDEZ")).problem())
                    .isEqualTo(Iso8583Problem.BAD_VALUE);
            assertThat(encodeFails(BINARY, Iso8583Message.of("0200").with(64, "ABC")).getMessage())
                    .contains("odd number of hex digits");
            assertThat(encodeFails(ASCII, Iso8583Message.of("0200").with(43, "caf\u00e9" + " ".repeat(36)))
                    .problem()).isEqualTo(Iso8583Problem.BAD_VALUE);
        }
    }

    @Nested
    class BinaryPadding {
        private byte[] binary0200(String fieldsHex, String bitmap) {
            return Hex.parse("0200" + bitmap + fieldsHex);
        }

        @Test
        void anOddLlvarNumberIsPaddedOnTheRightWith0AndReadWith0OrF() throws Exception {
            Iso8583Message pan15 = Iso8583Message.of("0200").with(2, "476173900101001");

            assertThat(Hex.of(BINARY.encode(pan15))).endsWith("15" + "4761739001010010");
            assertThat(BINARY.decode(binary0200("15" + "476173900101001F", "4000000000000000"))).isEqualTo(pan15);
        }

        @Test
        void anotherPadNibbleAfterTheDigitsNamesTheField() {
            Iso8583Exception e = decodeFails(BINARY, binary0200("15" + "476173900101001A", "4000000000000000"));

            assertThat(e.problem()).isEqualTo(Iso8583Problem.BAD_VALUE);
            assertThat(e.field()).isEqualTo(2);
            assertThat(e.getMessage()).contains("field 2 (primary account number)").contains("pad nibble after")
                    .contains("is A");
        }

        @Test
        void aHostThatPadsAFixedNumberOnTheRightIsToldWhatTheLayoutExpects() {
            // field 22 n 3: "123" is 0123; a host sending 1230 (padded on the right) is refused
            Iso8583Exception e = decodeFails(BINARY, binary0200("1230", "0000040000000000"));

            assertThat(e.field()).isEqualTo(22);
            assertThat(e.getMessage()).contains("field 22").contains("pad nibble before").contains("\"pad\": \"right\"");
        }

        @Test
        void track2CarriesTheSeparatorAsNibbleD() throws Exception {
            Iso8583Message track2 = Iso8583Message.of("0200").with(35, PAN + "=2212201");

            assertThat(Hex.of(BINARY.encode(track2))).endsWith("24" + PAN + "D2212201");
            assertThat(BINARY.decode(BINARY.encode(track2))).isEqualTo(track2);
            Iso8583Exception inPan = decodeFails(BINARY, binary0200("16" + "476173900101001D", "4000000000000000"));
            assertThat(inPan.getMessage()).contains("field 2").contains("nibble D").contains("not a digit");
        }

        @Test
        void anAmountHasItsSignInAsciiAndItsDigitsInBcd() throws Exception {
            Iso8583Message fee = Iso8583Message.of("0200").with(28, "C00000150");

            assertThat(Hex.of(BINARY.encode(fee))).endsWith("43" + "00000150");
            assertThat(new String(ASCII.encode(fee), StandardCharsets.US_ASCII)).endsWith("C00000150");
            Iso8583Exception sign = decodeFails(BINARY, binary0200("58" + "00000150", "0000001000000000"));
            assertThat(sign.field()).isEqualTo(28);
            assertThat(sign.getMessage()).contains("C or D");
        }
    }
}
