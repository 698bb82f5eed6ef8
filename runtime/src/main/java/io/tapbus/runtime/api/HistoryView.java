package io.tapbus.runtime.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns transaction rows into API objects with camelCase names and the decision's JSON columns parsed. */
final class HistoryView {
    private final ObjectMapper mapper;

    HistoryView(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    List<Map<String, Object>> rows(List<Map<String, Object>> rows) {
        return rows.stream().map(this::row).toList();
    }

    Map<String, Object> row(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((k, v) -> {
            String key = camel(k);
            if ((k.equals("reasons") || k.equals("rules_fired") || k.equals("facts")) && v instanceof String s) {
                try {
                    out.put(key, mapper.readTree(s));
                } catch (JsonProcessingException e) {
                    out.put(key, s);
                }
            } else {
                out.put(key, v instanceof java.sql.Timestamp t ? t.toInstant().toString() : v);
            }
        });
        return out;
    }

    private static String camel(String snake) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }
}
