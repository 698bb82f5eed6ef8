package io.tapbus.runtime.write;

import io.tapbus.runtime.domain.DomainError;
import java.sql.SQLException;

/** How the write path reads a failure: its SQL state, whether storage failed, a log-safe description. */
final class Failures {
    private Failures() {
    }

    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** A unit that failed because the database did (not because of a business fact) is a storage failure. */
    static boolean storageFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainError) {
                return false;
            }
            if (t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    /** Exception classes and SQL states, never messages (they can carry bound values). */
    static String describe(Throwable cause) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = cause; t != null && sb.length() < 300; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName());
            if (t instanceof SQLException sql) {
                sb.append("[SQLState ").append(sql.getSQLState()).append(']');
            }
        }
        return sb.toString();
    }

}
