package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.db.Database;
import io.tapbus.runtime.keys.KeyVault;
import io.tapbus.runtime.platform.AuditLog;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.runtime.platform.ReaderRegistry;
import io.tapbus.runtime.platform.UserService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same Flyway migrations and data-access code on the embedded database (H2, PostgreSQL mode) and
 * on a real PostgreSQL server started by the test from binaries on Maven Central.
 */
class DatabaseMigrationsTest {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        Path dir = Path.of("target", "pg-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dir);
        postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    static List<String> engines() {
        return List.of("h2", "postgresql");
    }

    private static Database open(String engine) throws Exception {
        if (engine.equals("h2")) {
            Path dir = Path.of("target", "h2-" + UUID.randomUUID()).toAbsolutePath();
            return new Database("jdbc:h2:file:" + dir + "/tapbus;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                    "tapbus", "test", 4);
        }
        String db = "t" + UUID.randomUUID().toString().replace("-", "");
        try (var c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        return new Database(postgres.getJdbcUrl("postgres", db), "postgres", "postgres", 4);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void migrationsApplyOnceAndThePlatformCodeWorks(String engine) throws Exception {
        try (Database database = open(engine)) {
            long migrations;
            try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
                migrations = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
            }
            assertThat(migrations).isGreaterThanOrEqualTo(3);
            assertThat(database.migrate()).isEqualTo((int) migrations);
            assertThat(database.migrate()).as("second run applies nothing").isZero();

            AuditLog audit = new AuditLog(database.jdbi());
            PartnerService partners = new PartnerService(database.jdbi(), audit);
            UserService users = new UserService(database.jdbi(), audit, new io.tapbus.runtime.platform.CardDirectory(database.jdbi()));
            io.tapbus.runtime.write.WritePath writes = new io.tapbus.runtime.write.WritePath(database.dataSource(),
                    io.tapbus.runtime.write.WritePath.forUrl(database.dataSource().getJdbcUrl()), null, 64, 1024,
                    new io.tapbus.runtime.write.WriteMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
            LedgerService ledger = new LedgerService(database.jdbi(), audit, writes);
            byte[] kek = new byte[32];
            kek[0] = 1;
            ReaderRegistry readers = new ReaderRegistry(database.jdbi(), new KeyVault(kek), new byte[16], audit);

            partners.create("shop", "Shop", "MERCHANT", null, "test");
            PartnerService.IssuedCredential cred = partners.issueCredential("shop", Set.of("merchant"), "test");
            assertThat(partners.authenticateToken(cred.token())).hasValueSatisfying(p -> assertThat(p.partnerId()).isEqualTo("shop"));
            assertThat(partners.authenticateToken(cred.keyId() + ".wrong")).isEmpty();

            users.createUser("+8613800001111", "Wang", "test");
            UserService.Card card = users.issueCard("04AABBCCDDEEFF", "CNY", "test");
            users.bindCard("04AABBCCDDEEFF", "+8613800001111", "test");
            String first = ledger.topUp(card.accountId(), 5000, "k1", "test");
            assertThat(ledger.topUp(card.accountId(), 5000, "k1", "test")).isEqualTo(first);
            assertThat(ledger.find(card.accountId()).orElseThrow().balanceMinor()).isEqualTo(5000);
            assertThat(ledger.trialBalance()).isZero();
            writes.catchUp();
            List<Long> lineNumbers = database.jdbi().withHandle(h -> h.createQuery("SELECT line_no FROM ledger_entry WHERE txn_id = ?"
                    + " ORDER BY line_no").bind(0, first).mapTo(Long.class).list());
            assertThat(lineNumbers).as("the top-up's lines, numbered").containsExactly(1L, 2L);
            assertThatThrownBy(() -> database.jdbi().useHandle(h -> h.execute("INSERT INTO ledger_entry(txn_id, line_no, account_id,"
                    + " amount_minor, created_at) SELECT txn_id, line_no, account_id, amount_minor, created_at FROM ledger_entry"
                    + " WHERE txn_id = ? AND line_no = 1", first)))
                    .as("a line posted again (a replayed batch) is a unique violation the replay skips")
                    .hasMessageContaining("ledger_txn_line");

            ReaderRegistry.Registration reg = readers.register("R-1", "shop", "till", "test");
            assertThat(readers.resolve("R-1")).hasValueSatisfying(k -> assertThat(k.enabled()).isTrue());
            assertThat(readers.advance("R-1", 10)).isTrue();
            assertThat(readers.advance("R-1", 10)).as("replayed sequence").isFalse();
            assertThat(readers.advance("R-1", 9)).isFalse();
            assertThat(readers.advance("R-1", 11)).isTrue();
            writes.everyBatch(readers.sequenceWriter());
            writes.execute(batch -> null); // the next batch carries the reader's new sequence number
            long storedSequence = database.jdbi().withHandle(h -> h.createQuery("SELECT last_sequence FROM reader WHERE reader_id = 'R-1'")
                    .mapTo(Long.class).one());
            assertThat(storedSequence).as("sequence stored with the batch").isEqualTo(11L);
            String stored = database.jdbi().withHandle(h -> h.createQuery("SELECT key_encrypted FROM reader WHERE reader_id = 'R-1'")
                    .mapTo(String.class).one());
            assertThat(stored).as("key is stored sealed").doesNotContainIgnoringCase(reg.keyHex());

            assertThatThrownBy(() -> users.issueCard("04AABBCCDDEEFF", "CNY", "test")).isInstanceOf(DomainError.class);
            assertThat(audit.recent(50)).extracting(m -> m.get("action")).contains("partner.create", "card.bind", "reader.register");
            writes.close();
        }
    }
}
