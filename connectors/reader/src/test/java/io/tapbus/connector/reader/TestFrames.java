package io.tapbus.connector.reader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shared test material: hex helpers, golden files and ready-made frames. */
final class TestFrames {

    static final byte[] KEY = hex("000102030405060708090a0b0c0d0e0f");
    static final String READER = "R-DEMO-1";
    static final byte[] TAP_BODY = ("{\"cardUid\":\"04A1B2C3D4E5F6\",\"amountMinor\":1250,\"currency\":\"CNY\","
            + "\"readerTime\":\"2026-11-25T18:00:00Z\"}").getBytes(StandardCharsets.UTF_8);

    private TestFrames() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] tap(long sequence) {
        return ReaderFrameCodec.encode(FrameType.TAP_REQUEST, sequence, READER, TAP_BODY, KEY);
    }

    static String resource(String name) {
        try (InputStream in = TestFrames.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A golden .hex file: hex digits, with whitespace and '#' comments ignored. */
    static byte[] goldenHex(String name) {
        StringBuilder digits = new StringBuilder();
        for (String line : resource(name).split("\n")) {
            int comment = line.indexOf('#');
            String data = comment >= 0 ? line.substring(0, comment) : line;
            digits.append(data.replaceAll("\\s", ""));
        }
        return hex(digits.toString());
    }

    /** A golden .txt file: key=value lines, '#' comment lines ignored. */
    static Map<String, String> goldenFields(String name) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : resource(name).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            fields.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
        return fields;
    }

    /** The exact bytes of golden frame NAME ({@code /golden/NAME.hex}). */
    static byte[] golden(String name) {
        return goldenHex("/golden/" + name + ".hex");
    }

    /** The readable fields of golden frame NAME ({@code /golden/NAME.txt}). */
    static Map<String, String> fields(String name) {
        return goldenFields("/golden/" + name + ".txt");
    }
}
