package io.tapbus.connector.bank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A message layout read from a JSON packager file: its wire encoding, the MTIs it accepts and its field
 * definitions. The built-in ones are {@code packagers/ascii.json} and {@code packagers/binary.json} next to this
 * class; a bank's own layout is a copy of one of them, edited, loaded with {@link #load(InputStream)}.
 */
public record Iso8583Packager(String name, WireEncoding encoding, Set<String> messageTypes,
                              Map<Integer, FieldDefinition> fields) {

    public static final String DEFAULT = "ascii";

    private static final ObjectMapper JSON = new ObjectMapper();

    public Iso8583Packager {
        messageTypes = Collections.unmodifiableSet(new LinkedHashSet<>(messageTypes));
        fields = Collections.unmodifiableMap(new TreeMap<>(fields));
    }

    /** A built-in packager: {@code ascii} or {@code binary}. */
    public static Iso8583Packager named(String name) {
        if (!name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("unknown packager '" + name + "' (use ascii or binary)");
        }
        try (InputStream in = Iso8583Packager.class.getResourceAsStream("packagers/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("unknown packager '" + name + "' (use ascii or binary)");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a packager file; a file that is not a usable layout fails with the reason. */
    public static Iso8583Packager load(InputStream in) throws IOException {
        JsonNode root = JSON.readTree(in);
        String name = text(root, "name");
        WireEncoding encoding = WireEncoding.ofCode(text(root, "encoding"));
        Set<String> messageTypes = new LinkedHashSet<>();
        for (JsonNode mti : root.path("messageTypes")) {
            if (!mti.isTextual() || !mti.asText().matches("\\d{4}")) {
                throw new IllegalArgumentException("packager " + name + ": message type " + mti + " is not 4 digits");
            }
            messageTypes.add(mti.asText());
        }
        Map<Integer, FieldDefinition> fields = new TreeMap<>();
        for (JsonNode f : root.path("fields")) {
            FieldDefinition definition = new FieldDefinition(f.path("field").asInt(), text(f, "name"),
                    FieldType.ofCode(text(f, "type")), LengthFormat.ofCode(text(f, "format")),
                    f.path("length").asInt());
            if (fields.put(definition.number(), definition) != null) {
                throw new IllegalArgumentException("packager " + name + ": field " + definition.number()
                        + " is defined twice");
            }
        }
        if (messageTypes.isEmpty() || fields.isEmpty()) {
            throw new IllegalArgumentException("packager " + name + ": needs messageTypes and fields");
        }
        return new Iso8583Packager(name, encoding, messageTypes, fields);
    }

    private static String text(JsonNode node, String property) {
        JsonNode value = node.get(property);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("packager file: '" + property + "' is missing or not a string in "
                    + node);
        }
        return value.asText();
    }

    public FieldDefinition field(int number) {
        return fields.get(number);
    }
}
