package io.tapbus.connector.bank;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.common.Hex;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jpos.iso.IFB_LLNUM;
import org.jpos.iso.IFB_NUMERIC;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOFieldPackager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our ISO 8583:1987 layouts against jPOS 2.1.10 (test scope only): every field defined as jPOS's ISO87APackager and
 * ISO87BPackager define it, random messages packed to the same bytes both ways, and every golden pair packed and
 * unpacked by jPOS as by us. GoldenFileTest checks the same pairs without jPOS.
 */
class JposCompatibilityTest {

    static Stream<Arguments> pairs() {
        return Stream.of("ascii", "binary").flatMap(layout -> Golden.names(layout).stream()
                .map(name -> Arguments.of(layout, name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iso87a", "iso87b"})
    void everyFieldIsDefinedAsJposDefinesIt(String layout) {
        ISOBasePackager jpos = (ISOBasePackager) Jpos.packager(layout);
        Iso8583Packager ours = Iso8583Packager.named(layout);

        for (int n = 2; n <= 128; n++) {
            ISOFieldPackager theirs = jpos.getFieldPackager(n);
            FieldDefinition f = ours.field(n);
            String kind = theirs.getClass().getSimpleName().replaceFirst("^IF[AB]?_", "");
            assertThat(f).as("field %d", n).isNotNull();
            assertThat(f.length()).as("length of field %d (%s)", n, kind).isEqualTo(theirs.getLength());
            assertThat(f.format()).as("format of field %d (%s)", n, kind).isEqualTo(kind.startsWith("LLL")
                    ? LengthFormat.LLLVAR : kind.startsWith("LL") ? LengthFormat.LLVAR : LengthFormat.FIXED);
            FieldType expected = switch (kind.replaceFirst("^L+", "")) {
                case "NUMERIC", "NUM" -> n == 35 ? FieldType.Z : FieldType.N;
                case "AMOUNT" -> FieldType.XN;
                case "BINARY" -> FieldType.B;
                case "CHAR" -> f.type() == FieldType.AN ? FieldType.AN : FieldType.ANS;
                default -> throw new AssertionError("field " + n + ": " + kind);
            };
            assertThat(f.type()).as("type of field %d (%s)", n, kind).isEqualTo(expected);
            if (theirs instanceof IFB_LLNUM || theirs instanceof IFB_NUMERIC) {
                assertThat(f.pad()).as("pad of field %d", n).isEqualTo(padsLeft(theirs) ? PadSide.LEFT : PadSide.RIGHT);
            }
        }
    }

    /** jPOS keeps where it pads in the field's BCD interpreter, a private field. */
    private static boolean padsLeft(ISOFieldPackager packager) {
        try {
            java.lang.reflect.Field interpreter = org.jpos.iso.ISOStringFieldPackager.class
                    .getDeclaredField("interpreter");
            interpreter.setAccessible(true);
            return interpreter.get(packager) == org.jpos.iso.BCDInterpreter.LEFT_PADDED;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ascii", "binary"})
    void randomMessagesPackToTheSameBytesBothWays(String layout) throws Exception {
        Iso8583Packager packager = Iso8583Packager.named(layout);
        Iso8583Codec codec = new Iso8583Codec(packager);
        Random random = new Random(8583);

        for (int i = 0; i < 400; i++) {
            TreeMap<Integer, String> fields = new TreeMap<>();
            int count = 1 + random.nextInt(30);
            for (int j = 0; j < count; j++) {
                int n = 2 + random.nextInt(i % 2 == 0 ? 63 : 127);
                fields.put(n, SampleValues.random(packager.field(n), random));
            }
            Iso8583Message message = new Iso8583Message(random.nextBoolean() ? "0200" : "0810", fields);

            byte[] theirs = Jpos.pack(message, layout);
            assertThat(Hex.of(codec.encode(message))).as("message %d: %s", i, message).isEqualTo(Hex.of(theirs));
            assertThat(codec.decode(theirs)).isEqualTo(message);
            assertThat(Jpos.fromJpos(Jpos.unpack(theirs, layout))).isEqualTo(message);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pairs")
    void jposPacksEveryGoldenPairToItsBytesAndUnpacksThem(String layout, String name) throws Exception {
        Iso8583Message message = Golden.message(layout, name);
        byte[] bytes = Golden.bytes(layout, name);

        assertThat(Hex.of(Jpos.pack(message, layout))).isEqualTo(Hex.of(bytes));
        assertThat(Jpos.fromJpos(Jpos.unpack(bytes, layout))).isEqualTo(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ascii", "binary"})
    void jposAllFieldsImagesAreTheCommittedOnes(String layout) throws Exception {
        Iso8583Packager packager = Iso8583Packager.named(layout);
        for (var image : GoldenWriter.ALL_FIELDS.entrySet()) {
            int[] spec = image.getValue();
            Iso8583Message message = SampleValues.allFields(packager, "0800", spec[0], spec[1], spec[2]);

            assertThat(Hex.of(Jpos.pack(message, layout))).isEqualTo(Hex.of(Golden.bytes(layout, image.getKey())));
            assertThat(Golden.message(layout, image.getKey())).isEqualTo(message);
        }
    }
}
