package io.tapbus.samples.reader;

import io.tapbus.connector.reader.ReaderKeys;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Where a reader's key comes from: {@code --key HEX} or {@code --key-file PATH} (the reader's own key), or {@code --master-key HEX} /
 * {@code --master-key-file PATH} from which each reader's key is diversified by reader id.
 */
final class KeyOptions {

    static final Set<String> NAMES = Set.of("key", "key-file", "master-key", "master-key-file");

    private final byte[] readerKey;
    private final byte[] masterKey;

    private KeyOptions(byte[] readerKey, byte[] masterKey) {
        this.readerKey = readerKey;
        this.masterKey = masterKey;
    }

    /** Exactly one of the options; {@code allowReaderKey} is false when several readers need keys. */
    static KeyOptions from(CommandLine line, boolean allowReaderKey) throws UsageException {
        int given = (line.has("key") ? 1 : 0) + (line.has("key-file") ? 1 : 0) + (line.has("master-key") ? 1 : 0)
                + (line.has("master-key-file") ? 1 : 0);
        String choices = allowReaderKey ? "--key, --key-file, --master-key or --master-key-file"
                : "--master-key or --master-key-file";
        if (given != 1 || !allowReaderKey && (line.has("key") || line.has("key-file"))) {
            throw new UsageException("give exactly one of " + choices);
        }
        try {
            if (line.has("key")) {
                return new KeyOptions(ReaderKeys.parseHexKey(line.required("key")), null);
            }
            if (line.has("key-file")) {
                return new KeyOptions(ReaderKeys.readHexKeyFile(Path.of(line.required("key-file"))), null);
            }
            if (line.has("master-key")) {
                return new KeyOptions(null, ReaderKeys.parseHexKey(line.required("master-key")));
            }
            return new KeyOptions(null, ReaderKeys.readHexKeyFile(Path.of(line.required("master-key-file"))));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UsageException(e.getMessage());
        }
    }

    byte[] keyFor(String readerId) {
        return readerKey != null ? readerKey.clone() : ReaderKeys.diversify(masterKey, readerId);
    }
}
