package io.tapbus.runtime.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks the portal's sign-in for one phone number after too many wrong or expired codes: {@code maxFailures} within
 * {@code lockFor} lock the number for {@code lockFor}, whatever code comes next (a right one too). The phone app's own
 * limits (attempts per code, codes per hour) still hold beneath this. In memory, bounded.
 */
public final class SignInLock {
    private static final int MAX_KEYS = 100_000;

    private record Failures(int count, Instant first, Instant lockedUntil) {}

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final Duration lockFor;
    private final Clock clock;

    public SignInLock(int maxFailures, Duration lockFor, Clock clock) {
        this.maxFailures = maxFailures;
        this.lockFor = lockFor;
        this.clock = clock;
    }

    /** The seconds this key stays locked, or empty when it may try. */
    public OptionalLong lockedFor(String key) {
        Failures f = failures.get(key);
        Instant now = clock.instant();
        if (f == null || f.lockedUntil() == null || !f.lockedUntil().isAfter(now)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, Duration.between(now, f.lockedUntil()).toSeconds()));
    }

    /** Counts a wrong or expired code; the failure that reaches the limit locks the key. */
    public void failed(String key) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_KEYS) {
            failures.values().removeIf(f -> f.first().plus(lockFor).isBefore(now)
                    && (f.lockedUntil() == null || f.lockedUntil().isBefore(now)));
        }
        failures.compute(key, (k, f) -> {
            if (f == null || f.first().plus(lockFor).isBefore(now) && (f.lockedUntil() == null
                    || f.lockedUntil().isBefore(now))) {
                f = new Failures(0, now, null);
            }
            int count = f.count() + 1;
            return new Failures(count, f.first(), count >= maxFailures ? now.plus(lockFor) : f.lockedUntil());
        });
    }

    public void succeeded(String key) {
        failures.remove(key);
    }
}
