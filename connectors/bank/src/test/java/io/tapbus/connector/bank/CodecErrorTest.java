package io.tapbus.connector.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tapbus.connector.common.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One or more cases per {@link Iso8583Problem}, decoding and encoding, in both packagers. */
class CodecErrorTest {

    private static final Iso8583Codec ASCII = Iso8583Codec.named("ascii");
    private static final Iso8583Codec BINARY = Iso8583Codec.named("binary");
    private static final String PAN = "4761739001010010";
    /** A small layout with fields 2, 3, 11 and 41 only, for fields a layout does not define. */
    private static final Iso8583Codec SMALL = small();

    private static Iso8583Codec small() {
        String json = "{\"name\":\"small\",\"encoding\":\"ascii\",\"messageTypes\":[\"0200\",\"0800\"],\"fields\":["
                + "{\"field\":2,\"type\":\"n\",\"format\":\"LLVAR\",\"length\":19,\"name\":\"primary account number\"},"
                + "{\"field\":3,\"type\":\"n\",\"format\":\"fixed\",\"length\":6,\"name\":\"processing code\"},"
                + "{\"field\":11,\"type\":\"n\",\"format\":\"fixed\",\"length\":6,\"name\":\"stan\"},"
                + "{\"field\":41,\"type\":\"ans\",\"format\":\"fixed\",\"length\":8,\"name\":\"terminal\"}]}";
        try {
            return new Iso8583Codec(Iso8583Packager.load(new java.io.ByteArrayInputStream(
                    json.getBytes(StandardCharsets.UTF_8))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An ascii 0200 with fields 2, 3, 11 and 41: bitmap 6020000000800000. */
    private static String ascii0200(String bitmap, String field2, String field3, String field11, String field41) {
        return "0200" + bitmap + field2 + field3 + field11 + field41;
    }

    private static final String GOOD = ascii0200("6020000000800000", "16" + PAN, "000000", "000123", "TAPBUS01");

    private static Iso8583Exception decodeFails(Iso8583Codec codec, byte[] bytes) {
        Iso8583Exception e = catchThrowableOfType(Iso8583Exception.class, () -> codec.decode(bytes));
        assertThat(e).as("decoding should fail").isNotNull();
        assertThat(e.getMessage()).doesNotContain(PAN).doesNotContain(PAN.substring(6));
        return e;
    }

    private static Iso8583Exception decodeFails(String asciiText) {
        return decodeFails(ASCII, asciiText.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Iso8583Exception encodeFails(Iso8583Codec codec, Iso8583Message message) {
        Iso8583Exception e = catchThrowableOfType(Iso8583Exception.class, () -> codec.encode(message));
        assertThat(e).as("encoding should fail").isNotNull();
        return e;
    }

    @Test
    void theBaseMessageDecodes() throws Exception {
        Iso8583Message message = ASCII.decode(GOOD.getBytes(StandardCharsets.US_ASCII));

        assertThat(message.fields()).containsOnlyKeys(2, 3, 11, 41);
    }

    @Nested
    class Mti {
        @Test
        void unknownMti() {
            Iso8583Exception e = decodeFails("1200" + GOOD.substring(4));

            assertThat(e.problem()).isEqualTo(Iso8583Problem.UNKNOWN_MTI);
            assertThat(e.getMessage()).as("ISO 8583:1993 is not 1987").contains("MTI 1200");
            assertThat(e.partial()).isEmpty();
        }

        @Test
        void unknownMtiBinary() throws Exception {
            byte[] bytes = BINARY.encode(Iso8583Message.of("0800").with(11, "000001"));
            bytes[0] = 0x18;

            assertThat(decodeFails(BINARY, bytes).problem()).isEqualTo(Iso8583Problem.UNKNOWN_MTI);
        }

        @Test
        void nonDigitMti() {
            Iso8583Exception e = decodeFails("02A0" + GOOD.substring(4));

            assertThat(e.problem()).isEqualTo(Iso8583Problem.BAD_MTI);
            assertThat(e.getMessage()).contains("MTI").contains("character 3");
        }

        @Test
        void nonBcdMtiBinary() throws Exception {
            byte[] bytes = BINARY.encode(Iso8583Message.of("0800").with(11, "000001"));
            bytes[1] = 0x0A;

            Iso8583Exception e = decodeFails(BINARY, bytes);
            assertThat(e.problem()).isEqualTo(Iso8583Problem.BAD_MTI);
            assertThat(e.getMessage()).contains("nibble A");
        }

        @Test
        void encodingAnUnknownOrMalformedMti() {
            assertThat(encodeFails(ASCII, Iso8583Message.of("1300").with(11, "000001")).problem())
                    .isEqualTo(Iso8583Problem.UNKNOWN_MTI);
            assertThat(encodeFails(BINARY, Iso8583Message.of("08x0").with(11, "000001")).problem())
                    .isEqualTo(Iso8583Problem.BAD_MTI);
        }
    }

    @Nested
    class Bitmap {
        @Test
        void nonHexBitmap() {
            Iso8583Exception e = decodeFails(ascii0200("60200000008000ZZ", "16" + PAN, "000000", "000123",
                    "TAPBUS01"));

            assertThat(e.problem()).isEqualTo(Iso8583Problem.BAD_BITMAP);
            assertThat(e.getMessage()).contains("primary bitmap");
            assertThat(e.partial()).get().extracting(Iso8583Message::mti).isEqualTo("0200");
        }

        @Test
        void bitForAnUndefinedField() {
            // 6820... sets fields 2, 3, 5 and 11; the small layout has no field 5 (the standard ones define all)
            Iso8583Exception e = decodeFails(SMALL, ascii0200("6820000000800000", "16" + PAN, "000000", "000123",
                    "TAPBUS01").getBytes(StandardCharsets.US_ASCII));

            assertThat(e.problem()).isEqualTo(Iso8583Problem.UNDEFINED_FIELD);
            assertThat(e.field()).isEqualTo(5);
            assertThat(e.getMessage()).contains("field 5").contains("small");
            assertThat(e.partial().orElseThrow().fields()).containsOnlyKeys(2, 3);
        }

        @Test
        void bitmapWithNoField() {
            assertThat(decodeFails("0800" + "0000000000000000").problem()).isEqualTo(Iso8583Problem.BAD_BITMAP);
        }

        @Test
        void secondaryBitmapThatSetsNothing() {
            Iso8583Exception e = decodeFails("0800" + "8020000000000000" + "0000000000000000" + "000001");

            assertThat(e.problem()).isEqualTo(Iso8583Problem.BAD_BITMAP);
            assertThat(e.getMessage()).contains("secondary");
        }

        @Test
        void encodingFieldOneOrAnUndefinedField() {
            Iso8583Exception one = encodeFails(ASCII, Iso8583Message.of("0800").with(1, "00").with(11, "000001"));
            Iso8583Exception five = encodeFails(SMALL, Iso8583Message.of("0800").with(5, "1").with(11, "000001"));

            assertThat(one.problem()).isEqualTo(Iso8583Problem.UNDEFINED_FIELD);
            assertThat(one.getMessage()).contains("secondary bitmap");
            assertThat(five.problem()).isEqualTo(Iso8583Problem.UNDEFINED_FIELD);
            assertThat(five.field()).isEqualTo(5);
        }

        @Test
        void encodingAMessageWithoutFields() {
            assertThat(encodeFails(ASCII, Iso8583Message.of("0800")).problem()).isEqualTo(Iso8583Problem.BAD_BITMAP);
        }
    }

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

    @Test
    void trailingBytes() {
        Iso8583Exception e = decodeFails(GOOD + "XYZ");

        assertThat(e.problem()).isEqualTo(Iso8583Problem.TRAILING_BYTES);
        assertThat(e.getMessage()).contains("3 bytes left").contains("field 41");
        assertThat(e.partial().orElseThrow().fields()).containsOnlyKeys(2, 3, 11, 41);
    }

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

    @Test
    void secondaryBitmapFieldsDecodeInBothPackagers() throws Exception {
        Iso8583Message message = Iso8583Message.of("0800").with(11, "000001").with(70, "301").with(128,
                "0011223344556677");

        for (Iso8583Codec codec : new Iso8583Codec[] {ASCII, BINARY}) {
            assertThat(codec.decode(codec.encode(message))).isEqualTo(message);
        }
        assertThatThrownBy(() -> ASCII.decode(("0800" + "8020000000000000" + "00000000000000X1" + "000001")
                .getBytes(StandardCharsets.US_ASCII))).isInstanceOf(Iso8583Exception.class)
                .hasMessageContaining("secondary bitmap");
    }
}
