package io.tapbus.runtime.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The embedded database is rebuilt from its committed rows when the last process did not close it. */
class EmbeddedRebuildTest {
    private final Path dir = Path.of("target", "recovery-" + UUID.randomUUID()).toAbsolutePath();
    private final String url = "jdbc:h2:file:" + dir + "/tapbus;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    @Test
    void aCleanStopLeavesNoMarkerAndTheNextStartDoesNotRebuild() throws Exception {
        try (Database db = new Database(url, "tapbus", "test", 2)) {
            db.migrate();
            assertThat(dir.resolve("tapbus.open")).exists();
        }
        assertThat(dir.resolve("tapbus.open")).doesNotExist();
        Object fileKey = Files.readAttributes(dir.resolve("tapbus.mv.db"), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        try (Database db = new Database(url, "tapbus", "test", 2)) {
            assertThat(db.migrate()).isZero();
        }
        assertThat(Files.readAttributes(dir.resolve("tapbus.mv.db"), java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                .as("the same file: not rebuilt").isEqualTo(fileKey);
    }

    @Test
    void afterAnAbruptStopTheDatabaseIsRebuiltWithItsCommittedRowsSchemaAndHistory() throws Exception {
        try (Database db = new Database(url, "tapbus", "test", 2)) {
            db.migrate();
            db.jdbi().useHandle(h -> h.execute("INSERT INTO partner(partner_id, name, kind, status, created_at)"
                    + " VALUES ('p-kept', 'Kept', 'MERCHANT', 'ACTIVE', CURRENT_TIMESTAMP)"));
        }
        // what an abrupt stop leaves behind: the marker (RepeatedKillTest kills real processes, with open transactions)
        Files.createFile(dir.resolve("tapbus.open"));
        Object before = Files.readAttributes(dir.resolve("tapbus.mv.db"), java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        try (Database db = new Database(url, "tapbus", "test", 2)) {
            assertThat(db.migrate()).as("the migration history survives the rebuild").isZero();
            String kept = db.jdbi().withHandle(h -> h.createQuery("SELECT name FROM partner WHERE partner_id = 'p-kept'")
                    .mapTo(String.class).one());
            assertThat(kept).isEqualTo("Kept");
            // the rebuilt database takes new rows, with the same constraints
            db.jdbi().useHandle(h -> h.execute("INSERT INTO partner(partner_id, name, kind, status, created_at)"
                    + " VALUES ('p-new', 'New', 'MERCHANT', 'ACTIVE', CURRENT_TIMESTAMP)"));
            int both = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM partner WHERE partner_id IN ('p-kept', 'p-new')")
                    .mapTo(Integer.class).one());
            assertThat(both).isEqualTo(2);
        }
        assertThat(Files.readAttributes(dir.resolve("tapbus.mv.db"), java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                .as("a new file replaced the old one").isNotEqualTo(before);
        assertThat(dir.resolve("tapbus.rebuild.sql.gz")).doesNotExist();
        assertThat(dir.resolve("tapbus-rebuilt.mv.db")).doesNotExist();
        assertThat(dir.resolve("tapbus.open")).doesNotExist();
    }
}
