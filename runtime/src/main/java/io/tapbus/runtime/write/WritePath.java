package io.tapbus.runtime.write;

import io.tapbus.runtime.domain.DomainError;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one durable write path. Every change that moves money or state is a {@link WriteUnit} handed to
 * this single writer, which takes whatever units are waiting (up to a batch limit), applies them in
 * order against the state it owns, and makes the whole batch durable with one write and one sync before
 * it answers any of them (group commit). No request waits for a row lock, and the state that decides is
 * never read back from the database per request.
 *
 * <p>With a journal (the embedded default) a batch is one record appended to the journal and forced to
 * the disk; the tables are written from the journal behind the answers ({@link Projection}), in large
 * transactions, and brought up to date before anyone reads them through {@link #catchUp()}. Without one
 * (PostgreSQL in a cluster) and for batches whose units wrote directly through the database handle, the
 * batch is written into the tables, committed and synced.
 *
 * <p>If a batch cannot be stored, its state changes are dropped and each unit is tried once more on its
 * own, so one bad unit fails alone; when storage itself fails (a full disk), every caller gets
 * {@link StorageUnavailable} and nothing is answered as done.
 */
public final class WritePath implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WritePath.class);
    private static final long SYNC_TABLES_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** The storage seam: how a batch becomes durable. Tests inject faults here (a full disk). */
    public interface Durability {
        /** Commits the database transaction and makes it durable. */
        void commitAndSync(Connection connection) throws SQLException;

        /** Called before each journal record is written; throws when the journal's disk cannot take it. */
        default void beforeJournal() throws IOException {
        }
    }

    private record Pending<R>(WriteUnit<R> unit, CompletableFuture<R> answer, long queuedNanos) {}

    private final int maxBatch;
    private final BlockingQueue<Pending<?>> queue;
    private final ExecutorService replies = Executors.newSingleThreadExecutor(r -> named(r, "write-path-replies"));
    private final Thread writer;
    private final WriteMetrics metrics;
    private final List<BatchContributor> contributors = new CopyOnWriteArrayList<>();
    private final Journal journal;
    /** Writes the journal into the tables behind the answers (null without a journal). */
    private final Projection projection;
    /** The last batch appended to the journal. */
    private long lastJournaled;
    private volatile Durability durability;
    private volatile boolean running = true;

    private final TableConnection tables;
    private Connection connection;
    private Handle handle;
    private Map<String, PreparedStatement> statements;
    private long nextSeq;

    /**
     * @param journalDir where the journal lives, or null to make every batch durable in the database
     */
    public WritePath(DataSource dataSource, Durability durability, Path journalDir, int maxBatch, int queueCapacity,
                     WriteMetrics metrics) {
        this.tables = new TableConnection(dataSource);
        this.durability = durability;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.metrics = metrics;
        try {
            this.journal = journalDir == null ? null : new Journal(journalDir);
            ensureConnection();
            long applied = JournalReplay.replay(connection, statements, journal, durability);
            nextSeq = applied + 1;
            this.lastJournaled = applied;
            this.projection = journal == null ? null : new Projection(dataSource, journal, applied, () -> this.durability, metrics);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("the write path cannot start: " + Failures.describe(e), e);
        }
        if (projection != null) {
            metrics.lagOf(projection::pendingRows);
        }
        this.writer = named(this::run, "write-path");
        writer.start();
    }

    /** Commit, then the engine's own sync: {@code CHECKPOINT SYNC} forces H2's file to disk (fsync). */
    public static Durability forUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return c -> {
                c.commit();
                try (Statement s = c.createStatement()) {
                    s.execute("CHECKPOINT SYNC");
                }
            };
        }
        return Connection::commit; // PostgreSQL: the commit returns after the WAL is flushed (synchronous_commit=on)
    }

    /** Replaces the storage seam (fault injection in tests); returns the previous one. */
    public Durability durability(Durability replacement) {
        Durability old = durability;
        durability = replacement;
        return old;
    }

    /** Adds state whose rows ride along with every batch. */
    public void everyBatch(BatchContributor contributor) {
        contributors.add(contributor);
    }

    /** Queues a unit; the answer completes (on the reply thread) once its batch is durable. */
    public <R> CompletableFuture<R> submit(WriteUnit<R> unit) {
        CompletableFuture<R> answer = new CompletableFuture<>();
        if (!running) {
            answer.completeExceptionally(new StorageUnavailable("the bus is stopping", null));
        } else if (!queue.offer(new Pending<>(unit, answer, System.nanoTime()))) {
            metrics.refused();
            answer.completeExceptionally(new StorageUnavailable("the write queue is full", null));
        }
        return answer;
    }

    /** Submits and waits (for callers that are not asynchronous themselves). */
    public <R> R execute(WriteUnit<R> unit) {
        try {
            return submit(unit).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new StorageUnavailable("no durable answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailable("interrupted", e);
        }
    }

    /**
     * Returns once every change answered so far is in the tables (read-your-writes for readers of the
     * tables: the REST API, the answer to a retry).
     */
    public void catchUp() {
        if (projection != null && projection.pendingRows() > 0) {
            execute(batch -> {
                batch.requireTables();
                return null;
            });
        }
    }

    public int queued() {
        return queue.size();
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                }
                if (!batch.isEmpty() || contributors.stream().anyMatch(BatchContributor::pending)) {
                    write(batch);
                }
                batch.clear();
                if (projection != null && projection.pendingRows() > 500_000) {
                    projection.awaitApplied(lastJournaled - 1); // back-pressure: the tables may lag, but not without bound
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Throwable e) {
                // the writer must never die: every caller of the batch gets an answer, and the loop goes on
                LOG.error("write path: unexpected failure, batch of {} answered as unavailable", batch.size(), e);
                for (Pending<?> p : batch) {
                    p.answer().completeExceptionally(new StorageUnavailable("internal failure", e));
                }
                batch.clear();
                rollback();
            }
        }
    }

    private void write(List<Pending<?>> units) {
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
                Row.executeAll(connection, statements, rows); // (a direct unit waited for the tables to catch up)
                Projection.markApplied(connection, statements, seq);
                durability.commitAndSync(connection);
            } else {
                if (batch.tablesRequired()) {
                    projection.awaitApplied(lastJournaled);
                }
                if (!rows.isEmpty()) {
                    durability.beforeJournal();
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

    /** Journaled batches the tables refused (each one an alarm: see the journal's dead-letter folder). */
    public long deadLetters() {
        return projection == null ? 0 : projection.deadLetters();
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

    private void rollback() {
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

    private static Thread named(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
