package io.tapbus.connector.reader;

import java.util.Optional;

/** Looks up a reader's key; the runtime backs it with the platform database. */
@FunctionalInterface
public interface ReaderKeyResolver {

    /** The key of the reader, or empty when no such reader is registered. */
    Optional<ReaderKey> resolve(String readerId);
}
