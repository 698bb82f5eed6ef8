package io.tapbus.runtime.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tapbus.rules.DecisionCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The facts of a decision as it is recorded: the rules' input as compact JSON that a what-if replay
 * turns back into the same input, without personal numbers.
 *
 * <p>Compact: a field that holds its type's default value (what a fresh input object has) is left out,
 * since reading the JSON back gives it that value again. Sanitized: phone numbers, identity numbers,
 * names, keys and anything that looks like a card number (13 to 19 digits) are replaced by a token
 * ({@code #1}, {@code #2}, ...) that is the same for equal values within one decision. The shipped rules
 * only compare such values for equality (the membership merge: does the record's phone equal the
 * holder's?), so a replay decides the same; the values themselves are not stored.
 */
public final class DecisionFacts {
    /** Fields whose text is personal or secret: compared by rules at most, never needed as such. */
    private static final Pattern PRIVATE_FIELD = Pattern.compile(
            "(?i).*(phone|msisdn|idnumber|pan|holdername|recordname|secret|password|token|key)");
    private static final Pattern CARD_NUMBER = Pattern.compile("\\d{13,19}");
    /** The column's size (V29): larger facts are not kept, the decision is recorded without them. */
    static final int MAX_CHARS = 20_000;

    private final ObjectMapper json = DecisionCatalog.json();
    private final Map<Class<?>, JsonNode> defaults = new ConcurrentHashMap<>();

    /** The recorded form: facts JSON (null when there are none) and the values the explorer filters by. */
    public record Recorded(String facts, String cardUid, String readerId, String merchantId) {
        static final Recorded NONE = new Recorded(null, null, null, null);
    }

    public Recorded record(Object facts) {
        if (facts == null) {
            return Recorded.NONE;
        }
        JsonNode tree = json.valueToTree(facts);
        if (!(tree instanceof ObjectNode object)) {
            return Recorded.NONE;
        }
        ObjectNode compact = withoutDefaults(object, defaultsOf(facts.getClass()));
        String cardUid = text(compact, "cardUid");
        sanitize(compact, new HashMap<>());
        try {
            String text = json.writeValueAsString(compact);
            return new Recorded(text.length() <= MAX_CHARS ? text : null, cardUid, text(compact, "readerId"),
                    text(compact, "merchantId"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the facts of a decision cannot be written as JSON", e);
        }
    }

    private JsonNode defaultsOf(Class<?> type) {
        return defaults.computeIfAbsent(type, t -> {
            try {
                return json.valueToTree(t.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | RuntimeException e) {
                return json.createObjectNode(); // no fresh instance: keep every field
            }
        });
    }

    private static ObjectNode withoutDefaults(ObjectNode facts, JsonNode defaults) {
        ObjectNode compact = facts.objectNode();
        facts.fields().forEachRemaining(field -> {
            if (!field.getValue().equals(defaults.get(field.getKey()))) {
                compact.set(field.getKey(), field.getValue());
            }
        });
        return compact;
    }

    /** Replaces private values by tokens, equal values by equal tokens (within this one decision). */
    private static void sanitize(JsonNode node, Map<String, String> tokens) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isTextual() && (PRIVATE_FIELD.matcher(name).matches() || looksLikeCardNumber(value.asText()))) {
                    object.set(name, TextNode.valueOf(tokens.computeIfAbsent(value.asText(), v -> "#" + (tokens.size() + 1))));
                } else {
                    sanitize(value, tokens);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual() && looksLikeCardNumber(value.asText())) {
                    array.set(i, TextNode.valueOf(tokens.computeIfAbsent(value.asText(), v -> "#" + (tokens.size() + 1))));
                } else {
                    sanitize(value, tokens);
                }
            }
        }
    }

    private static boolean looksLikeCardNumber(String text) {
        return CARD_NUMBER.matcher(text).matches();
    }

    private static String text(ObjectNode facts, String field) {
        JsonNode value = facts.get(field);
        if (value == null || !value.isTextual()) {
            return null;
        }
        String text = value.asText();
        return text.length() <= 64 ? text : text.substring(0, 64);
    }

    /** Facts as recorded, read back as a JSON tree (for the explorer's answers and the replay). */
    public JsonNode read(String facts) {
        if (facts == null) {
            return null;
        }
        try {
            return json.readTree(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recorded facts are not JSON", e);
        }
    }
}
