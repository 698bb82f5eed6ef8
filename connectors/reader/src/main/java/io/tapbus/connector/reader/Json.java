package io.tapbus.connector.reader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/** The one ObjectMapper of the connector, and the small helpers the body records share. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write JSON body", e);
        }
    }

    /** Parses a body that must be a JSON object; the message of the exception says why it is not. */
    static JsonNode object(byte[] body) throws IllegalArgumentException {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object");
        }
        return node;
    }

    /** A text field, or null when absent or JSON null; anything else than a string is an error. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.asText();
    }

    static String requiredText(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /**
     * A hex field of {@code minDigits..maxDigits} digits (an even number: whole bytes), returned upper-case, or null
     * when absent. The message names the field and the expected form.
     */
    static String hex(JsonNode node, String field, int minDigits, int maxDigits, String expected) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        if (value.length() < minDigits || value.length() > maxDigits || value.length() % 2 != 0 || !isHex(value)) {
            throw new IllegalArgumentException(field + " must be " + expected);
        }
        return value.toUpperCase(Locale.ROOT);
    }

    static String requiredHex(JsonNode node, String field, int minDigits, int maxDigits, String expected) {
        String value = hex(node, field, minDigits, maxDigits, expected);
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static boolean isHex(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.digit(value.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A boolean field, or null when absent; anything else than true or false is an error. */
    static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false");
        }
        return value.asBoolean();
    }

    /** A nested object field, or null when absent. */
    static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException(field + " must be an object");
        }
        return value;
    }

    /** An integral number field that fits a long, or null when absent. */
    static Long integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(field + " must be an integer");
        }
        return value.asLong();
    }
}
