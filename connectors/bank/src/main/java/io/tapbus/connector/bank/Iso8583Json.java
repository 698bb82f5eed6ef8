package io.tapbus.connector.bank;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of a message: {@code {"mti":"0200","fields":{"3":"000000","11":"000001"}}}, field numbers as string
 * keys in numeric order, every value a string.
 */
public final class Iso8583Json {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Iso8583Json() {
    }

    public static String write(Iso8583Message message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("mti", message.mti());
        ObjectNode fields = root.putObject("fields");
        message.fields().forEach((number, value) -> fields.put(String.valueOf(number), value));
        return root.toString();
    }

    /** Parses the JSON form; anything else fails with an {@link IllegalArgumentException} that says what. */
    public static Iso8583Message read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object {\"mti\": ..., \"fields\": {...}}");
        }
        JsonNode mti = root.get("mti");
        if (mti == null || !mti.isTextual()) {
            throw new IllegalArgumentException("\"mti\" must be a string such as \"0200\"");
        }
        JsonNode fields = root.get("fields");
        if (fields == null || !fields.isObject()) {
            throw new IllegalArgumentException("\"fields\" must be an object of field number to string value");
        }
        Map<Integer, String> values = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().matches("[1-9]\\d{0,2}")) {
                throw new IllegalArgumentException("field key \"" + field.getKey() + "\" is not a field number");
            }
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException("field " + field.getKey() + " must be a string (quote numbers:"
                        + " \"000001\", leading zeros count)");
            }
            values.put(Integer.parseInt(field.getKey()), field.getValue().asText());
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("mti") && !name.equals("fields")) {
                throw new IllegalArgumentException("unknown property \"" + name + "\" (only mti and fields)");
            }
        }
        return Iso8583Message.of(mti.asText(), values);
    }
}
