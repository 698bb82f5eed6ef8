package io.tapbus.connector.tag;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes what the public scan URL meets: any URL text either parses and verifies (MAC valid or not) or is refused
 * with a {@link SunException} (a 400 with the reason); anything else is a finding. The test command replays the
 * committed corpus; {@code JAZZER_FUZZ=1} fuzzes.
 */
class SunUrlFuzzTest {
    private static final byte[] KEY = new byte[16];

    /** Jazzer attaches its agent through a jar it writes to java.io.tmpdir (target/tmp): that folder must exist. */
    @org.junit.jupiter.api.BeforeAll
    static void tmpdir() throws java.io.IOException {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void anyUrlParsesAndVerifiesOrIsRefused(byte[] input) throws Exception {
        // the first byte picks the mode, the rest is the URL as a phone's browser could send it
        boolean lrp = input.length > 0 && (input[0] & 1) == 1;
        String url = input.length == 0 ? "" : new String(input, 1, input.length - 1, java.nio.charset.StandardCharsets.UTF_8);
        SunUrl sun;
        try {
            sun = SunUrl.parse(url);
        } catch (SunException refused) {
            return;
        }
        SunVerifier verifier = new SunVerifier(lrp ? SunMode.LRP : SunMode.AES, KEY, KEY);
        try {
            String macInput = SunVerifier.defaultMacInput(sun.enc(), sun.macParameter());
            if (sun.piccData() != null) {
                verifier.verifyEncrypted(sun.piccData(), sun.enc(), sun.cmac(), macInput);
            } else if (sun.uid() != null && sun.ctr() != null) {
                verifier.verifyPlain(sun.uid(), sun.ctr(), sun.enc(), sun.cmac(), macInput);
            }
        } catch (SunException refused) {
            // bad lengths, bad hex: refused with the reason
        }
    }
}
