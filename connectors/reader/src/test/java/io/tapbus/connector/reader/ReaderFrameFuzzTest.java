package io.tapbus.connector.reader;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the reader protocol's decoding of outside bytes: a frame either decodes or is refused with a
 * {@link FrameException} (the protocol's own negative answer), and a decoded frame's body either parses as a tap or
 * payment request or is refused the same way. Any other exception is a finding. In the test command this replays
 * the committed corpus (src/test/resources/.../ReaderFrameFuzzTestInputs); {@code JAZZER_FUZZ=1} fuzzes.
 */
class ReaderFrameFuzzTest {

    /**
     * Jazzer attaches its agent through a jar it writes to java.io.tmpdir, which the build points at target/tmp:
     * that folder must exist (a fresh clone has none).
     */
    @org.junit.jupiter.api.BeforeAll
    static void tmpdir() throws java.io.IOException {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void anyBytesDecodeOrAreRefusedWithAFrameException(byte[] input) {
        ReaderFrame frame;
        try {
            frame = ReaderFrameCodec.decode(input);
        } catch (FrameException refused) {
            return;
        }
        try {
            TapRequest.parse(frame);
        } catch (FrameException refused) {
            // a body that is not a tap request
        }
        try {
            PaymentRequest.parse(frame);
        } catch (FrameException refused) {
            // a body that is not a payment request
        }
        try {
            CardWriteResult.parse(frame);
        } catch (FrameException refused) {
            // a body that is not a card write result
        }
    }
}
