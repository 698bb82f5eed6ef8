package io.tapbus.runtime.bank;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * System trace audit numbers (field 11), 000001 to 999999 and round again, kept in the {@code bank_stan} row of the
 * link, so a restart continues where the last run stopped instead of reusing recent STANs. Every gateway on the same
 * database and acquirer shares the row, so STANs stay unique across instances too.
 */
final class StanCounter {
    static final int MAX = 999_999;

    private final Jdbi jdbi;
    private final String linkId;

    StanCounter(Jdbi jdbi, String linkId) {
        this.jdbi = jdbi;
        this.linkId = linkId;
        ensureRow();
    }

    private void ensureRow() {
        boolean exists = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM bank_stan WHERE link_id = ?")
                .bind(0, linkId).mapTo(Long.class).one()) > 0;
        if (!exists) {
            try {
                jdbi.useHandle(h -> h.createUpdate("INSERT INTO bank_stan(link_id, last_stan) VALUES (?, 0)")
                        .bind(0, linkId).execute());
            } catch (UnableToExecuteStatementException raced) {
                // another gateway on the same database inserted it first
            }
        }
    }

    /** The next STAN in its own transaction. */
    String next() {
        return jdbi.inTransaction(this::next);
    }

    /** The next STAN inside the caller's transaction: the row stays locked until it ends. */
    String next(Handle h) {
        h.createUpdate("UPDATE bank_stan SET last_stan = CASE WHEN last_stan >= " + MAX
                + " THEN 1 ELSE last_stan + 1 END WHERE link_id = ?").bind(0, linkId).execute();
        int stan = h.createQuery("SELECT last_stan FROM bank_stan WHERE link_id = ?").bind(0, linkId)
                .mapTo(Integer.class).one();
        return String.format("%06d", stan);
    }
}
