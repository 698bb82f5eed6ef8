package io.tapbus.connector.ota;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Counters in a journal file that survives restarts and crashes: one line {@code card keySet counter} (counter in 10
 * hex digits) is appended and forced to disk (fdatasync) before {@link #next} returns the counter. Opening reads
 * the journal, keeps the highest counter per key set, drops a last line torn by a crash (its counter was never
 * returned) and rewrites the file compactly (temporary file, fsync, atomic rename, fsync of the folder).
 *
 * <p>A lock file ({@code <file>.lock}) keeps a second process or store from using the same journal. After a failed
 * write the store refuses every call until it is reopened, so a half-written line is never followed by another.
 */
public final class FileOtaCounterStore implements OtaCounterStore, Closeable {

    private static final Comparator<CardKeySet> BY_NAME = Comparator.comparing(CardKeySet::toString);

    private final Path file;
    private final Map<CardKeySet, Long> last;
    private final FileChannel lockChannel;
    private final FileChannel journal;
    private boolean failed;

    private FileOtaCounterStore(Path file, Map<CardKeySet, Long> last, FileChannel lockChannel, FileChannel journal) {
        this.file = file;
        this.last = last;
        this.lockChannel = lockChannel;
        this.journal = journal;
    }

    /** Opens (or creates) the journal; refuses one that another store holds or that has a damaged line. */
    public static FileOtaCounterStore open(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        FileChannel lockChannel = FileChannel.open(absolute.resolveSibling(absolute.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IOException("the OTA counter journal " + absolute + " is in use by another store");
            }
            Map<CardKeySet, Long> last = Files.exists(absolute) ? read(absolute) : new TreeMap<>(BY_NAME);
            rewrite(absolute, last);
            FileChannel journal = FileChannel.open(absolute, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new FileOtaCounterStore(absolute, last, lockChannel, journal);
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
    }

    @Override
    public synchronized long next(CardKeySet keySet) throws OtaException {
        checkUsable();
        long next = Counters.next(keySet, last.get(keySet));
        append(keySet, next);
        return next;
    }

    @Override
    public synchronized void claim(CardKeySet keySet, long counter) throws OtaException {
        checkUsable();
        Counters.checkClaim(keySet, last.get(keySet), counter);
        append(keySet, counter);
    }

    @Override
    public synchronized OptionalLong last(CardKeySet keySet) {
        Long value = last.get(keySet);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            journal.close();
        } finally {
            lockChannel.close();
        }
    }

    private void checkUsable() throws OtaException {
        if (failed) {
            throw new OtaException(OtaException.Kind.STORE_FAILED, "the OTA counter journal " + file
                    + " failed to record a counter earlier; reopen it");
        }
    }

    private void append(CardKeySet keySet, long counter) throws OtaException {
        ByteBuffer line = ByteBuffer.wrap(line(keySet, counter).getBytes(StandardCharsets.US_ASCII));
        try {
            while (line.hasRemaining()) {
                journal.write(line);
            }
            journal.force(false);
        } catch (IOException e) {
            failed = true;
            throw new OtaException(OtaException.Kind.STORE_FAILED, "cannot record an OTA counter in " + file + ": "
                    + e.getMessage(), e);
        }
        last.put(keySet, counter);
    }

    private static String line(CardKeySet keySet, long counter) {
        return String.format("%s %d %010X", keySet.card(), keySet.keySet(), counter) + "\n";
    }

    private static Map<CardKeySet, Long> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Map<CardKeySet, Long> last = new TreeMap<>(BY_NAME);
        int complete = text.lastIndexOf('\n') + 1; // after it: a line a crash cut short, never handed out
        String[] lines = text.substring(0, complete).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String[] fields = lines[i].split(" ");
            try {
                if (fields.length != 3 || fields[2].length() != 10) {
                    throw new IllegalArgumentException("three fields expected");
                }
                CardKeySet keySet = new CardKeySet(fields[0], Integer.parseInt(fields[1]));
                long counter = Long.parseLong(fields[2], 16);
                last.merge(keySet, counter, Math::max);
            } catch (IllegalArgumentException e) {
                throw new IOException("line " + (i + 1) + " of the OTA counter journal " + file
                        + " is not 'card keySet counter': refusing to guess which counters were used", e);
            }
        }
        return last;
    }

    private static void rewrite(Path file, Map<CardKeySet, Long> last) throws IOException {
        StringBuilder text = new StringBuilder();
        last.forEach((keySet, counter) -> text.append(line(keySet, counter)));
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel folder = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        }
    }
}
