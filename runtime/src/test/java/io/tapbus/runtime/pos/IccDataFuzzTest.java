package io.tapbus.runtime.pos;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Fuzzes the reading of ISO 8583 field 55 (ICC data: the card's GENERATE AC answer and the terminal's CDOL1 data, as
 * BER-TLV) in a POS request: any field either gives the cryptogram, the ATC and the cryptogram input of TapBus's
 * layout, or is refused with {@link IccData.Malformed} (the gateway answers 39=30). Any other exception is a finding.
 * The input bytes are the ICC data, sent as hex as the field carries it; the same bytes are also tried as the field's
 * text (mostly not hex). The test command replays the committed corpus (PosMappingTest's and PosChainingTest's field
 * 55); {@code JAZZER_FUZZ=1} (or the {@code fuzz} profile) fuzzes.
 */
class IccDataFuzzTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** Jazzer attaches its agent through a jar it writes to java.io.tmpdir (target/tmp): that folder must exist. */
    @org.junit.jupiter.api.BeforeAll
    static void tmpdir() throws java.io.IOException {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void anyField55GivesTheCryptogramInputOrIsMalformed(byte[] input) {
        read(HEX.formatHex(input));
        read(new String(input, StandardCharsets.ISO_8859_1));
    }

    private static void read(String field55) {
        IccData icc;
        try {
            icc = IccData.parse(field55);
        } catch (IccData.Malformed refused) {
            return;
        }
        // CDOL1 (29) + AIP (2) + ATC (2) + IAD (1 to 32)
        if (icc.arqc().length != 8 || icc.atc() < 0 || icc.atc() > 0xFFFF || icc.arqcInput().length < 34
                || icc.arqcInput().length > 65) {
            throw new AssertionError("ICC data out of its lengths: arqc " + icc.arqc().length + " bytes, atc "
                    + icc.atc() + ", input " + icc.arqcInput().length + " bytes");
        }
    }
}
