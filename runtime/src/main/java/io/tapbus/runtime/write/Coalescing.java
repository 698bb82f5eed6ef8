package io.tapbus.runtime.write;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Drops the row writes a later one in the same tables transaction makes pointless: an {@code UPDATE} that sets
 * every column it names to a value ({@code col = ?}, nothing relative) on the row its {@code WHERE} names by
 * equality ({@code k = ? AND ...}) is overwritten by a later run of the same statement on the same key, so only the
 * last is executed. A message's part that goes SUBMITTING, SUBMITTED, DELIVERED while the tables follow behind is
 * then one update, not three. Other statements (inserts, deletes, relative updates) are kept, in order.
 */
final class Coalescing {
    private static final Pattern ABSOLUTE_UPDATE = Pattern.compile(
            "UPDATE \\w+ SET \\w+ = \\?(, \\w+ = \\?)* WHERE \\w+ = \\?( AND \\w+ = \\?)*", Pattern.CASE_INSENSITIVE);
    /** Per statement: how many trailing arguments name the row (0: not an absolute update). */
    private static final Map<String, Integer> KEY_ARGS = new ConcurrentHashMap<>();

    private Coalescing() {}

    /** The rows of {@code entries}, in order, without the updates a later identical-key update overwrites. */
    static List<Row> rows(List<Journal.Entry> entries) {
        List<Row> all = new ArrayList<>();
        for (Journal.Entry e : entries) {
            all.addAll(e.rows());
        }
        if (entries.size() < 2) {
            return all;
        }
        Set<Key> later = new HashSet<>();
        boolean[] drop = new boolean[all.size()];
        int dropped = 0;
        for (int i = all.size() - 1; i >= 0; i--) {
            Row r = all.get(i);
            int keyArgs = keyArgs(r.sql());
            if (keyArgs > 0 && !later.add(new Key(r.sql(), Arrays.asList(r.args()).subList(r.args().length - keyArgs,
                    r.args().length)))) {
                drop[i] = true;
                dropped++;
            }
        }
        if (dropped == 0) {
            return all;
        }
        List<Row> kept = new ArrayList<>(all.size() - dropped);
        for (int i = 0; i < all.size(); i++) {
            if (!drop[i]) {
                kept.add(all.get(i));
            }
        }
        return kept;
    }

    static int keyArgs(String sql) {
        return KEY_ARGS.computeIfAbsent(sql, s -> {
            String normal = s.trim().replaceAll("\\s+", " ");
            if (!ABSOLUTE_UPDATE.matcher(normal).matches()) {
                return 0;
            }
            int at = normal.toUpperCase().lastIndexOf(" WHERE ");
            Set<String> set = columns(normal.substring(normal.toUpperCase().indexOf(" SET ") + 5, at), ",");
            Set<String> where = columns(normal.substring(at + 7), "(?i) AND ");
            // a WHERE on a column the update sets is a condition on the row's old value: never coalesced
            return where.stream().anyMatch(set::contains) ? 0 : where.size();
        });
    }

    private static Set<String> columns(String assignments, String separator) {
        Set<String> out = new HashSet<>();
        for (String a : assignments.split(separator)) {
            out.add(a.substring(0, a.indexOf('=')).trim().toLowerCase());
        }
        return out;
    }

    private record Key(String sql, List<Object> args) {}
}
