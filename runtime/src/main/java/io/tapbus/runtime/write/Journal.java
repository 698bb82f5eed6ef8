package io.tapbus.runtime.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The write path's journal: each batch's rows appended as one record and forced to the disk (fdatasync)
 * before its callers are answered. The tables are written from it behind the answers (see
 * {@link Projection}); after a crash, records the tables do not have yet are replayed at start.
 *
 * <p>File format ({@code journal-<first seq>.log}): records of {@code int length, int crc32c, payload}.
 * A payload is {@code long seq}, the statements first used in this file ({@code int count, UTF sql...}),
 * then {@code int rows} of {@code int statement, byte argc, typed args}. A torn record at the end (a crash
 * in the middle of a write) fails its length or checksum and is ignored: it was never answered.
 */
final class Journal implements AutoCloseable {
    /** A batch as journaled: its sequence number and its rows in execution order. */
    record Entry(long seq, List<Row> rows) {}

    static final long ROTATE_BYTES = 16L << 20;

    private final Path dir;
    private FileChannel channel;
    private Path current;
    private final Map<String, Integer> defined = new HashMap<>();

    private final boolean preallocated;

    Journal(Path dir) throws IOException {
        this(dir, true);
    }

    private Journal(Path dir, boolean preallocated) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.preallocated = preallocated;
    }

    /** Appends one batch and forces it to the disk. On failure the file is cut back to where it was. */
    synchronized void append(long seq, List<Row> rows) throws IOException {
        if (channel == null || channel.position() > ROTATE_BYTES - (1 << 20)) {
            open(seq);
        }
        int definedBefore = defined.size();
        long position = channel.position();
        try {
            byte[] payload = JournalCodec.encode(seq, rows, defined);
            CRC32C crc = new CRC32C();
            crc.update(payload);
            ByteBuffer buf = ByteBuffer.allocate(8 + payload.length);
            buf.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException | RuntimeException e) {
            defined.values().removeIf(id -> id >= definedBefore);
            try {
                // the record may have reached the disk although its sync failed: zero its length so a replay
                // never applies what its callers were told was not applied
                channel.write(ByteBuffer.allocate(8), position);
                channel.force(false);
                channel.position(position);
            } catch (IOException ignored) {
                channel.close(); // the next append opens a new file
                channel = null;
            }
            throw e;
        }
    }

    private void open(long firstSeq) throws IOException {
        if (channel != null) {
            channel.close();
        }
        defined.clear();
        current = dir.resolve(String.format("journal-%019d.log", firstSeq));
        Path ready = preallocated ? spareReady() : null;
        if (ready != null) {
            Files.move(ready, current, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            channel = FileChannel.open(current, StandardOpenOption.WRITE);
        } else {
            channel = FileChannel.open(current, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            if (preallocated) {
                preallocate(channel);
            }
        }
        if (preallocated) {
            prepareSpare();
        }
    }

    /** The next file, filled with zeros in the background so that a rotation never waits for it. */
    private final java.util.concurrent.ExecutorService spareMaker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "write-path-journal-spare");
        t.setDaemon(true);
        return t;
    });
    private java.util.concurrent.Future<Path> spare;

    private void prepareSpare() {
        spare = spareMaker.submit(() -> {
            Path file = dir.resolve("spare.tmp");
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                preallocate(c);
            }
            return file;
        });
    }

    private Path spareReady() {
        try {
            return spare != null && spare.isDone() ? spare.get() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return null; // made synchronously instead
        } finally {
            spare = null;
        }
    }

    /**
     * Fills the new file with zeros up front and syncs it once: later appends then change no file size,
     * so each record's fdatasync flushes only its own blocks instead of waiting for the file system's
     * journal (which on ext4 would also flush the database's unsynced writes). A reader stops at the
     * first zero length.
     */
    private static void preallocate(FileChannel c) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        for (long written = 0; written < ROTATE_BYTES; written += 1 << 20) {
            zeros.clear();
            while (zeros.hasRemaining()) {
                c.write(zeros);
            }
        }
        c.force(true);
        c.position(0);
    }

    /** Deletes every file whose records are all at or below {@code durableSeq} (the tables have them, synced). */
    synchronized void forgetUpTo(long durableSeq) throws IOException {
        List<Path> files = files();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            boolean isCurrent = f.equals(current);
            long nextFirst = i + 1 < files.size() ? firstSeq(files.get(i + 1)) : Long.MAX_VALUE;
            if (isCurrent && channel != null) {
                continue; // the file being appended to stays: it is dropped once a newer one covers it
            }
            if (nextFirst - 1 <= durableSeq) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** Keeps a batch the tables refused, with the reason, in {@code dead-letters/} (same record format). */
    synchronized void deadLetter(Entry entry, String reason) throws IOException {
        Path dead = Files.createDirectories(dir.resolve("dead-letters"));
        Journal writer = new Journal(dead, false);
        try {
            writer.open(entry.seq());
            writer.append(entry.seq(), entry.rows());
        } finally {
            writer.close();
        }
        Files.writeString(dead.resolve(String.format("journal-%019d.reason.txt", entry.seq())), reason + System.lineSeparator());
    }

    /** Every readable record in every file, in order (for replay at start). */
    List<Entry> readAll() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Path f : files()) {
            read(f, entries);
        }
        return entries;
    }

    private void read(Path file, List<Entry> into) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(all);
        Map<Integer, String> sql = new HashMap<>();
        while (buf.remaining() >= 8) {
            int length = buf.getInt();
            int crc = buf.getInt();
            if (length <= 0 || length > buf.remaining()) {
                return; // torn at the end
            }
            byte[] payload = new byte[length];
            buf.get(payload);
            CRC32C check = new CRC32C();
            check.update(payload);
            if ((int) check.getValue() != crc) {
                return;
            }
            into.add(JournalCodec.decode(payload, sql));
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("journal-\\d{19}\\.log")).sorted().toList();
        }
    }

    private static long firstSeq(Path f) {
        String name = f.getFileName().toString();
        return Long.parseLong(name.substring(8, 27));
    }

    @Override
    public synchronized void close() throws IOException {
        spareMaker.shutdownNow();
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
