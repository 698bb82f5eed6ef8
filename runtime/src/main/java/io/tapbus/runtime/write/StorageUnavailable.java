package io.tapbus.runtime.write;

import io.tapbus.runtime.domain.DomainError;

/**
 * The platform could not make a change durable (disk full, database down). Nothing of the request was
 * applied; the caller may retry with the same correlation id or idempotency key.
 */
public final class StorageUnavailable extends DomainError {
    public StorageUnavailable(String detail, Throwable cause) {
        super(Code.SYSTEM_UNAVAILABLE, "the platform cannot store changes right now (" + detail + "); nothing was applied, try again",
                cause);
    }
}
