package io.tapbus.runtime.decisions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.rules.DecisionCatalog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * How the decisions matching an explorer filter break down: how many per verdict and per reason code, for the
 * analyst's bar chart. Counted by the database (GROUP BY), so the answer is small whatever the number of decisions:
 * the reasons are grouped by their recorded JSON (a few distinct combinations), then split into codes here.
 */
public final class DecisionBreakdown {
    /** Distinct reason combinations read at most; beyond that the reason counts say they are partial. */
    static final int MAX_REASON_SETS = 2_000;

    private final Jdbi jdbi;
    private final ObjectMapper json = DecisionCatalog.json();

    public DecisionBreakdown(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Counts, largest first: total, byVerdict (the rules' own verdict where recorded), byReason, reasonsPartial. */
    public record Counts(long total, Map<String, Long> byVerdict, Map<String, Long> byReason, boolean reasonsPartial) {}

    public Counts count(DecisionFilter filter) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        DecisionExplorer.where(where, args, filter);
        String from = " FROM decision_record d" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
        return jdbi.withHandle(h -> {
            Map<String, Long> verdicts = new LinkedHashMap<>();
            DecisionExplorer.bound(h.createQuery("SELECT COALESCE(d.rule_verdict, d.verdict) AS v, COUNT(*) AS n" + from
                    + " GROUP BY COALESCE(d.rule_verdict, d.verdict) ORDER BY n DESC, v"), args)
                    .map((rs, ctx) -> Map.entry(rs.getString("v"), rs.getLong("n")))
                    .forEach(e -> verdicts.put(e.getKey(), e.getValue()));
            Map<String, Long> reasons = new LinkedHashMap<>();
            List<Map.Entry<String, Long>> sets = DecisionExplorer.bound(h.createQuery("SELECT d.reasons AS r, COUNT(*) AS n" + from
                    + " GROUP BY d.reasons ORDER BY n DESC LIMIT " + (MAX_REASON_SETS + 1)), args)
                    .map((rs, ctx) -> Map.entry(rs.getString("r"), rs.getLong("n"))).list();
            sets.stream().limit(MAX_REASON_SETS).forEach(set -> codes(set.getKey())
                    .forEach(code -> reasons.merge(code, set.getValue(), Long::sum)));
            long total = verdicts.values().stream().mapToLong(Long::longValue).sum();
            return new Counts(total, verdicts, sorted(reasons), sets.size() > MAX_REASON_SETS);
        });
    }

    private List<String> codes(String reasons) {
        List<String> codes = new ArrayList<>();
        try {
            JsonNode list = json.readTree(reasons == null ? "[]" : reasons);
            list.forEach(r -> {
                String code = r.path("code").asText("");
                if (!code.isEmpty() && !codes.contains(code)) {
                    codes.add(code);
                }
            });
        } catch (IOException e) {
            codes.add("(unreadable)");
        }
        return codes;
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
