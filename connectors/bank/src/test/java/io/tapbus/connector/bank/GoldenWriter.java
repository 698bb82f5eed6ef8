package io.tapbus.connector.bank;

import io.tapbus.connector.common.Hex;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.ISOUtil;
import org.jpos.iso.ISOBasePackager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rewrites the .hex file of every golden pair (but the published-* ones) from jPOS's packing of its .json, annotated
 * one element per line, and writes the all-fields images. Run it after changing a layout or adding a pair:
 * {@code ./mvnw -o -pl connectors/bank test -Dtest=GoldenWriter -Dgolden.write=true}, from the repository root.
 */
@EnabledIfSystemProperty(named = "golden.write", matches = "true")
class GoldenWriter {

    static final Path SOURCE = Path.of("src/test/resources/golden");

    /** The all-fields images: MTI, fields from..to, extra fields. */
    static final Map<String, int[]> ALL_FIELDS = Map.of(
            "jpos-0800-fields-2-64-and-90", new int[] {2, 64, 90},
            "jpos-0800-fields-65-128", new int[] {65, 128, 11});

    @Test
    void write() throws Exception {
        for (String layout : new String[] {"ascii", "binary"}) {
            Iso8583Packager packager = Iso8583Packager.named(layout);
            for (Map.Entry<String, int[]> image : ALL_FIELDS.entrySet()) {
                int[] spec = image.getValue();
                Iso8583Message message = SampleValues.allFields(packager, "0800", spec[0], spec[1], spec[2]);
                Files.writeString(SOURCE.resolve(layout).resolve(image.getKey() + ".json"),
                        pretty(message), StandardCharsets.UTF_8);
                Files.writeString(SOURCE.resolve(layout).resolve(image.getKey() + ".hex"),
                        annotated(image.getKey(), layout, packager, message), StandardCharsets.UTF_8);
            }
            for (String name : Golden.names(layout)) {
                if (!name.startsWith("published-") && !ALL_FIELDS.containsKey(name)) {
                    Iso8583Message message = Iso8583Json.read(Files.readString(
                            SOURCE.resolve(layout).resolve(name + ".json")));
                    Files.writeString(SOURCE.resolve(layout).resolve(name + ".hex"),
                            annotated(name, layout, packager, message), StandardCharsets.UTF_8);
                }
            }
        }
    }

    /** jPOS's bytes of the message, one element per line: each field as jPOS's own field packager packs it. */
    static String annotated(String name, String layout, Iso8583Packager packager, Iso8583Message message)
            throws Exception {
        ISOPackager jpos = Jpos.packager(layout);
        ISOMsg m = Jpos.toJpos(message, packager);
        m.setPackager(jpos);
        byte[] whole = m.pack();
        ISOBasePackager base = (ISOBasePackager) jpos;
        byte[] mti = base.getFieldPackager(0).pack(m.getComponent(0));
        StringBuilder fields = new StringBuilder();
        int fieldBytes = 0;
        for (Map.Entry<Integer, String> field : message.fields().entrySet()) {
            ISOComponent c = m.getComponent(field.getKey());
            byte[] bytes = base.getFieldPackager(field.getKey()).pack(c);
            fieldBytes += bytes.length;
            FieldDefinition f = packager.field(field.getKey());
            fields.append(line(bytes, "field " + f.number() + " " + f.notation() + " " + f.name() + " = "
                    + field.getValue()));
        }
        int bitmapLength = whole.length - mti.length - fieldBytes;
        byte[] bitmap = java.util.Arrays.copyOfRange(whole, mti.length, mti.length + bitmapLength);
        String out = "# " + name + ", " + layout + " packager. Packed by jPOS 2.1.10 ("
                + jpos.getClass().getSimpleName() + ", GoldenWriter); one element per line.\n"
                + line(mti, "MTI " + message.mti())
                + line(bitmap, bitmapLength > (layout.equals("ascii") ? 16 : 8) ? "primary and secondary bitmap"
                        : "primary bitmap")
                + fields;
        if (!Hex.of(Golden.parse(out)).equals(ISOUtil.hexString(whole))) {
            throw new IllegalStateException(name + ": the elements do not add up to the message");
        }
        return out;
    }

    /** The .json form: one field a line, as the hand-written pairs have it. */
    static String pretty(Iso8583Message message) {
        StringBuilder out = new StringBuilder("{\n  \"mti\": \"" + message.mti() + "\",\n  \"fields\": {\n");
        String fields = message.fields().entrySet().stream()
                .map(f -> "    \"" + f.getKey() + "\": " + new com.fasterxml.jackson.databind.node.TextNode(f.getValue()).toString())
                .collect(java.util.stream.Collectors.joining(",\n"));
        return out.append(fields).append("\n  }\n}\n").toString();
    }

    private static String line(byte[] bytes, String comment) {
        String hex = ISOUtil.hexString(bytes);
        return hex + " ".repeat(Math.max(2, 34 - hex.length())) + "# " + comment.replace("\n", " ") + "\n";
    }
}
