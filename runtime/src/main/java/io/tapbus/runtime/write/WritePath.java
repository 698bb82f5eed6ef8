package io.tapbus.runtime.write;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
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
 *
 * <p>This class holds the queue, the writer thread and the storage seam; {@link BatchWriter} does the
 * writer's work on each batch.
 */
public final class WritePath implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WritePath.class);

    /** The storage seam: how a batch becomes durable. Tests inject faults here (a full disk). */
    public interface Durability {
        /** Commits the database transaction and makes it durable. */
        void commitAndSync(Connection connection) throws SQLException;

        /** Called before each journal record is written; throws when the journal's disk cannot take it. */
        default void beforeJournal() throws IOException {
        }
    }

    private final int maxBatch;
    private final BlockingQueue<Pending<?>> queue;
    private final Thread writer;
    private final WriteMetrics metrics;
    private final List<BatchContributor> contributors = new CopyOnWriteArrayList<>();
    /** The writer thread's storage side: connection, journal, tables behind it, replies. */
    private final BatchWriter batches;
    private volatile Durability durability;
    private volatile boolean running = true;

    /**
     * @param journalDir where the journal lives, or null to make every batch durable in the database
     */
    public WritePath(DataSource dataSource, Durability durability, Path journalDir, int maxBatch, int queueCapacity,
                     WriteMetrics metrics) {
        this.durability = durability;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.metrics = metrics;
        try {
            this.batches = new BatchWriter(dataSource, journalDir, () -> this.durability, contributors, metrics);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("the write path cannot start: " + Failures.describe(e), e);
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
        if (batches.tablesBehind()) {
            execute(batch -> {
                batch.requireTables();
                return null;
            });
        }
    }

    public int queued() {
        return queue.size();
    }

    /** Journaled batches the tables refused (each one an alarm: see the journal's dead-letter folder). */
    public long deadLetters() {
        return batches.deadLetters();
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
                    batches.write(batch);
                }
                batch.clear();
                batches.holdBackWhenTablesLag();
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
                batches.rollback();
            }
        }
    }

    static Thread named(Runnable r, String name) {
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
        batches.close();
    }
}
