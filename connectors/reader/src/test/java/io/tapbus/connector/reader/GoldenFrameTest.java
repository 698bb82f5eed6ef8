package io.tapbus.connector.reader;

import static io.tapbus.connector.reader.TestFrames.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The golden frame was produced by an independent implementation (Python's cryptography CMAC), so these
 * tests pin the wire format: field order, widths, endianness and the MAC input.
 */
class GoldenFrameTest {

    private final Map<String, String> fields = TestFrames.goldenFields("/golden/tap-request-v1.txt");
    private final byte[] goldenBytes = TestFrames.goldenHex("/golden/tap-request-v1.hex");

    @Test
    void encodingTheReadableFieldsGivesTheGoldenBytes() {
        byte[] encoded = ReaderFrameCodec.encode(
                FrameType.valueOf(fields.get("type")),
                Long.parseLong(fields.get("sequence")),
                fields.get("readerId"),
                fields.get("body").getBytes(StandardCharsets.UTF_8),
                hex(fields.get("key")));

        assertThat(hex(encoded)).isEqualTo(hex(goldenBytes));
    }

    @Test
    void decodingTheGoldenBytesGivesTheReadableFields() throws FrameException {
        ReaderFrame frame = ReaderFrameCodec.decode(goldenBytes);

        assertThat(frame.version()).isEqualTo(Integer.parseInt(fields.get("version")));
        assertThat(frame.type()).isEqualTo(FrameType.valueOf(fields.get("type")));
        assertThat(frame.sequence()).isEqualTo(Long.parseLong(fields.get("sequence")));
        assertThat(frame.readerId()).isEqualTo(fields.get("readerId"));
        assertThat(frame.bodyText()).isEqualTo(fields.get("body"));
        assertThat(hex(frame.mac())).isEqualTo(fields.get("mac"));
        assertThat(frame.signedBytes()).hasSize(goldenBytes.length - 8);
        assertThat(frame.frameBytes()).isEqualTo(goldenBytes);
        byte[] signed = frame.signedBytes();
        assertThat(ReaderMac.verify(hex(fields.get("key")), signed, 0, signed.length, frame.mac())).isTrue();
    }

    @Test
    void goldenBodyIsAValidTapRequest() throws FrameException {
        TapRequest request = TapRequest.parse(ReaderFrameCodec.decode(goldenBytes));

        assertThat(request).isEqualTo(new TapRequest("04A1B2C3D4E5F6", 1250, "CNY", "2026-11-25T18:00:00Z", "demo-0001"));
        assertThat(new String(request.toJson(), StandardCharsets.UTF_8)).isEqualTo(fields.get("body"));
    }

    @Test
    void goldenMacIsTheTruncatedReferenceCmac() {
        byte[] signed = Arrays.copyOf(goldenBytes, goldenBytes.length - 8);
        assertThat(hex(ReferenceCmac.cmac(hex(fields.get("key")), signed)).substring(0, 16)).isEqualTo(fields.get("mac"));
    }
}
