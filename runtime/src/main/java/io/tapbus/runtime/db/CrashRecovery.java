package io.tapbus.runtime.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded H2 file database after an abrupt stop (SIGKILL, power loss). H2 2.5 has been seen to keep rows of
 * a transaction that was open when its process died, neither committed nor rolled back: invisible to readers,
 * but any later insert or update of the same key waits for that dead transaction and fails with a lock timeout
 * (RepeatedKillTest: the journal replay of the very batches that transaction was writing). So a bus that finds
 * its database was not closed rebuilds it from its committed rows before anything else opens it: {@code SCRIPT}
 * (committed data only) into a new file, which atomically replaces the old one. A marker file next to the
 * database says "open"; a clean stop removes it. A crash during the rebuild leaves the old file and the marker,
 * and the next start rebuilds again. The journal then replays what the tables do not have.
 */
final class CrashRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(CrashRecovery.class);
    private static final String PREFIX = "jdbc:h2:file:";

    private final Path base;
    private final String options;

    private CrashRecovery(Path base, String options) {
        this.base = base;
        this.options = options;
    }

    /** For an H2 file URL; null for any other database (PostgreSQL recovers by itself). */
    static CrashRecovery of(String url) {
        if (!url.startsWith(PREFIX)) {
            return null;
        }
        int semicolon = url.indexOf(';');
        String path = semicolon < 0 ? url.substring(PREFIX.length()) : url.substring(PREFIX.length(), semicolon);
        return new CrashRecovery(Path.of(path).toAbsolutePath(), semicolon < 0 ? "" : url.substring(semicolon));
    }

    /** Before the database opens: rebuilds it if the last process did not close it, then marks it open. */
    void beforeOpen(String user, String password) {
        Path db = file(base, ".mv.db");
        Path marker = file(base, ".open");
        try {
            if (Files.exists(marker) && Files.exists(db)) {
                rebuild(db, user, password);
            }
            Files.createDirectories(marker.getParent());
            try (FileChannel c = FileChannel.open(marker, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                c.force(true);
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("the embedded database " + db + " could not be recovered after an abrupt stop: " + e, e);
        }
    }

    /** After the database closed cleanly. */
    void afterClose() {
        try {
            Files.deleteIfExists(file(base, ".open"));
        } catch (IOException e) {
            LOG.warn("the database's open marker could not be removed ({}); the next start rebuilds the database", e.toString());
        }
    }

    private void rebuild(Path db, String user, String password) throws SQLException, IOException {
        long start = System.nanoTime();
        Path script = file(base, ".rebuild.sql.gz");
        Path rebuiltBase = file(base, "-rebuilt");
        Files.deleteIfExists(file(rebuiltBase, ".mv.db"));
        LOG.warn("the database was not closed (the bus stopped abruptly): rebuilding {} from its committed rows", db);
        try (Connection c = DriverManager.getConnection(PREFIX + base + options, user, password); Statement s = c.createStatement()) {
            s.execute("SCRIPT TO '" + quoted(script) + "' COMPRESSION GZIP");
            s.execute("SHUTDOWN");
        }
        try (Connection c = DriverManager.getConnection(PREFIX + rebuiltBase + options, user, password);
             Statement s = c.createStatement()) {
            s.execute("RUNSCRIPT FROM '" + quoted(script) + "' COMPRESSION GZIP");
            s.execute("SHUTDOWN");
        }
        Files.move(file(rebuiltBase, ".mv.db"), db, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(script);
        Files.deleteIfExists(file(rebuiltBase, ".trace.db"));
        LOG.warn("database rebuilt in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private static Path file(Path base, String suffix) {
        return base.resolveSibling(base.getFileName() + suffix);
    }

    private static String quoted(Path p) {
        return p.toString().replace("'", "''");
    }
}
