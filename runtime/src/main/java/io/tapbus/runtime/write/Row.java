package io.tapbus.runtime.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One staged statement with its arguments, as the write path executes, journals and replays it. */
record Row(String sql, Object[] args) {
    /** Executes rows in order, one JDBC batch per run of the same statement. */
    static void executeAll(Connection connection, Map<String, PreparedStatement> statements, List<Row> rows) throws SQLException {
        int i = 0;
        while (i < rows.size()) {
            String sql = rows.get(i).sql();
            PreparedStatement ps = statements.get(sql);
            if (ps == null) {
                ps = connection.prepareStatement(sql);
                statements.put(sql, ps);
            }
            int j = i;
            while (j < rows.size() && rows.get(j).sql().equals(sql)) {
                bind(ps, rows.get(j).args());
                ps.addBatch();
                j++;
            }
            ps.executeBatch();
            i = j;
        }
    }

    static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            ps.setObject(i + 1, a instanceof Instant t ? Timestamp.from(t) : a);
        }
    }
}
