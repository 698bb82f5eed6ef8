package io.tapbus.runtime.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The write path on its own, against an H2 database: batching, state, failures. */
class WritePathTest {
    private HikariDataSource ds;
    private Jdbi jdbi;
    private WritePath writes;
    private WriteMetrics metrics;
    private StateTable<String, Long> balances;
    private final Path journal;

    /** Every test runs with a journal (the embedded default) and without one (the cluster profile). */
    WritePathTest() throws java.io.IOException {
        journal = Files.createTempDirectory(Path.of("target"), "journal");
    }

    @BeforeEach
    void open() {
        ds = new HikariDataSource();
        ds.setJdbcUrl("jdbc:h2:mem:wp" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        jdbi = Jdbi.create(ds);
        jdbi.useHandle(h -> h.execute("CREATE TABLE bal(id VARCHAR(10) PRIMARY KEY, v BIGINT); CREATE TABLE line(id VARCHAR(10), v BIGINT);"
                + " INSERT INTO bal VALUES ('a', 100); CREATE TABLE write_journal(id INT PRIMARY KEY, applied_seq BIGINT NOT NULL);"
                + " INSERT INTO write_journal VALUES (1, 0)"));
        metrics = new WriteMetrics(new SimpleMeterRegistry());
        writes = new WritePath(ds, WritePath.forUrl("jdbc:h2:mem:"), journal, 1024, 10_000, metrics);
        balances = new StateTable<>("bal", jdbi, (h, id) -> h.createQuery("SELECT v FROM bal WHERE id = ?").bind(0, id)
                .mapTo(Long.class).findOne().orElse(null),
                (batch, id, v, exists) -> batch.stage(exists ? "UPDATE bal SET v = ? WHERE id = ?" : "INSERT INTO bal(v, id) VALUES (?, ?)", v, id));
    }

    @AfterEach
    void close() {
        writes.close();
        ds.close();
    }

    /** Takes {@code amount} from account a: refused (IllegalStateException) when it would go below zero. */
    private WriteUnit<Long> spend(long amount) {
        return batch -> {
            long now = batch.state(balances, "a");
            if (now < amount) {
                throw new IllegalStateException("insufficient");
            }
            batch.put(balances, "a", now - amount);
            batch.stage("INSERT INTO line(id, v) VALUES (?, ?)", "a", -amount);
            return now - amount;
        };
    }

    private long stored(String sql) {
        writes.catchUp();
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void manyWaitingUnitsShareOneBatchAndTheStateNeverGoesNegative() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        CompletableFuture<Object> blocker = writes.submit(batch -> {
            hold.await(5, TimeUnit.SECONDS); // keeps the writer busy while the others queue up
            return null;
        });
        List<CompletableFuture<Long>> spends = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            spends.add(writes.submit(spend(5)));
        }
        hold.countDown();
        blocker.get(5, TimeUnit.SECONDS);
        long batchesBefore = metrics.batches();
        int approved = 0;
        int refused = 0;
        for (CompletableFuture<Long> f : spends) {
            try {
                f.get(5, TimeUnit.SECONDS);
                approved++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).hasMessage("insufficient");
                refused++;
            }
        }
        assertThat(approved).isEqualTo(20);
        assertThat(refused).isEqualTo(10);
        assertThat(stored("SELECT v FROM bal WHERE id = 'a'")).isZero();
        assertThat(stored("SELECT COUNT(*) FROM line")).as("a refused unit leaves no row").isEqualTo(20);
        assertThat(batchesBefore).as("31 units in far fewer batches").isLessThanOrEqualTo(3);
        assertThat(balances.read("a")).isZero();
    }

    @Test
    void afterAnAnswerCatchUpAlwaysSeesItsRowsEvenWhileOtherThreadsWrite() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.concurrent.atomic.AtomicInteger misses = new java.util.concurrent.atomic.AtomicInteger();
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        String id = thread + "-" + i;
                        writes.execute(batch -> {
                            batch.stage("INSERT INTO line(id, v) VALUES (?, ?)", id, 1L);
                            return null;
                        });
                        writes.catchUp(); // read-your-writes: the answered row must be in the table now
                        if (stored("SELECT COUNT(*) FROM line WHERE id = '" + id + "'") != 1) {
                            misses.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(misses.get()).as("answered rows a catch-up did not wait for").isZero();
        assertThat(stored("SELECT COUNT(*) FROM line")).isEqualTo(600);
    }

    @Test
    void aFailingCommitAnswersUnavailableAppliesNothingAndTheWriterGoesOn() throws Exception {
        WritePath.Durability healthy = writes.durability(new WritePath.Durability() {
            @Override
            public void commitAndSync(java.sql.Connection c) throws SQLException {
                throw new SQLException("No space left on device", "HY000");
            }

            @Override
            public void beforeJournal() throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }
        });
        assertThatThrownBy(() -> writes.execute(spend(30))).isInstanceOf(StorageUnavailable.class)
                .hasMessageContaining("nothing was applied");
        assertThat(balances.read("a")).as("the state did not move").isEqualTo(100);
        writes.durability(healthy);
        assertThat(stored("SELECT v FROM bal WHERE id = 'a'")).isEqualTo(100);
        assertThat(writes.execute(spend(30))).isEqualTo(70);
        assertThat(stored("SELECT COUNT(*) FROM line")).isEqualTo(1);
    }

    @Test
    void aUnitThatBreaksItsBatchFailsAloneAndTheOthersAreStored() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        writes.submit(batch -> {
            hold.await(5, TimeUnit.SECONDS);
            return null;
        });
        CompletableFuture<Long> first = writes.submit(spend(10));
        CompletableFuture<Object> broken = writes.submit(batch -> {
            batch.stage("INSERT INTO no_such_table VALUES (1)");
            return null;
        });
        CompletableFuture<Long> last = writes.submit(spend(10));
        hold.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(90);
        assertThat(last.get(5, TimeUnit.SECONDS)).isEqualTo(80);
        assertThatThrownBy(() -> broken.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(StorageUnavailable.class);
        assertThat(stored("SELECT v FROM bal WHERE id = 'a'")).isEqualTo(80);
    }

    @Test
    void journaledBatchesTheTablesMissedAreReplayedAtStartAndATornRecordIsIgnored() throws Exception {
        writes.close();
        Path crashed = Files.createTempDirectory(Path.of("target"), "crashed");
        try (Journal j = new Journal(crashed)) { // what a bus killed before its tables caught up leaves behind
            j.append(7, List.of(new Row("INSERT INTO line(id, v) VALUES (?, ?)", new Object[] {"a", -10L}),
                    new Row("UPDATE bal SET v = ? WHERE id = ?", new Object[] {90L, "a"})));
            j.append(8, List.of(new Row("INSERT INTO line(id, v) VALUES (?, ?)", new Object[] {"a", -10L}),
                    new Row("UPDATE bal SET v = ? WHERE id = ?", new Object[] {80L, "a"})));
        }
        try (var files = Files.list(crashed)) {
            Path file = files.filter(f -> f.getFileName().toString().startsWith("journal-")).findFirst().orElseThrow();
            Files.write(file, new byte[] {0, 0, 0, 40, 1, 2, 3}, java.nio.file.StandardOpenOption.APPEND); // torn by the crash
        }
        writes = new WritePath(ds, WritePath.forUrl("jdbc:h2:mem:"), crashed, 1024, 10_000, metrics);
        assertThat(stored("SELECT COUNT(*) FROM line")).as("both batches replayed, once").isEqualTo(2);
        assertThat(stored("SELECT v FROM bal WHERE id = 'a'")).isEqualTo(80);
        assertThat(stored("SELECT applied_seq FROM write_journal")).isGreaterThanOrEqualTo(8);
        writes.close();
        writes = new WritePath(ds, WritePath.forUrl("jdbc:h2:mem:"), crashed, 1024, 10_000, metrics);
        assertThat(stored("SELECT COUNT(*) FROM line")).as("a second start replays nothing again").isEqualTo(2);
    }

    @Test
    void manyBatchesFollowedIntoTheTablesTogetherEndWithTheLastValueOfEachRowAndEveryLine() throws Exception {
        List<CompletableFuture<Long>> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            all.add(writes.submit(spend(i % 4 == 1 ? 1 : 0)));
            if (i % 3 == 0) {
                writes.execute(spend(0)); // one batch at a time now and then: the tables follow several per commit
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(stored("SELECT v FROM bal WHERE id = 'a'")).as("the balance row's last update wins").isEqualTo(25);
        assertThat(stored("SELECT COUNT(*) FROM line")).isEqualTo(400);
    }

    @Test
    void aReplayedBatchTheTablesAlreadyHoldIsNotAppliedTwice() throws Exception {
        writes.close();
        jdbi.useHandle(h -> h.execute("CREATE TABLE once(k VARCHAR(10) PRIMARY KEY); INSERT INTO once VALUES ('x');"
                + " UPDATE bal SET v = 55 WHERE id = 'a'"));
        Path crashed = Files.createTempDirectory(Path.of("target"), "crashed");
        try (Journal j = new Journal(crashed)) { // batch 3 reached the tables, the position did not (applied_seq is 0)
            j.append(3, List.of(new Row("INSERT INTO once(k) VALUES (?)", new Object[] {"x"}),
                    new Row("UPDATE bal SET v = ? WHERE id = ?", new Object[] {55L, "a"})));
            j.append(4, List.of(new Row("INSERT INTO once(k) VALUES (?)", new Object[] {"y"})));
        }
        writes = new WritePath(ds, WritePath.forUrl("jdbc:h2:mem:"), crashed, 1024, 10_000, metrics);
        assertThat(stored("SELECT COUNT(*) FROM once")).as("batch 3's insert not repeated, batch 4 applied").isEqualTo(2);
        assertThat(stored("SELECT v FROM bal WHERE id = 'a'")).as("an absolute update written again changes nothing").isEqualTo(55);
        assertThat(stored("SELECT applied_seq FROM write_journal")).isEqualTo(4);
    }

    @Test
    void aJournaledBatchTheTablesRefuseGoesToTheDeadLettersAndTheOthersFollow() throws Exception {
        jdbi.useHandle(h -> h.execute("CREATE TABLE once(k VARCHAR(10) PRIMARY KEY)"));
        writes.execute(batch -> {
            batch.stage("INSERT INTO once(k) VALUES (?)", "x");
            return null;
        });
        writes.execute(batch -> {
            batch.stage("INSERT INTO once(k) VALUES (?)", "x"); // only the tables know the key is taken
            return null;
        });
        assertThat(writes.execute(spend(10))).isEqualTo(90);
        assertThat(stored("SELECT COUNT(*) FROM once")).isEqualTo(1);
        assertThat(stored("SELECT COUNT(*) FROM line")).as("batches behind the refused one reach the tables").isEqualTo(1);
        assertThat(writes.deadLetters()).isEqualTo(1);
        try (var files = Files.list(journal.resolve("dead-letters"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).anyMatch(n -> n.endsWith(".reason.txt"));
        }
    }

    @Test
    void withoutAJournalAUniqueKeyMetAgainIsADuplicateNotAnOutage() {
        writes.close();
        writes = new WritePath(ds, WritePath.forUrl("jdbc:h2:mem:"), null, 1024, 10_000, metrics);
        jdbi.useHandle(h -> h.execute("CREATE TABLE once(k VARCHAR(10) PRIMARY KEY)"));
        writes.execute(batch -> {
            batch.stage("INSERT INTO once(k) VALUES (?)", "x");
            return null;
        });
        assertThatThrownBy(() -> writes.execute(batch -> {
            batch.stage("INSERT INTO once(k) VALUES (?)", "x");
            return null;
        })).isInstanceOfSatisfying(io.tapbus.runtime.domain.DomainError.class,
                e -> assertThat(e.code()).isEqualTo(io.tapbus.runtime.domain.DomainError.Code.DUPLICATE));
    }
}
