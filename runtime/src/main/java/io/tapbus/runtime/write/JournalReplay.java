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

    /**
     * Applies one record row by row. A row whose key the tables already hold is skipped: after a SIGKILL,
     * H2 has been seen to keep some rows of a committed batch without the position written in the same
     * transaction, so a record may be partly in the tables; its updates carry absolute values, so
     * writing them again is harmless, and every insert has a key of its own (ledger lines: transaction and
     * line number, V10), so an insert already there is a unique violation, skipped. Returns false when every
     * insert was already there.
     */
    private static boolean apply(Connection connection, Map<String, PreparedStatement> statements, Journal.Entry e)
            throws SQLException {
        int skipped = 0;
        for (Row row : e.rows()) {
            java.sql.Savepoint before = connection.setSavepoint();
            try {
                Row.executeAll(connection, statements, java.util.List.of(row));
            } catch (SQLException duplicate) {
                String state = Failures.sqlState(duplicate);
                if (!"23505".equals(state)) {
                    throw duplicate; // anything else (a lock timeout too) stops the start: a journaled row is never dropped
                }
                connection.rollback(before);
                skipped++;
            }
        }
        if (skipped > 0) {
            LOG.warn("write path: {} rows of journaled batch {} were already in the tables; not applied twice", skipped, e.seq());
        }
        return skipped < e.rows().size();
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
            try (Statement s = connection.createStatement()) {
                s.execute("SET LOCK_TIMEOUT 5000"); // a row held by the stopped bus must not hang the start
            }
            int replayed = 0;
            for (Journal.Entry e : journal.readAll()) {
                if (e.seq() > applied) {
                    replayed += apply(connection, statements, e) ? 1 : 0;
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
