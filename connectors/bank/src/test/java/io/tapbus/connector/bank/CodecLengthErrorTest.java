package io.tapbus.connector.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link Iso8583Problem#BAD_LENGTH} and {@link Iso8583Problem#TRUNCATED}, decoding and encoding, in both packagers. */
class CodecLengthErrorTest extends CodecErrorFixture {
    @Nested
    class Lengths {
        @Test
        void llvarOverTheFieldMaximum() {
            Iso8583Exception e = decodeFails(ascii0200("6020000000800000", "20" + PAN + "1234", "000000", "000123",
                    "TAPBUS01"));

            assertThat(e.problem()).isEqualTo(Iso8583Problem.BAD_LENGTH);
            assertThat(e.field()).isEqualTo(2);
            assertThat(e.getMessage()).contains("field 2 (primary account number)").contains("length 20")
                    .contains("maximum 19");
        }

        @Test
        void llvarOverTheFieldMaximumBinary() throws Exception {
            byte[] bytes = BINARY.encode(Iso8583Message.of("0200").with(2, PAN).with(11, "000123"));
            bytes[2 + 8] = 0x20; // the LL prefix of field 2 as BCD: 20 digits

            Iso8583Exception e = decodeFails(BINARY, bytes);
            assertThat(e.problem()).isEqualTo(Iso8583Problem.BAD_LENGTH);
            assertThat(e.getMessage()).contains("length 20");
        }

        @Test
        void nonNumericLengthPrefix() {
            Iso8583Exception e = decodeFails(ascii0200("6020000000800000", "1A" + PAN, "000000", "000123",
                    "TAPBUS01"));

            assertThat(e.problem()).isEqualTo(Iso8583Problem.BAD_LENGTH);
            assertThat(e.getMessage()).contains("LLVAR length prefix");
        }

        @Test
        void encodingAFixedFieldOfTheWrongLengthOrAVariableOneOverItsMaximum() {
            Iso8583Exception shortStan = encodeFails(ASCII, Iso8583Message.of("0800").with(11, "12345"));
            Iso8583Exception longPan = encodeFails(BINARY, Iso8583Message.of("0200").with(2, PAN + "0123"));
            Iso8583Exception shortPinBlock = encodeFails(ASCII, Iso8583Message.of("0200").with(52, "0123"));

            assertThat(shortStan.problem()).isEqualTo(Iso8583Problem.BAD_LENGTH);
            assertThat(shortStan.getMessage()).contains("field 11").contains("has 5 characters")
                    .contains("exactly 6");
            assertThat(longPan.problem()).isEqualTo(Iso8583Problem.BAD_LENGTH);
            assertThat(longPan.getMessage()).contains("maximum 19").doesNotContain(PAN);
            assertThat(shortPinBlock.getMessage()).contains("has 2 bytes").contains("exactly 8");
        }
    }

    @Nested
    class Truncation {
        @Test
        void endsInsideAField() {
            Iso8583Exception e = decodeFails(GOOD.substring(0, GOOD.length() - 3));

            assertThat(e.problem()).isEqualTo(Iso8583Problem.TRUNCATED);
            assertThat(e.field()).isEqualTo(41);
            assertThat(e.getMessage()).contains("needs 8 bytes").contains("only 5 left");
            assertThat(e.partial().orElseThrow().fields()).containsOnlyKeys(2, 3, 11);
        }

        @Test
        void endsInsideTheBitmapOrTheMti() {
            assertThat(decodeFails("02006020").problem()).isEqualTo(Iso8583Problem.TRUNCATED);
            assertThat(decodeFails("02").problem()).isEqualTo(Iso8583Problem.TRUNCATED);
            assertThat(decodeFails(ASCII, new byte[0]).getMessage()).contains("MTI");
        }

        @Test
        void endsInsideAFieldBinary() throws Exception {
            byte[] bytes = BINARY.encode(Iso8583Message.of("0200").with(2, PAN).with(11, "000123"));

            Iso8583Exception e = decodeFails(BINARY, Arrays.copyOf(bytes, bytes.length - 1));
            assertThat(e.problem()).isEqualTo(Iso8583Problem.TRUNCATED);
            assertThat(e.field()).isEqualTo(11);
        }
    }
}
