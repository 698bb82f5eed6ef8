package io.tapbus.connector.phone;

import static io.tapbus.connector.phone.TestHex.bytes;
import static io.tapbus.connector.phone.TestHex.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GSM 7-bit default alphabet, extension table and septet packing. Tables: 3GPP TS 23.038 §6.2.1 and §6.2.1.1.
 * Packed vectors: "hellohello" (the packing example quoted by every SMS PDU tutorial), "How are you?" (an
 * SMS-DELIVER example of the public SMS PDU toolkit docs), and the pattern and fill-bit vectors of
 * warthog618/sms encoding/gsm7/7bit_test.go.
 */
class GsmAlphabetTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "@|00", "£|01", "$|02", "¥|03", "è|04", "Ç|09", "Ø|0B", "Å|0E", "Δ|10", "_|11", "Φ|12", "Ξ|1A", "Æ|1C",
        "ß|1E", "É|1F", "¤|24", "¡|40", "Ä|5B", "§|5F", "¿|60", "ä|7B", "à|7F", "A|41", "z|7A", "0|30",
        // extension table: escape 0x1B then the code
        "€|1B65", "[|1B3C", "]|1B3E", "{|1B28", "}|1B29", "\\|1B2F", "~|1B3D", "^|1B14", "'|'|1B40",
    })
    void encodesTheTablesOfTs23038(String character, String septets) {
        assertThat(hex(GsmAlphabet.encode(character))).isEqualTo(septets);
        assertThat(GsmAlphabet.decode(bytes(septets))).isEqualTo(character);
    }

    @Test
    void newlineCarriageReturnAndFormFeed() {
        assertThat(hex(GsmAlphabet.encode("\n\r\f"))).isEqualTo("0A0D1B0A");
        assertThat(GsmAlphabet.decode(bytes("0A0D1B0A"))).isEqualTo("\n\r\f");
    }

    @Test
    void charactersOutsideTheAlphabetAreNotEncodable() {
        assertThat(GsmAlphabet.canEncode("Hello [world] €5")).isTrue();
        assertThat(GsmAlphabet.canEncode("ç")).isFalse(); // only the capital Ç is in the table
        assertThat(GsmAlphabet.canEncode("余额")).isFalse();
        assertThat(GsmAlphabet.canEncode("`")).isFalse();
        assertThatThrownBy(() -> GsmAlphabet.encode("a`b")).isInstanceOf(PhoneCodecException.class)
                .hasMessageContaining("U+0060 at 1");
    }

    @Test
    void anUnknownEscapeReadsAsTheDefaultTableCharacterAndALoneEscapeIsDropped() {
        assertThat(GsmAlphabet.decode(bytes("1B41"))).isEqualTo("A");
        assertThat(GsmAlphabet.decode(bytes("41421B"))).isEqualTo("AB");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "hellohello|E8329BFD4697D9EC37",
        "How are you?|C8F71D14969741F977FD07",
        "a very long test pattern|6190BD2CCF83D86FF719442FCFE92078984E2FCBDD",
        "pattern!!|F0309D5E96BB4321",
        "pattern?|F0309D5E96BB7F",
    })
    void packsAndUnpacksSeptets(String text, String packed) {
        byte[] septets = GsmAlphabet.encode(text);
        assertThat(hex(Septets.pack(septets, 0))).isEqualTo(packed);
        assertThat(GsmAlphabet.decode(Septets.unpack(bytes(packed), 0, septets.length))).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} fill bits")
    @CsvSource({"1, FE", "2, FC01", "3, F803", "4, F007", "5, E00F", "6, C01F"})
    void fillBitsComeBeforeTheFirstSeptet(int fill, String packed) {
        assertThat(hex(Septets.pack(new byte[] {0x7F}, fill))).isEqualTo(packed);
        assertThat(Septets.unpack(bytes(packed), fill, 1)).containsExactly(0x7F);
    }

    @Test
    void fillBitsAlignTheTextOnASeptetAfterTheHeader() {
        assertThat(Septets.fillBits(0)).isZero();
        assertThat(Septets.fillBits(6)).isEqualTo(1);  // 8-bit concatenation: 48 bits, 1 fill bit, 7 septets
        assertThat(Septets.fillBits(7)).isZero();      // 16-bit concatenation or ports: 56 bits = 8 septets
        assertThat(Septets.fillBits(12)).isEqualTo(2); // ports and concatenation: 96 bits, 2 fill bits
    }

    @Test
    void unpackingMoreSeptetsThanTheOctetsHoldIsRefused() {
        assertThatThrownBy(() -> Septets.unpack(bytes("E8329B"), 0, 4)).isInstanceOf(PhoneCodecException.class);
        assertThat(Septets.unpack(bytes("E8329B"), 0, 3)).hasSize(3);
    }
}
