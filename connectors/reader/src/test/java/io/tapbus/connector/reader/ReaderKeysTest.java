package io.tapbus.connector.reader;

import static io.tapbus.connector.reader.TestFrames.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaderKeysTest {

    private static final byte[] MASTER = hex("000102030405060708090a0b0c0d0e0f");

    @Test
    void isDeterministicAndDiffersPerReader() {
        byte[] demo = ReaderKeys.diversify(MASTER, "R-DEMO-1");
        assertThat(ReaderKeys.diversify(MASTER, "R-DEMO-1")).isEqualTo(demo).hasSize(16);
        assertThat(ReaderKeys.diversify(MASTER, "R-DEMO-2")).isNotEqualTo(demo);
        assertThat(ReaderKeys.diversify(hex("0f0e0d0c0b0a09080706050403020100"), "R-DEMO-1")).isNotEqualTo(demo);
    }

    @Test
    void equalsTheCmacOfTheDocumentedKdfInput() {
        // 0x01 || "TAPBUS-READER" || 0x00 || "R-DEMO-1" || 0x00 0x80, spelled out byte by byte
        byte[] input = hex("01" + "5441504255532d524541444552" + "00" + "522d44454d4f2d31" + "0080");
        assertThat(ReaderKeys.diversify(MASTER, "R-DEMO-1")).isEqualTo(ReferenceCmac.cmac(MASTER, input));
    }

    @Test
    void matchesKnownAnswersComputedIndependently() {
        // computed with Python's cryptography package (CMAC over the documented input)
        assertThat(hex(ReaderKeys.diversify(MASTER, "R-DEMO-1"))).isEqualTo("032af38fd5267de7b701c57d8e7b9cda");
        assertThat(hex(ReaderKeys.diversify(MASTER, "R-BENCH-001"))).isEqualTo("50abe4edf5abad9a2603776568e9d0ed");
    }

    @Test
    void refusesBadInputs() {
        assertThatThrownBy(() -> ReaderKeys.diversify(new byte[15], "R-DEMO-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReaderKeys.diversify(MASTER, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReaderKeys.diversify(MASTER, "R/1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesHexKeysAndNeverEchoesThem() {
        assertThat(ReaderKeys.parseHexKey(" 000102030405060708090A0B0C0D0E0F\n")).isEqualTo(MASTER);
        assertThatThrownBy(() -> ReaderKeys.parseHexKey("0001020304")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 hex digits").hasMessageNotContaining("0001020304");
        assertThatThrownBy(() -> ReaderKeys.parseHexKey("zz0102030405060708090a0b0c0d0e0f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("zz01");
        assertThatThrownBy(() -> ReaderKeys.parseHexKey(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsKeyFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reader-master.hex");
        Files.writeString(file, "000102030405060708090a0b0c0d0e0f\n", StandardCharsets.US_ASCII);
        assertThat(ReaderKeys.readHexKeyFile(file)).isEqualTo(MASTER);

        Files.writeString(file, "not a key", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> ReaderKeys.readHexKeyFile(file)).hasMessageContaining("reader-master.hex");
    }

    @Test
    void readerKeyNeverPrintsTheKey() {
        assertThat(new ReaderKey(MASTER, true).toString()).doesNotContain("0001").doesNotContain("[B@");
    }

    @Test
    void theCheckValueIsTheLeftmost40BitsOfTheCmacOfAZeroBlock() {
        // computed independently with Python's cryptography: CMAC(AES(key)).update(bytes(16)).finalize()[:5]
        assertThat(ReaderKeys.checkValue(MASTER)).isEqualTo("BE7ED6AE78");
        assertThat(ReaderKeys.checkValue(HexFormat.of().parseHex("2b7e151628aed2a6abf7158809cf4f3c"))).isEqualTo("7AD386C376");
        assertThat(ReaderKeys.checkValue(ReaderKeys.diversify(MASTER, "R-DEMO-1")))
                .isNotEqualTo(ReaderKeys.checkValue(ReaderKeys.diversify(MASTER, "R-DEMO-2"))).hasSize(10);
        assertThatThrownBy(() -> ReaderKeys.checkValue(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
