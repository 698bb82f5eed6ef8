package io.tapbus.connector.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HexTest {

    @Test
    void printsUpperCaseAndReadsBothCasesIgnoringWhitespace() {
        assertThat(Hex.of(new byte[] {0x0A, (byte) 0xFF, 0x00})).isEqualTo("0AFF00");
        assertThat(Hex.parse("0a ff\n00")).containsExactly(0x0A, 0xFF, 0x00);
        assertThat(Hex.parse("")).isEmpty();
    }

    @Test
    void refusesOddLengthAndNonHexNamingThePositionNotTheText() {
        assertThatThrownBy(() -> Hex.parse("ABC")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("odd number of hex digits (3)");
        assertThatThrownBy(() -> Hex.parse("00SECRET")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not hex: character 3 is not a hex digit");
    }

    @Test
    void tellsHexFromText() {
        assertThat(Hex.isHex("09afAF")).isTrue();
        assertThat(Hex.isHex("0g")).isFalse();
        assertThat(Hex.firstNonHex("0A0g")).isEqualTo(3);
        assertThat(Hex.firstNonHex("0A")).isEqualTo(-1);
    }
}
