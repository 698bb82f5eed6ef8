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
                    java.sql.Savepoint before = connection.setSavepoint();
                    try {
                        Row.executeAll(connection, statements, e.rows());
                        replayed++;
                    } catch (SQLException duplicate) {
                        if (!"23505".equals(Failures.sqlState(duplicate))) {
                            throw duplicate;
                        }
                        // the tables already hold this batch (an entry is applied all or nothing) although the
                        // position did not move with it: seen once after a SIGKILL of H2 mid-write; skip it
                        connection.rollback(before);
                        LOG.warn("write path: journaled batch {} is already in the tables; not applied twice", e.seq());
                    }
                    Projection.markApplied(connection, statements, e.seq());
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
