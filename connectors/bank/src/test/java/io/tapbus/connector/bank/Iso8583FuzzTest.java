package io.tapbus.connector.bank;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes ISO 8583 decoding of outside bytes in both built-in layouts: a message either decodes or is refused
 * with an {@link Iso8583Exception} (the gateway answers 39=30 or closes); anything else is a finding. The test
 * command replays the committed corpus (golden messages); {@code JAZZER_FUZZ=1} fuzzes.
 */
class Iso8583FuzzTest {

    /**
     * Jazzer attaches its agent through a jar it writes to java.io.tmpdir, which the build points at target/tmp:
     * that folder must exist (a fresh clone has none).
     */
    @org.junit.jupiter.api.BeforeAll
    static void tmpdir() throws java.io.IOException {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    }
    private static final Iso8583Codec ASCII = Iso8583Codec.named("ascii");
    private static final Iso8583Codec BINARY = Iso8583Codec.named("binary");

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void anyBytesDecodeOrAreRefusedInBothLayouts(byte[] input) {
        for (Iso8583Codec codec : new Iso8583Codec[] {ASCII, BINARY}) {
            try {
                codec.decode(input);
            } catch (Iso8583Exception refused) {
                // the protocol's own negative answer
            }
        }
    }
}
