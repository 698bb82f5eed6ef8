package io.tapbus.runtime.write;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** At start: the journal's records beyond {@code write_journal.applied_seq} go into the tables, then the files go. */
final class JournalReplay {
    private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);

    private JournalReplay() {
    }

    /** Returns the last batch sequence number known (in the tables or the journal). */
    static long replay(Connection connection, Map<String, PreparedStatement> statements, Journal journal,
                       WritePath.Durability durability) throws SQLException, IOException {
        long applied;
        try (Statement s = connection.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT applied_seq FROM write_journal WHERE id = 1")) {
            applied = rs.next() ? rs.getLong(1) : 0;
        }
        long last = applied;
        if (journal != null) {
            int replayed = 0;
            for (Journal.Entry e : journal.readAll()) {
                if (e.seq() > applied) {
                    Row.executeAll(connection, statements, e.rows());
                    Projection.markApplied(connection, statements, e.seq());
                    replayed++;
                }
                last = Math.max(last, e.seq());
            }
            durability.commitAndSync(connection);
            journal.forgetUpTo(Long.MAX_VALUE);
            if (replayed > 0) {
                LOG.warn("write path: {} journaled batches were not in the tables (the bus stopped abruptly); replayed", replayed);
            }
        }
        connection.commit();
        return last;
    }
}
