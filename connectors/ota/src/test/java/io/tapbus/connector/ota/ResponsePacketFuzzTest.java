package io.tapbus.connector.ota;

import static io.tapbus.connector.ota.PySimVectors.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the proof-of-receipt decoder with what an SMSC may deliver as user data: any bytes decode, or are refused
 * with an {@link OtaException}, with or without keys, ciphered or not; never another exception. The test command
 * replays the committed corpus (pySim's PoRs and some broken ones); {@code JAZZER_FUZZ=1} fuzzes.
 */
class ResponsePacketFuzzTest {

    private static final List<OtaKeys> KEYS = keys();

    /** Jazzer attaches its agent through a jar it writes to java.io.tmpdir (target/tmp): that folder must exist. */
    @org.junit.jupiter.api.BeforeAll
    static void tmpdir() throws java.io.IOException {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void anyBytesDecodeOrAreRefused(byte[] input) {
        for (OtaKeys keys : KEYS) {
            decode(input, keys, null);
            decode(input, keys, false);
            decode(input, keys, true);
        }
    }

    private static void decode(byte[] input, OtaKeys keys, Boolean ciphered) {
        byte[] copy = Arrays.copyOf(input, input.length);
        try {
            ResponsePacket por = ciphered == null ? ResponsePacket.decode(copy, keys)
                    : ResponsePacket.decode(copy, keys, ciphered);
            por.json();
        } catch (OtaException refused) {
            // a reason, as expected for most inputs
        }
    }

    private static List<OtaKeys> keys() {
        try {
            return Arrays.asList(null,
                    OtaKeys.of(OtaAlgorithm.TRIPLE_DES, bytes(SJA5_3DES_KIC), bytes(SJA5_3DES_KID)),
                    OtaKeys.of(OtaAlgorithm.AES, bytes(SJA5_AES_KIC), bytes(SJA5_AES_KID)),
                    OtaKeys.of(OtaAlgorithm.TRIPLE_DES, null, bytes(CARD_3DES_KID)));
        } catch (OtaException e) {
            throw new IllegalStateException(e);
        }
    }
}
