package io.tapbus.connector.phone;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes what an SMSC sends TapBus: any bytes decode to a deliver_sm, then to a receipt or an incoming text, or are
 * refused with a {@link PhoneCodecException}; nothing else escapes. The test command replays the committed corpus
 * (the published PDUs of {@link PublishedPdus}); {@code JAZZER_FUZZ=1} fuzzes.
 */
class DeliverSmFuzzTest {

    /** Jazzer attaches its agent through a jar it writes to java.io.tmpdir (target/tmp): that folder must exist. */
    @org.junit.jupiter.api.BeforeAll
    static void tmpdir() throws java.io.IOException {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void anyPduDecodesOrIsRefused(byte[] input) {
        try {
            DeliverSmPdu pdu = DeliverSmDecoder.decode(input);
            if (pdu.isDeliveryReceipt()) {
                DeliveryReceipt.from(pdu).toReceiptText();
            } else {
                SmsDecoder.decode(pdu.esmClass(), pdu.dataCoding(), pdu.shortMessage());
            }
        } catch (PhoneCodecException refused) {
            // a specific refusal is the expected answer to garbage
        }
    }
}
