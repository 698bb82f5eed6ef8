package io.tapbus.connector.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One or more cases per {@link Iso8583Problem}, decoding and encoding, in both packagers: the MTI, the bitmaps and
 * what surrounds the fields. Lengths and truncation: CodecLengthErrorTest; values and BCD padding: CodecValueErrorTest.
 */
class CodecErrorTest extends CodecErrorFixture {
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

    @Test
    void trailingBytes() {
        Iso8583Exception e = decodeFails(GOOD + "XYZ");

        assertThat(e.problem()).isEqualTo(Iso8583Problem.TRAILING_BYTES);
        assertThat(e.getMessage()).contains("3 bytes left").contains("field 41");
        assertThat(e.partial().orElseThrow().fields()).containsOnlyKeys(2, 3, 11, 41);
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
