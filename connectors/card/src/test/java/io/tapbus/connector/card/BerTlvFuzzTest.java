package io.tapbus.connector.card;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes BER-TLV reading of what a card or a terminal sends (GENERATE AC responses, ICC data): any bytes give a
 * value or nothing, never an exception. The test command replays the committed corpus; {@code JAZZER_FUZZ=1} fuzzes.
 */
class BerTlvFuzzTest {

    /** Jazzer attaches its agent through a jar it writes to java.io.tmpdir (target/tmp): that folder must exist. */
    @org.junit.jupiter.api.BeforeAll
    static void tmpdir() throws java.io.IOException {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void anyBytesGiveAValueOrNothing(byte[] input) {
        for (int tag : new int[] {0x9F26, 0x9F27, 0x9F36, 0x9F10, 0x77, 0x80}) {
            BerTlv.find(input, tag);
        }
    }
}
