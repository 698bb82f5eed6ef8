package io.tapbus.runtime.decisions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The read side of recorded decisions: one decision, or a page of decisions matching a filter, newest first.
 * Paging is by keyset on the time-ordered decision id (the next page starts below the last id seen), so the
 * thousandth page costs what the first does; never OFFSET.
 */
public final class DecisionExplorer {
    public static final int MAX_PAGE = 500;
    private static final String COLUMNS = "SELECT d.decision_id, d.decision_name, d.rule_set_version, d.verdict, d.rule_verdict,"
            + " d.reasons, d.rules_fired, d.correlation_id, d.decided_at, d.card_uid, d.reader_id,"
            + " COALESCE(d.merchant_id, t.merchant_id) AS merchant_id, t.txn_id, d.facts"
            + " FROM decision_record d LEFT JOIN txn t ON t.decision_id = d.decision_id";

    private final Jdbi jdbi;

    public DecisionExplorer(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A page: the rows and the cursor of the next page (null on the last). */
    public record Page(List<Map<String, Object>> rows, String nextCursor) {}

    public Optional<Map<String, Object>> find(String decisionId) {
        return jdbi.withHandle(h -> h.createQuery(COLUMNS + " WHERE d.decision_id = ?").bind(0, decisionId).mapToMap().findOne());
    }

    public Page page(DecisionFilter filter, int limit) {
        int size = Math.min(Math.max(limit, 1), MAX_PAGE);
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        where(where, args, filter);
        if (filter.before() != null) {
            where.add("d.decision_id < ?");
            args.add(filter.before());
        }
        String sql = COLUMNS + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY d.decision_id DESC LIMIT " + (size + 1);
        List<Map<String, Object>> rows = jdbi.withHandle(h -> bound(h.createQuery(sql), args).mapToMap().list());
        if (rows.size() <= size) {
            return new Page(rows, null);
        }
        List<Map<String, Object>> page = rows.subList(0, size);
        return new Page(page, (String) page.get(size - 1).get("decision_id"));
    }

    /** The filter's conditions (all but the cursor) on {@code decision_record d}, ANDed, with their arguments. */
    static void where(List<String> where, List<Object> args, DecisionFilter filter) {
        equal(where, args, "d.card_uid", filter.card());
        equal(where, args, "d.reader_id", filter.reader());
        equal(where, args, "d.merchant_id", filter.merchant());
        equal(where, args, "d.decision_name", filter.decision());
        equal(where, args, "d.rule_set_version", filter.version());
        if (filter.verdict() != null) {
            where.add("(d.verdict = ? OR d.rule_verdict = ?)");
            args.add(filter.verdict());
            args.add(filter.verdict());
        }
        if (filter.reason() != null) {
            where.add("d.reasons LIKE ? ESCAPE '\\'");
            args.add("%\"code\":\"" + likeEscaped(filter.reason()) + "\"%");
        }
        if (filter.rule() != null) {
            where.add("d.rules_fired LIKE ? ESCAPE '\\'");
            args.add("%\"" + likeEscaped(filter.rule()) + "\"%");
        }
        period(where, args, filter);
    }

    /** The period as a range of ids (uses the primary key) and, exactly, of decision times. */
    static void period(List<String> where, List<Object> args, DecisionFilter filter) {
        if (filter.from() != null) {
            where.add("d.decision_id >= ? AND d.decided_at >= ?");
            args.add(DecisionIds.floor(filter.from()));
            args.add(java.sql.Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.add("d.decision_id <= ? AND d.decided_at < ?");
            args.add(DecisionIds.ceiling(filter.to()));
            args.add(java.sql.Timestamp.from(filter.to()));
        }
    }

    static Query bound(Query query, List<Object> args) {
        for (int i = 0; i < args.size(); i++) {
            query.bind(i, args.get(i));
        }
        return query;
    }

    private static void equal(List<String> where, List<Object> args, String column, String value) {
        if (value != null) {
            where.add(column + " = ?");
            args.add(value);
        }
    }

    private static String likeEscaped(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace("\"", "\\\"");
    }
}
