package io.tapbus.connector.phone;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the WAP push decoders: any bytes decode as a WSP push and as SI or SL WBXML, or are refused with a
 * {@link PhoneCodecException}; a decoded document prints as XML and encodes again or is refused the same way.
 * The test command replays the committed corpus; {@code JAZZER_FUZZ=1} fuzzes.
 */
class WbxmlFuzzTest {

    /** Jazzer attaches its agent through a jar it writes to java.io.tmpdir (target/tmp): that folder must exist. */
    @org.junit.jupiter.api.BeforeAll
    static void tmpdir() throws java.io.IOException {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void anyWbxmlDecodesOrIsRefused(byte[] input) {
        try {
            PushDocument document = WbxmlDecoder.decode(input);
            WbxmlEncoder.encode(document.toXml());
        } catch (PhoneCodecException refused) {
            // expected for garbage
        }
        try {
            WspPush.decode(input);
        } catch (PhoneCodecException refused) {
            // expected for garbage
        }
    }
}
