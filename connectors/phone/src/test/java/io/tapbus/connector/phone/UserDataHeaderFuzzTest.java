package io.tapbus.connector.phone;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the user data header parser and the incoming short message decoder: any user data parses or is refused
 * with a {@link PhoneCodecException}, whatever its data_coding. The test command replays the committed corpus;
 * {@code JAZZER_FUZZ=1} fuzzes.
 */
class UserDataHeaderFuzzTest {

    /** Jazzer attaches its agent through a jar it writes to java.io.tmpdir (target/tmp): that folder must exist. */
    @org.junit.jupiter.api.BeforeAll
    static void tmpdir() throws java.io.IOException {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void anyUserDataParsesOrIsRefused(byte[] input) {
        try {
            UserDataHeader header = UserDataHeader.parse(input);
            header.concatenation();
            header.ports();
            header.toBytes();
        } catch (PhoneCodecException refused) {
            // expected for garbage
        }
        if (input.length > 0) {
            try {
                SmsDecoder.decode(SmsPart.ESM_CLASS_UDHI, input[0], input);
            } catch (PhoneCodecException refused) {
                // expected for garbage
            }
        }
    }
}
