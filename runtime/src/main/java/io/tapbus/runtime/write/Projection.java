package io.tapbus.runtime.write;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes journaled batches into the tables, behind the answers, on a thread and a connection of its
 * own: whole batches per transaction, as many as are waiting, with the journal position
 * ({@code write_journal.applied_seq}) in the same transaction, so a replay after a crash applies exactly
 * the batches that are missing. Once a second the tables are synced and the journal files they cover
 * are dropped. A batch the tables refuse (a constraint) goes to the journal's dead letters with the
 * reason, so the batches behind it are not held up.
 */
final class Projection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Projection.class);
    private static final long SYNC_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int MAX_ROWS_PER_TRANSACTION = 4096;
    /**
     * How long the tables wait for more batches before a commit when they keep up (H2 writes a chunk per commit, about
     * half of this thread's time): a few ms more lag for many fewer commits. Cut short when someone waits for them.
     */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(Long.getLong("tapbus.write.tables-linger-ms", 10));

    private final Journal journal;
    private final WriteMetrics metrics;
    private final java.util.function.Supplier<WritePath.Durability> durability;
    private final LinkedBlockingQueue<Journal.Entry> pending = new LinkedBlockingQueue<>();
    private final Object progress = new Object();
    private final Thread thread;
    /** Changed by the writer (added) and the tables' thread (applied): atomic, or the count drifts. */
    private final java.util.concurrent.atomic.AtomicInteger pendingRows = new java.util.concurrent.atomic.AtomicInteger();
    private volatile long appliedSeq;
    private volatile long deadLetters;
    private volatile boolean running = true;
    /** Threads in {@link #awaitApplied}: the tables do not linger while anyone waits for them. */
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
    private final TableConnection tables;
    private long lastSync = System.nanoTime();
    private boolean unsynced;

    Projection(DataSource dataSource, Journal journal, long appliedSeq, java.util.function.Supplier<WritePath.Durability> durability,
               WriteMetrics metrics) {
        this.tables = new TableConnection(dataSource);
        this.journal = journal;
        this.appliedSeq = appliedSeq;
        this.durability = durability;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "write-path-tables");
        thread.setDaemon(true);
        thread.start();
    }

    void add(Journal.Entry entry) {
        pendingRows.addAndGet(entry.rows().size());
        pending.add(entry);
    }

    /** Rows journaled but not yet in the tables (the read side's lag). */
    int pendingRows() {
        return pendingRows.get();
    }

    /** The last journaled batch the tables hold (committed). */
    long appliedSeq() {
        return appliedSeq;
    }

    long deadLetters() {
        return deadLetters;
    }

    /** Waits until every batch up to {@code seq} is in the tables (committed). */
    void awaitApplied(long seq) {
        if (appliedSeq >= seq) {
            return;
        }
        waiting.incrementAndGet();
        try {
            awaitAppliedWaiting(seq);
        } finally {
            waiting.decrementAndGet();
        }
    }

    private void awaitAppliedWaiting(long seq) {
        synchronized (progress) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (appliedSeq < seq) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !running) {
                    throw new StorageUnavailable("the tables are not keeping up with the journal", null);
                }
                try {
                    progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StorageUnavailable("interrupted", e);
                }
            }
        }
    }

    private void run() {
        List<Journal.Entry> work = new ArrayList<>();
        while (running || !pending.isEmpty()) {
            try {
                Journal.Entry first = pending.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    work.add(first);
                    gather(work, first.rows().size());
                    write(work);
                    work.clear();
                }
                syncIfDue(false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                LOG.error("write path: the tables could not take journaled batches ({}); retrying", Failures.describe(e));
                sleepQuietly();
            }
        }
        syncIfDue(true);
    }

    /** Adds waiting batches up to the transaction's size, lingering for more while no one waits for the tables. */
    private void gather(List<Journal.Entry> work, int rows) throws InterruptedException {
        long lingerUntil = System.nanoTime() + LINGER_NANOS;
        while (rows < MAX_ROWS_PER_TRANSACTION) {
            Journal.Entry next = pending.poll();
            if (next == null) {
                long left = lingerUntil - System.nanoTime();
                if (left <= 0 || waiting.get() > 0 || !running) {
                    return;
                }
                next = pending.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                if (next == null) {
                    continue;
                }
            }
            work.add(next);
            rows += next.rows().size();
        }
    }

    /** Writes the entries in one transaction; on a refusal, one by one, setting aside the ones refused. */
    private void write(List<Journal.Entry> entries) throws InterruptedException {
        while (true) {
            long start = System.nanoTime();
            try {
                Connection connection = tables.get();
                Row.executeAll(connection, tables.statements(), Coalescing.rows(entries));
                markApplied(connection, tables.statements(), entries.get(entries.size() - 1).seq());
                connection.commit();
                applied(entries);
                metrics.projected(System.nanoTime() - start);
                return;
            } catch (SQLException | RuntimeException e) {
                rollback();
                if (!refusedByTheTables(e)) {
                    LOG.warn("write path: the tables cannot take journaled batches yet ({}); they stay in the journal", Failures.describe(e));
                    sleepQuietly();
                    continue;
                }
                if (entries.size() > 1) {
                    for (Journal.Entry one : entries) {
                        write(List.of(one));
                    }
                    return;
                }
                setAside(entries.get(0), e);
                return;
            }
        }
    }

    private void applied(List<Journal.Entry> entries) {
        int rows = 0;
        for (Journal.Entry e : entries) {
            rows += e.rows().size();
        }
        unsynced = true;
        synchronized (progress) {
            pendingRows.addAndGet(-rows);
            appliedSeq = entries.get(entries.size() - 1).seq();
            progress.notifyAll();
        }
    }

    /** A batch the tables refuse: kept in the journal's dead letters with the reason, an alarm (it was answered). */
    private void setAside(Journal.Entry poisoned, Throwable why) {
        deadLetters++;
        LOG.error("write path: the tables refuse journaled batch {} ({}); kept in the journal's dead letters for an operator",
                poisoned.seq(), Failures.describe(why));
        try {
            journal.deadLetter(poisoned, Failures.describe(why));
            markApplied(tables.get(), tables.statements(), poisoned.seq());
            tables.get().commit();
        } catch (IOException | SQLException again) {
            LOG.error("write path: batch {} could not be set aside ({})", poisoned.seq(), Failures.describe(again));
            rollback();
        }
        applied(List.of(poisoned));
    }

    /** A constraint or statement error, not a storage failure: retrying the same rows will not help. */
    private static boolean refusedByTheTables(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("23") || state.startsWith("42") || state.startsWith("22");
            }
        }
        return false;
    }

    /** Once a second (and at stop): forces the tables to disk, then drops the journal files they cover. */
    private void syncIfDue(boolean now) {
        if (!unsynced || (!now && System.nanoTime() - lastSync < SYNC_EVERY_NANOS)) {
            return;
        }
        try {
            long synced = appliedSeq;
            durability.get().commitAndSync(tables.get());
            journal.forgetUpTo(synced);
            unsynced = false;
            lastSync = System.nanoTime();
        } catch (SQLException | IOException e) {
            LOG.warn("write path: the tables could not be synced ({}); the journal keeps the batches", Failures.describe(e));
        }
    }

    static void markApplied(Connection c, Map<String, PreparedStatement> statements, long seq) throws SQLException {
        String sql = "UPDATE write_journal SET applied_seq = ? WHERE id = 1 AND applied_seq < ?";
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = c.prepareStatement(sql);
            statements.put(sql, ps);
        }
        ps.setLong(1, seq);
        ps.setLong(2, seq);
        ps.executeUpdate();
    }

    private void rollback() {
        tables.rollback();
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tables.close();
    }
}
