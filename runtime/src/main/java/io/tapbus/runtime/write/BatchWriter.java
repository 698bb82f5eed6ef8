package io.tapbus.runtime.write;

import io.tapbus.runtime.domain.DomainError;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer thread's storage side: applies a batch of units on the writer's connection, makes it
 * durable (one journal record, or the tables committed and synced), falls back to one unit at a time
 * when the batch cannot be stored, and answers the callers on the reply thread.
 */
final class BatchWriter implements AutoCloseable {
    /** Logs under the write path's name (the name its messages have always had). */
    private static final Logger LOG = LoggerFactory.getLogger(WritePath.class);

    private final ExecutorService replies = Executors.newSingleThreadExecutor(r -> WritePath.named(r, "write-path-replies"));
    private final WriteMetrics metrics;
    private final List<BatchContributor> contributors;
    private final Supplier<WritePath.Durability> durability;
    private final Journal journal;
    /** Writes the journal into the tables behind the answers (null without a journal). */
    private final Projection projection;
    /** The last batch appended to the journal (set before its callers are answered; read by {@link #tablesBehind}). */
    private volatile long lastJournaled;

    private final TableConnection tables;
    private Connection connection;
    private Handle handle;
    private Map<String, PreparedStatement> statements;
    private long nextSeq;

    /**
     * Opens the writer's connection and the journal (if any) and replays into the tables what the journal
     * holds beyond them.
     *
     * @param journalDir where the journal lives, or null to make every batch durable in the database
     */
    BatchWriter(DataSource dataSource, Path journalDir, Supplier<WritePath.Durability> durability,
                List<BatchContributor> contributors, WriteMetrics metrics) throws IOException, SQLException {
        this.tables = new TableConnection(dataSource);
        this.durability = durability;
        this.contributors = contributors;
        this.metrics = metrics;
        this.journal = journalDir == null ? null : new Journal(journalDir);
        ensureConnection();
        long applied = JournalReplay.replay(connection, statements, journal, durability.get());
        nextSeq = applied + 1;
        this.lastJournaled = applied;
        this.projection = journal == null ? null : new Projection(dataSource, journal, applied, durability, metrics);
        if (projection != null) {
            metrics.lagOf(projection::pendingRows);
        }
    }

    /** Whether answered changes are still on their way from the journal into the tables. */
    boolean tablesBehind() {
        return projection != null && projection.appliedSeq() < lastJournaled;
    }

    /** Journaled batches the tables refused (each one an alarm: see the journal's dead-letter folder). */
    long deadLetters() {
        return projection == null ? 0 : projection.deadLetters();
    }

    /** Back-pressure: the tables may lag behind the journal, but not without bound. */
    void holdBackWhenTablesLag() {
        if (projection != null && projection.pendingRows() > 500_000) {
            projection.awaitApplied(lastJournaled - 1);
        }
    }

    /** Applies, stores and answers one batch (or, with no units, only the contributors' rows). */
    void write(List<Pending<?>> units) {
        long start = System.nanoTime();
        Object[] results = new Object[units.size()];
        Throwable[] errors = new Throwable[units.size()];
        long seq = nextSeq++;
        Batch batch;
        try {
            batch = apply(units, results, errors);
            List<Row> rows = batch.finish(contributors);
            long durableStart = System.nanoTime();
            if (journal == null || batch.direct()) {
                metrics.direct();
                Row.executeAll(connection, statements, rows); // (a direct unit waited for the tables to catch up)
                Projection.markApplied(connection, statements, seq);
                durability.get().commitAndSync(connection);
            } else {
                if (batch.tablesRequired()) {
                    projection.awaitApplied(lastJournaled);
                }
                if (!rows.isEmpty()) {
                    durability.get().beforeJournal();
                    journal.append(seq, rows);
                    lastJournaled = seq;
                    projection.add(new Journal.Entry(seq, rows));
                }
            }
            metrics.batch(units.size(), rows.size(), System.nanoTime() - durableStart);
        } catch (SQLException | IOException | RuntimeException e) {
            rollback();
            if (units.size() > 1) {
                LOG.warn("write path: a batch of {} could not be stored ({}); writing its units one by one", units.size(), Failures.describe(e));
                for (Pending<?> p : units) {
                    write(List.of(p));
                }
            } else if (units.size() == 1) {
                failAlone(units.get(0), e);
            } else {
                LOG.warn("write path: contributed rows could not be stored: {}", Failures.describe(e));
            }
            return;
        }
        batch.publish();
        long done = System.nanoTime();
        for (int i = 0; i < units.size(); i++) {
            Pending<?> p = units.get(i);
            metrics.waited(done - p.queuedNanos());
            if (errors[i] != null) {
                fail(p, errors[i]);
            } else {
                answer(p, results[i]);
            }
        }
        metrics.cycle(done - start);
    }

    private void failAlone(Pending<?> unit, Throwable e) {
        if ("23505".equals(Failures.sqlState(e))) {
            fail(unit, new DomainError(DomainError.Code.DUPLICATE, "a record with the same key exists"));
        } else {
            LOG.error("write path: a change could not be stored: {}", Failures.describe(e));
            fail(unit, e instanceof StorageUnavailable su ? su : new StorageUnavailable(Failures.describe(e), e));
        }
    }

    private Batch apply(List<Pending<?>> units, Object[] results, Throwable[] errors) throws SQLException {
        ensureConnection();
        Batch batch = new Batch(connection, handle, statements, this::catchUpInBatch);
        for (int i = 0; i < units.size(); i++) {
            batch.beginUnit();
            try {
                results[i] = units.get(i).unit().apply(batch);
                batch.endUnit(true);
            } catch (Exception e) {
                batch.endUnit(false);
                errors[i] = Failures.storageFailure(e) ? new StorageUnavailable(Failures.describe(e), e) : e;
            }
        }
        return batch;
    }

    /** Before a unit reads the tables: every journaled change is in them. */
    private void catchUpInBatch() {
        if (projection != null) {
            projection.awaitApplied(lastJournaled);
        }
    }

    /** The writer's connection, with a Jdbi handle on it for units that read (renewed with the connection). */
    private void ensureConnection() throws SQLException {
        Connection current = tables.get();
        if (current != connection) {
            connection = current;
            statements = tables.statements();
            Jdbi onWriterConnection = Jdbi.create(connection);
            onWriterConnection.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
            handle = onWriterConnection.open();
        }
    }

    /** Rolls back the writer's transaction (replacing the connection if even that fails). */
    void rollback() {
        if (!tables.rollback()) {
            LOG.warn("write path: rollback failed; the writer's connection is replaced");
        }
    }

    @SuppressWarnings("unchecked")
    private void answer(Pending<?> p, Object result) {
        replies.execute(() -> ((CompletableFuture<Object>) p.answer()).complete(result));
    }

    private void fail(Pending<?> p, Throwable error) {
        replies.execute(() -> p.answer().completeExceptionally(error));
    }

    /** Stops the tables' thread and the reply thread, then closes the journal and the connection. */
    @Override
    public void close() {
        if (projection != null) {
            projection.close();
        }
        replies.shutdown();
        try {
            replies.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (journal != null) {
                journal.close();
            }
        } catch (IOException ignored) {
            // closing at stop
        }
        tables.close();
    }
}
