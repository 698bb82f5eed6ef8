package io.tapbus.connector.bank;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A message layout read from a JSON packager file: its wire encoding, the MTIs it accepts and its field
 * definitions. Built in, next to this class in {@code packagers/}: {@code iso87a} and {@code iso87b} (all 128 data
 * elements of ISO 8583:1987, byte-compatible with jPOS's ISO87APackager and ISO87BPackager) and their aliases
 * {@code ascii} and {@code binary}. A bank's own variant is a file that {@code extends} one of them and overrides
 * some fields ({@link PackagerFiles}).
 *
 * @param messageTypes a regular expression the 4 MTI digits must match
 */
public record Iso8583Packager(String name, WireEncoding encoding, Pattern messageTypes,
                              Map<Integer, FieldDefinition> fields) {

    public static final String DEFAULT = "ascii";

    public Iso8583Packager {
        fields = Collections.unmodifiableMap(new TreeMap<>(fields));
    }

    /**
     * A packager by name: a built-in one, else {@code NAME.json} in the layout folder ({@link PackagerFiles#folder()},
     * by default {@code config/iso8583} under the TapBus home); a name with a '/' or ending in {@code .json} is a
     * file path.
     *
     * @throws IllegalArgumentException when there is no such packager or its file is not a usable layout
     */
    public static Iso8583Packager named(String name) {
        try {
            return of(PackagerFiles.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a complete packager file (one without {@code extends}); a file that is not usable fails with the reason. */
    public static Iso8583Packager load(InputStream in) throws IOException {
        return of(PackagerFiles.JSON.readTree(in));
    }

    static Iso8583Packager of(JsonNode root) {
        if (root.has("extends")) {
            throw new IllegalArgumentException("packager " + root.path("name").asText() + " extends another: load"
                    + " it by name or path");
        }
        String name = text(root, "name");
        WireEncoding encoding = WireEncoding.ofCode(text(root, "encoding"));
        Pattern messageTypes = messageTypes(name, root.path("messageTypes"));
        Map<Integer, FieldDefinition> fields = new TreeMap<>();
        for (JsonNode f : root.path("fields")) {
            FieldDefinition definition;
            try {
                definition = new FieldDefinition(f.path("field").asInt(), text(f, "name"),
                        FieldType.ofCode(text(f, "type")), LengthFormat.ofCode(text(f, "format")),
                        f.path("length").asInt(), f.has("pad") ? PadSide.ofCode(text(f, "pad")) : PadSide.LEFT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("packager " + name + ": " + e.getMessage(), e);
            }
            if (fields.put(definition.number(), definition) != null) {
                throw new IllegalArgumentException("packager " + name + ": field " + definition.number()
                        + " is defined twice");
            }
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("packager " + name + ": needs fields");
        }
        return new Iso8583Packager(name, encoding, messageTypes, fields);
    }

    /** Either a list of MTIs or one regular expression. */
    private static Pattern messageTypes(String name, JsonNode node) {
        if (node.isTextual()) {
            try {
                return Pattern.compile(node.asText());
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("packager " + name + ": messageTypes is not a regular expression");
            }
        }
        StringBuilder alternatives = new StringBuilder();
        for (JsonNode mti : node) {
            if (!mti.isTextual() || !mti.asText().matches("\\d{4}")) {
                throw new IllegalArgumentException("packager " + name + ": message type " + mti + " is not 4 digits");
            }
            alternatives.append(alternatives.length() == 0 ? "" : "|").append(mti.asText());
        }
        if (alternatives.length() == 0) {
            throw new IllegalArgumentException("packager " + name + ": needs messageTypes (a list or a pattern)");
        }
        return Pattern.compile(alternatives.toString());
    }

    private static String text(JsonNode node, String property) {
        JsonNode value = node.get(property);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("packager file: '" + property + "' is missing or not a string in "
                    + node);
        }
        return value.asText();
    }

    /** Whether this layout has messages of this type. */
    public boolean accepts(String mti) {
        return messageTypes.matcher(mti).matches();
    }

    public FieldDefinition field(int number) {
        return fields.get(number);
    }
}
