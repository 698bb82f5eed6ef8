package io.tapbus.runtime.decisions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The text of a finished what-if replay, as {@code bin/tapbus rules replay} prints it: short enough to paste into a
 * change request, with the numbers a reviewer asks for (how many decisions, how many change, which way, by which
 * rules) and the first changed decisions to look at.
 */
public final class ReplayReport {
    private ReplayReport() {
    }

    /** @param job the replay as {@code GET /api/admin/rules/replay/{jobId}} answers it */
    public static String format(JsonNode job, String candidate, String bus) {
        StringBuilder out = new StringBuilder();
        JsonNode s = job.path("summary");
        out.append("What-if replay ").append(job.path("jobId").asText()).append('\n');
        out.append("  candidate:  ").append(candidate).append(versions(job.path("candidateVersions"))).append('\n');
        out.append("  period:     ").append(job.path("since").asText()).append(" to ").append(job.path("until").asText())
                .append(job.path("decision").isTextual() ? "  (decision " + job.path("decision").asText() + ")" : "").append('\n');
        out.append("  state:      ").append(job.path("state").asText());
        if (job.path("error").isTextual()) {
            out.append(" (").append(job.path("error").asText()).append(')');
        }
        out.append('\n').append('\n');
        long replayed = s.path("replayed").asLong();
        long changed = s.path("changed").asLong();
        out.append(String.format(Locale.ROOT, "Decisions replayed: %,d%n", replayed));
        out.append(String.format(Locale.ROOT, "Changed:            %,d (%s)%n", changed, percent(changed, replayed)));
        out.append(String.format(Locale.ROOT, "Unchanged:          %,d%n", s.path("unchanged").asLong()));
        if (s.path("skippedWithoutFacts").asLong() > 0) {
            out.append(String.format(Locale.ROOT, "Without facts:      %,d (recorded before facts were kept; not replayed)%n",
                    s.path("skippedWithoutFacts").asLong()));
        }
        if (s.path("failed").asLong() > 0) {
            out.append(String.format(Locale.ROOT, "Failed:             %,d%n", s.path("failed").asLong()));
            s.path("failures").forEach(f -> out.append("  ").append(f.asText()).append('\n'));
        }
        if (changed > 0) {
            out.append("\nVerdict changes (old -> new):\n");
            fields(s.path("verdictChanges")).forEachRemaining(e ->
                    out.append(String.format(Locale.ROOT, "  %-28s %,d%n", e.getKey(), e.getValue().asLong())));
            out.append("\nRules in the changed decisions (now fires / no longer fires):\n");
            fields(s.path("rules")).forEachRemaining(e -> out.append(String.format(Locale.ROOT, "  %-40s %,d / %,d%n",
                    e.getKey(), e.getValue().path("nowFires").asLong(), e.getValue().path("stopsFiring").asLong())));
            JsonNode list = job.path("changedDecisions");
            out.append(String.format(Locale.ROOT, "%nChanged decisions (first %d of %,d):%n", list.size(), changed));
            for (JsonNode c : list) {
                out.append("  ").append(c.path("decisionId").asText()).append("  ").append(c.path("decisionName").asText())
                        .append("  ").append(c.path("decidedAt").asText()).append("  ").append(c.path("oldVerdict").asText())
                        .append(" -> ").append(c.path("newVerdict").asText()).append(rules(c)).append('\n');
            }
        }
        out.append("\nDetails: GET ").append(bus).append("/api/admin/rules/replay/").append(job.path("jobId").asText())
                .append("?changedFrom=0&limit=1000; one decision: GET ").append(bus).append("/api/decisions/{decisionId}\n");
        return out.toString();
    }

    private static String versions(JsonNode versions) {
        StringBuilder text = new StringBuilder();
        fields(versions).forEachRemaining(e -> text.append(text.length() == 0 ? " (" : ", ").append(e.getKey()).append(' ')
                .append(e.getValue().asText()));
        return text.length() == 0 ? "" : text.append(')').toString();
    }

    private static String rules(JsonNode change) {
        StringBuilder text = new StringBuilder();
        change.path("rulesNowFiring").forEach(r -> text.append(" +").append(r.asText()));
        change.path("rulesNoLongerFiring").forEach(r -> text.append(" -").append(r.asText()));
        return text.length() == 0 ? "" : " " + text.toString().strip();
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
    }

    private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return node.fields();
    }
}
