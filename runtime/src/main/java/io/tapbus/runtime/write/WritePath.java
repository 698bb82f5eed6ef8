package io.tapbus.runtime.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import io.tapbus.runtime.domain.DomainError;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one durable write path. Every change that moves money or state is a {@link WriteUnit} handed to
 * this single writer, which takes whatever units are waiting (up to a batch limit), applies them in
 * order against the state it owns, writes their rows with one JDBC batch per statement, commits once
 * and syncs once, and only then answers every caller of the batch. Many requests share one durable
 * write (group commit); no request waits for a row lock; the state that decides is never read back
 * from the database per request.
 *
 * <p>If a batch cannot be stored, its state changes are dropped and each unit is tried once more on its
 * own, so one bad unit fails alone; when storage itself fails (a full disk), every caller gets
 * {@link StorageUnavailable} and nothing is answered as done.
 */
public final class WritePath implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WritePath.class);

    /** The storage seam: what runs between the batch's statements and its answers. Tests inject faults here. */
    @FunctionalInterface
    public interface Durability {
        void commitAndSync(Connection connection) throws SQLException;
    }

    private record Pending<R>(WriteUnit<R> unit, CompletableFuture<R> answer, long queuedNanos) {}

    private final DataSource dataSource;
    private final int maxBatch;
    private final BlockingQueue<Pending<?>> queue;
    private final ExecutorService replies = Executors.newSingleThreadExecutor(r -> named(r, "write-path-replies"));
    private final Thread writer;
    private final WriteMetrics metrics;
    private volatile Durability durability;
    private volatile boolean running = true;

    private Connection connection;
    private Handle handle;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final List<BatchContributor> contributors = new java.util.concurrent.CopyOnWriteArrayList<>();

    public WritePath(DataSource dataSource, Durability durability, int maxBatch, int queueCapacity, WriteMetrics metrics) {
        this.dataSource = dataSource;
        this.durability = durability;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.metrics = metrics;
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
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Throwable e) {
                // the writer must never die: every caller of the batch gets an answer, and the loop goes on
                LOG.error("write path: unexpected failure, batch of {} answered as unavailable", batch.size(), e);
                for (Pending<?> p : batch) {
                    p.answer().completeExceptionally(new StorageUnavailable("internal failure", e));
                }
                rollback();
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending<?>> units) {
        long start = System.nanoTime();
        Object[] results = new Object[units.size()];
        Throwable[] errors = new Throwable[units.size()];
        Batch batch;
        try {
            batch = apply(units, results, errors);
            long flushStart = System.nanoTime();
            batch.flush(contributors);
            durability.commitAndSync(connection);
            metrics.batch(units.size(), batch.stagedRows(), System.nanoTime() - flushStart);
        } catch (SQLException | RuntimeException e) {
            rollback();
            if (units.isEmpty()) {
                LOG.warn("write path: contributed rows could not be stored: {}", describe(e));
            } else if (units.size() > 1) {
                LOG.warn("write path: a batch of {} could not be stored ({}); writing its units one by one", units.size(), describe(e));
                for (Pending<?> p : units) {
                    write(List.of(p));
                }
            } else {
                String state = sqlState(e);
                if ("23505".equals(state)) {
                    fail(units.get(0), new DomainError(DomainError.Code.DUPLICATE, "a record with the same key exists"));
                } else {
                    LOG.error("write path: a change could not be stored: {}", describe(e));
                    fail(units.get(0), e instanceof StorageUnavailable su ? su : new StorageUnavailable(describe(e), e));
                }
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

    private Batch apply(List<Pending<?>> units, Object[] results, Throwable[] errors) throws SQLException {
        ensureConnection();
        Batch batch = new Batch(connection, handle, statements);
        for (int i = 0; i < units.size(); i++) {
            batch.beginUnit();
            try {
                results[i] = units.get(i).unit().apply(batch);
                batch.endUnit(true);
            } catch (Exception e) {
                batch.endUnit(false);
                errors[i] = storageFailure(e) ? new StorageUnavailable(describe(e), e) : e;
            }
        }
        return batch;
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** A unit that failed because the database did (not because of a business fact) is a storage failure. */
    private static boolean storageFailure(Throwable e) {
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

    private void ensureConnection() throws SQLException {
        if (connection != null && !connection.isClosed()) {
            return;
        }
        connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        Jdbi onWriterConnection = Jdbi.create(connection);
        onWriterConnection.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        handle = onWriterConnection.open();
        statements.clear();
    }

    private void rollback() {
        try {
            if (connection != null) {
                connection.rollback();
            }
        } catch (SQLException e) {
            LOG.warn("write path: rollback failed ({}); reconnecting", describe(e));
            closeConnection();
        }
    }

    private void closeConnection() {
        statements.clear();
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // the connection is being replaced
        }
        connection = null;
    }

    @SuppressWarnings("unchecked")
    private void answer(Pending<?> p, Object result) {
        replies.execute(() -> ((CompletableFuture<Object>) p.answer()).complete(result));
    }

    private void fail(Pending<?> p, Throwable error) {
        replies.execute(() -> p.answer().completeExceptionally(error));
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
        replies.shutdown();
        try {
            replies.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
