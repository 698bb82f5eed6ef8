package io.tapbus.connector.reader;

import static io.tapbus.connector.reader.TestFrames.fields;
import static io.tapbus.connector.reader.TestFrames.golden;
import static io.tapbus.connector.reader.TestFrames.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden frame under src/test/resources/golden/ (NAME.hex, its exact bytes, and NAME.txt, its readable fields)
 * was produced by an independent implementation (golden_frames.py: Python's cryptography CMAC, no TapBus code), so
 * these tests pin the wire format both ways: field order, widths, endianness, the type code and the MAC input. A new
 * golden file is checked here without naming it; the *GoldenFrameTest classes check what each body means.
 */
class GoldenFrameTest {
    private static final Path FOLDER = Path.of("src", "test", "resources", "golden");

    static Stream<String> goldenFrames() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".hex"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
        }
    }

    @Test
    void everyExchangeOfTheProtocolHasGoldenFramesAndEachHasItsFields() throws IOException {
        List<String> names = goldenFrames().toList();
        assertThat(names).contains("tap-request-v1", "payment-request-v1", "payment-response-v1", "card-write-result-v1",
                "card-write-ack-v1", "account-query-v1", "account-answer-v1", "membership-add-v1", "membership-result-v1");
        for (String name : names) {
            assertThat(FOLDER.resolve(name + ".txt")).as("the readable fields of " + name).exists();
        }
    }

    @ParameterizedTest
    @MethodSource("goldenFrames")
    void encodingTheReadableFieldsGivesTheGoldenBytes(String name) {
        Map<String, String> fields = fields(name);
        byte[] encoded = ReaderFrameCodec.encode(FrameType.valueOf(fields.get("type")), Long.parseLong(fields.get("sequence")),
                fields.get("readerId"), fields.get("body").getBytes(StandardCharsets.UTF_8), hex(fields.get("key")));
        assertThat(hex(encoded)).isEqualTo(hex(golden(name)));
    }

    @ParameterizedTest
    @MethodSource("goldenFrames")
    void decodingTheGoldenBytesGivesTheReadableFieldsTheTypeCodeAndAValidMac(String name) throws FrameException {
        Map<String, String> fields = fields(name);
        byte[] golden = golden(name);
        ReaderFrame frame = ReaderFrameCodec.decode(golden);

        assertThat(frame.version()).isEqualTo(Integer.parseInt(fields.get("version")));
        assertThat(frame.type()).isEqualTo(FrameType.valueOf(fields.get("type")));
        assertThat(frame.type().code()).isEqualTo(golden[5]);
        assertThat(frame.sequence()).isEqualTo(Long.parseLong(fields.get("sequence")));
        assertThat(frame.readerId()).isEqualTo(fields.get("readerId"));
        assertThat(frame.bodyText()).isEqualTo(fields.get("body"));
        assertThat(hex(frame.mac())).isEqualTo(fields.get("mac"));
        assertThat(frame.frameBytes()).isEqualTo(golden);
        byte[] signed = frame.signedBytes();
        assertThat(signed).hasSize(golden.length - 8);
        assertThat(ReaderMac.verify(hex(fields.get("key")), signed, 0, signed.length, frame.mac())).isTrue();
        assertThat(hex(ReferenceCmac.cmac(hex(fields.get("key")), Arrays.copyOf(golden, golden.length - 8))).substring(0, 16))
                .as("the MAC is the truncated reference CMAC").isEqualTo(fields.get("mac"));
    }

    @Test
    void theTapRequestBodyIsTheDocumentedValueAndSerialisesBackIdentically() throws FrameException {
        TapRequest request = TapRequest.parse(ReaderFrameCodec.decode(golden("tap-request-v1")));

        assertThat(request).isEqualTo(new TapRequest("04A1B2C3D4E5F6", 1250, "CNY", "2026-11-25T18:00:00Z", "demo-0001"));
        assertThat(new String(request.toJson(), StandardCharsets.UTF_8)).isEqualTo(fields("tap-request-v1").get("body"));
    }
}
