package io.tapbus.bench.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * An H2 file database and a journal folder in a new temporary folder (under -Dtapbus.bench.dir, else java.io.tmpdir),
 * with the write path's position table and the one table the benchmark writes. Deleted on close.
 */
final class BenchDatabase implements AutoCloseable {
    /** One small row per write unit. */
    static final String INSERT = "INSERT INTO bench_line(id, card_uid, amount_minor, currency) VALUES (?, ?, ?, ?)";

    private final Path folder;
    private final String url;
    private final JdbcDataSource dataSource = new JdbcDataSource();

    private BenchDatabase(Path folder) {
        this.folder = folder;
        // the bus's own URL options (config/application.properties)
        this.url = "jdbc:h2:file:" + folder.resolve("db").resolve("bench").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=128;WRITE_DELAY=0";
        dataSource.setURL(url);
    }

    static BenchDatabase create() throws IOException, SQLException {
        Path parent = Path.of(System.getProperty("tapbus.bench.dir", System.getProperty("java.io.tmpdir")));
        BenchDatabase database = new BenchDatabase(Files.createTempDirectory(Files.createDirectories(parent), "tapbus-bench-"));
        try (Connection c = database.dataSource.getConnection(); Statement s = c.createStatement()) {
            // the write path's journal position, as migration V8 creates it
            s.execute("CREATE TABLE write_journal(id INT PRIMARY KEY, applied_seq BIGINT NOT NULL)");
            s.execute("INSERT INTO write_journal(id, applied_seq) VALUES (1, 0)");
            s.execute("CREATE TABLE bench_line(id BIGINT PRIMARY KEY, card_uid VARCHAR(20) NOT NULL,"
                    + " amount_minor BIGINT NOT NULL, currency CHAR(3) NOT NULL)");
        }
        return database;
    }

    DataSource dataSource() {
        return dataSource;
    }

    String url() {
        return url;
    }

    Path journalFolder() {
        return folder.resolve("journal");
    }

    long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Deletes the folder; the write path using it must be closed first. */
    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }
}
