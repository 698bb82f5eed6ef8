package io.tapbus.connector.phone.mm7;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes what TapBus reads from an MMSC: any bytes are read as a SubmitRsp answer, as a DeliveryReportReq, and as a
 * SubmitReq HTTP body (a multipart/related whose boundary is the first line's, as the simulator reads it), or are
 * refused with an {@link Mm7Exception}. The test command replays the committed corpus (the golden files);
 * {@code JAZZER_FUZZ=1} fuzzes.
 */
class Mm7FuzzTest {

    /** Jazzer attaches its agent through a jar it writes to java.io.tmpdir (target/tmp): that folder must exist. */
    @org.junit.jupiter.api.BeforeAll
    static void tmpdir() throws java.io.IOException {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void anyMm7BodyIsReadOrRefused(byte[] input) {
        try {
            SubmitResult r = Mm7Reader.submitResponse(input);
            if (r.messageId().isEmpty() || !r.status().success()) {
                throw new IllegalStateException("accepted a SubmitRsp without a message id or success");
            }
        } catch (Mm7Exception refused) {
            // expected for garbage
        }
        try {
            DeliveryReport report = Mm7Reader.deliveryReport(input);
            if (report.status() == null || report.messageId().isEmpty() || report.recipient() == null) {
                throw new IllegalStateException("accepted a delivery report without state, message id or recipient");
            }
        } catch (Mm7Exception refused) {
            // expected for garbage
        }
        String text = new String(input, StandardCharsets.ISO_8859_1);
        int eol = text.indexOf('\n');
        String boundary = text.startsWith("--") && eol > 2 ? text.substring(2, eol).strip() : "b";
        try {
            ReceivedMms.read("multipart/related; boundary=\"" + boundary.replace("\"", "") + "\"", input);
        } catch (Mm7Exception refused) {
            // expected for garbage
        }
    }
}
