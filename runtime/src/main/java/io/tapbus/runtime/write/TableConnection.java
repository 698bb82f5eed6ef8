package io.tapbus.runtime.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A connection of the write path's own (the writer's, or the tables' thread's), kept open with its
 * prepared statements; replaced when a rollback fails.
 */
final class TableConnection implements AutoCloseable {
    private final DataSource dataSource;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection connection;

    TableConnection(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The open connection (no auto-commit), opened anew if it was closed. */
    Connection get() throws SQLException {
        if (connection == null || connection.isClosed()) {
            statements.clear();
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
        }
        return connection;
    }

    /** Prepared statements of the current connection, by SQL text. */
    Map<String, PreparedStatement> statements() {
        return statements;
    }

    /** Rolls back; returns false (and drops the connection) when even that failed. */
    boolean rollback() {
        try {
            if (connection != null) {
                connection.rollback();
            }
            return true;
        } catch (SQLException e) {
            close();
            return false;
        }
    }

    @Override
    public void close() {
        statements.clear();
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // the connection is being replaced or the bus stops
        }
        connection = null;
    }
}
