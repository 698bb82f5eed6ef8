package io.tapbus.connector.phone;

import io.tapbus.connector.common.Hex;

/** Hex in tests (spaces and line breaks allowed for readability), by the connectors' shared {@link Hex}. */
final class TestHex {

    private TestHex() {
    }

    static byte[] bytes(String hex) {
        return Hex.parse(hex);
    }

    /** The parts' payloads one after the other, as the receiver reassembles them. */
    static byte[] joined(java.util.List<SmsPart> parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        parts.forEach(p -> out.writeBytes(p.payload()));
        return out.toByteArray();
    }

    static String hex(byte[] bytes) {
        return Hex.of(bytes);
    }
}
