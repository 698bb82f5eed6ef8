package io.tapbus.runtime.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The portal's server-side sessions: an opaque random id (the cookie's value) names a session that holds the
 * credential the person signed in with (a partner credential or a phone's device token). The credential never goes
 * to the browser; every API call of the session is authenticated with it again, so a revoked credential or device
 * token ends the session at once. A session ends when idle for {@code idle}, {@code absolute} after it began, or at
 * sign-out. Kept in memory: a restart signs everyone out.
 */
public final class PortalSessions {
    /** Whom a session is for: a phone user (device token) or a partner, administrator or analyst (credential). */
    public enum Kind { PHONE, PARTNER }

    /** One signed-in person; {@code authorization} is the bearer token the API calls are made with. */
    public record Session(String id, String csrfToken, Kind kind, String authorization, String subject,
                          Set<String> roles, Instant expiresAt, String deviceTokenId) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Duration absolute;
    private final int max;
    private final Clock clock;

    private static final class Entry {
        final Session session;
        final Instant hardEnd;
        volatile Instant lastSeen;

        Entry(Session session, Instant hardEnd, Instant lastSeen) {
            this.session = session;
            this.hardEnd = hardEnd;
            this.lastSeen = lastSeen;
        }
    }

    public PortalSessions(Duration idle, Duration absolute, int max, Clock clock) {
        this.idle = idle;
        this.absolute = absolute;
        this.max = max;
        this.clock = clock;
    }

    /** Opens a session; when the store is full the expired ones go first, and if none did, the sign-in is refused. */
    public Optional<Session> open(Kind kind, String authorization, String subject, Set<String> roles, String deviceTokenId) {
        Instant now = clock.instant();
        if (sessions.size() >= max) {
            sessions.values().removeIf(e -> !alive(e, now));
            if (sessions.size() >= max) {
                return Optional.empty();
            }
        }
        Instant hardEnd = now.plus(absolute);
        Session s = new Session(random(), random(), kind, authorization, subject, Set.copyOf(roles),
                earlier(now.plus(idle), hardEnd), deviceTokenId);
        sessions.put(s.id(), new Entry(s, hardEnd, now));
        return Optional.of(s);
    }

    /** The live session of this id (its idle time starts again), or empty. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Entry e = sessions.get(id);
        Instant now = clock.instant();
        if (e == null || !alive(e, now)) {
            if (e != null) {
                sessions.remove(id, e);
            }
            return Optional.empty();
        }
        e.lastSeen = now;
        Session s = e.session;
        return Optional.of(new Session(s.id(), s.csrfToken(), s.kind(), s.authorization(), s.subject(), s.roles(),
                earlier(now.plus(idle), e.hardEnd), s.deviceTokenId()));
    }

    public Optional<Session> close(String id) {
        Entry e = id == null ? null : sessions.remove(id);
        return e == null ? Optional.empty() : Optional.of(e.session);
    }

    /** Constant-time check of a CSRF token sent in the header against the session's. */
    public static boolean csrfMatches(Session session, String sent) {
        return sent != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.US_ASCII),
                sent.getBytes(StandardCharsets.US_ASCII));
    }

    /** The longest a session lives (the cookie's Max-Age). */
    public Duration absolute() {
        return absolute;
    }

    private boolean alive(Entry e, Instant now) {
        return now.isBefore(e.hardEnd) && now.isBefore(e.lastSeen.plus(idle));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** 32 random bytes, URL-safe base64 without padding. */
    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
