package io.tapbus.samples.bank;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the host approved, declined and reversed, in order; thread-safe, queryable by tests and the control port. */
public final class Journal {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The outcome of looking up what a reversal reverses. */
    public enum Reversal { REVERSED, ALREADY_REVERSED, UNKNOWN }

    private final List<JournalEntry> entries = new ArrayList<>();
    /** STAN key of each authorization or financial request to whether it is approved and not yet reversed. */
    private final Map<String, Boolean> reversible = new HashMap<>();

    public synchronized void add(JournalEntry entry) {
        entries.add(entry);
        if (entry.stanKey() != null && (entry.kind() == JournalEntry.Kind.APPROVED
                || entry.kind() == JournalEntry.Kind.DECLINED)) {
            reversible.put(entry.stanKey(), entry.kind() == JournalEntry.Kind.APPROVED);
        }
    }

    /** Marks the transaction with this STAN key reversed; a second reversal changes nothing. */
    public synchronized Reversal reverse(String stanKey) {
        Boolean open = stanKey == null ? null : reversible.get(stanKey);
        if (open == null) {
            return Reversal.UNKNOWN;
        }
        if (!open) {
            return Reversal.ALREADY_REVERSED;
        }
        reversible.put(stanKey, false);
        return Reversal.REVERSED;
    }

    public synchronized List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    public List<JournalEntry> entries(JournalEntry.Kind kind) {
        return entries().stream().filter(e -> e.kind() == kind).toList();
    }

    public synchronized void clear() {
        entries.clear();
        reversible.clear();
    }

    /** One JSON object per entry and line. */
    public List<String> asJsonLines() {
        List<String> lines = new ArrayList<>();
        for (JournalEntry e : entries()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", e.kind().name());
            row.put("mti", e.mti());
            row.put("stanKey", e.stanKey());
            row.put("rrn", e.rrn());
            row.put("amount", e.amount());
            row.put("pan", e.maskedPan());
            row.put("responseCode", e.responseCode());
            row.put("at", e.at().toString());
            try {
                lines.add(JSON.writeValueAsString(row));
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return lines;
    }
}
