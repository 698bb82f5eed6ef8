package io.tapbus.rules.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The contents of expected.json. Every key is optional except verdict; an unknown key is an error so
 * that a misspelt key does not silently skip a check.
 *
 * <pre>{"verdict": "DECLINED", "reasons": ["CARD_NOT_ACTIVE"], "rulesFired": ["DeclineWhenCardNotActive"],
 *  "outputs": {"remainingDailyLimitMinor": 0}, "description": "free text"}</pre>
 */
record ExpectedOutcome(String verdict, Set<String> reasons, List<String> rulesFired, ObjectNode outputs) {
    private static final Set<String> KEYS = Set.of("verdict", "reasons", "rulesFired", "outputs", "description");

    static ExpectedOutcome parse(JsonNode json) {
        if (!(json instanceof ObjectNode object)) {
            throw new IllegalArgumentException("expected.json must hold a JSON object");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException("unknown key '" + name + "' in expected.json (known: "
                        + "verdict, reasons, rulesFired, outputs, description)");
            }
        }
        JsonNode verdict = object.get("verdict");
        if (verdict == null || !verdict.isTextual()) {
            throw new IllegalArgumentException("expected.json needs \"verdict\" as text, e.g. \"APPROVED\"");
        }
        JsonNode outputs = object.get("outputs");
        if (outputs != null && !outputs.isObject()) {
            throw new IllegalArgumentException("\"outputs\" in expected.json must be an object");
        }
        List<String> reasons = texts(object, "reasons");
        return new ExpectedOutcome(verdict.asText(), reasons == null ? null : new LinkedHashSet<>(reasons),
                texts(object, "rulesFired"), (ObjectNode) outputs);
    }

    private static List<String> texts(ObjectNode object, String key) {
        JsonNode node = object.get(key);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("\"" + key + "\" in expected.json must be a list of texts");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException("\"" + key + "\" in expected.json must be a list of texts");
            }
            values.add(item.asText());
        }
        return values;
    }
}
