package io.tapbus.runtime.write;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
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
            byte[] payload = encode(seq, rows);
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
            into.add(decode(payload, sql));
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

    private byte[] encode(long seq, List<Row> rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + rows.size() * 96);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(seq);
        List<String> fresh = new ArrayList<>();
        for (Row r : rows) {
            if (!defined.containsKey(r.sql())) {
                defined.put(r.sql(), defined.size());
                fresh.add(r.sql());
            }
        }
        out.writeInt(fresh.size());
        for (String s : fresh) {
            out.writeUTF(s);
        }
        out.writeInt(rows.size());
        for (Row r : rows) {
            out.writeInt(defined.get(r.sql()));
            out.writeByte(r.args().length);
            for (Object a : r.args()) {
                writeArg(out, a);
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static Entry decode(byte[] payload, Map<Integer, String> sql) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        long seq = in.readLong();
        int fresh = in.readInt();
        for (int i = 0; i < fresh; i++) {
            sql.put(sql.size(), in.readUTF());
        }
        int count = in.readInt();
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String statement = sql.get(in.readInt());
            Object[] args = new Object[in.readByte()];
            for (int a = 0; a < args.length; a++) {
                args[a] = readArg(in);
            }
            rows.add(new Row(statement, args));
        }
        return new Entry(seq, rows);
    }

    private static void writeArg(DataOutputStream out, Object a) throws IOException {
        if (a == null) {
            out.writeByte(0);
        } else if (a instanceof String s) {
            byte[] utf = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeByte(1);
            out.writeInt(utf.length);
            out.write(utf);
        } else if (a instanceof Long l) {
            out.writeByte(2);
            out.writeLong(l);
        } else if (a instanceof Integer i) {
            out.writeByte(3);
            out.writeInt(i);
        } else if (a instanceof Double d) {
            out.writeByte(4);
            out.writeDouble(d);
        } else if (a instanceof Boolean b) {
            out.writeByte(5);
            out.writeBoolean(b);
        } else if (a instanceof Instant t) {
            out.writeByte(6);
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        } else if (a instanceof java.sql.Timestamp t) {
            writeArg(out, t.toInstant());
        } else if (a instanceof LocalDate d) {
            out.writeByte(7);
            out.writeLong(d.toEpochDay());
        } else if (a instanceof byte[] b) {
            out.writeByte(8);
            out.writeInt(b.length);
            out.write(b);
        } else {
            throw new IllegalArgumentException("the journal cannot hold a " + a.getClass().getName());
        }
    }

    private static Object readArg(DataInputStream in) throws IOException {
        int tag = in.readByte();
        return switch (tag) {
            case 0 -> null;
            case 1 -> {
                byte[] utf = new byte[in.readInt()];
                in.readFully(utf);
                yield new String(utf, java.nio.charset.StandardCharsets.UTF_8);
            }
            case 2 -> in.readLong();
            case 3 -> in.readInt();
            case 4 -> in.readDouble();
            case 5 -> in.readBoolean();
            case 6 -> Instant.ofEpochSecond(in.readLong(), in.readInt());
            case 7 -> LocalDate.ofEpochDay(in.readLong());
            case 8 -> {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                yield b;
            }
            default -> throw new IOException("unknown argument type " + tag + " in the journal");
        };
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
