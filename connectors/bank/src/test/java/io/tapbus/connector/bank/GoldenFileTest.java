package io.tapbus.connector.bank;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.common.Hex;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every golden pair, both ways: the bytes decode to the JSON, the JSON encodes to the bytes. The bytes are jPOS's
 * packing of the JSON (GoldenWriter; JposCompatibilityTest checks them against jPOS again), except the published-*
 * ones, which come from published ISO 8583 samples (sources in their .hex files). This test needs no jPOS.
 */
class GoldenFileTest {

    static Stream<Arguments> pairs() {
        return Stream.of("ascii", "binary")
                .flatMap(packager -> Golden.names(packager).stream().map(name -> Arguments.of(packager, name)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pairs")
    void bytesDecodeToTheJson(String packager, String name) throws Exception {
        Iso8583Message decoded = Iso8583Codec.named(packager).decode(Golden.bytes(packager, name));

        assertThat(decoded).isEqualTo(Golden.message(packager, name));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pairs")
    void jsonEncodesToTheBytes(String packager, String name) throws Exception {
        byte[] encoded = Iso8583Codec.named(packager).encode(Golden.message(packager, name));

        assertThat(Hex.of(encoded)).isEqualTo(Hex.of(Golden.bytes(packager, name)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pairs")
    void jsonFormRoundTrips(String packager, String name) {
        Iso8583Message message = Golden.message(packager, name);

        assertThat(Iso8583Json.read(Iso8583Json.write(message))).isEqualTo(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ascii", "binary"})
    void everyMtiTheGatewaysUseHasAGoldenPair(String packager) {
        List<String> mtis = Golden.names(packager).stream().map(n -> Golden.message(packager, n).mti()).toList();

        assertThat(mtis).containsAll(List.of("0100", "0110", "0200", "0210", "0400", "0401", "0410", "0800", "0810"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ascii", "binary"})
    void jposAllFieldsImagesDecodeFieldForField(String packager) throws Exception {
        Iso8583Message message = Iso8583Codec.named(packager).decode(Golden.bytes(packager,
                "jpos-0800-fields-2-64-and-90"));

        assertThat(message.fields().keySet()).hasSize(64).contains(2, 35, 52, 64, 90).doesNotContain(1);
        assertThat(message.field(28)).startsWith("C");
        assertThat(message.field(35)).contains("=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ascii", "binary"})
    void goldenPairsCoverTheSecondaryBitmapAndBinaryFields(String packager) {
        List<Iso8583Message> messages = Golden.names(packager).stream().map(n -> Golden.message(packager, n)).toList();

        assertThat(messages).anyMatch(m -> m.has(70)).anyMatch(m -> m.has(128))
                .anyMatch(m -> m.has(52) && m.has(55)).anyMatch(m -> m.has(54));
    }
}
