package io.tapbus.runtime.app;

import io.tapbus.connector.common.Masking;
import io.tapbus.runtime.phone.PhoneChannel;
import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.write.WritePath;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a phone for the app: a one-time code sent by SMS through the outbox ({@link #start}), checked with a limit
 * of attempts and an expiry ({@link #verify}), which gives a device token bound to the user of the number. Codes per
 * number are limited (one per {@code resend}, {@code perHour} an hour), counted in the table, so a restart forgets
 * nothing. A number no user has is answered like any other (no one learns which numbers are registered), but gets no
 * SMS and nothing verifies. Log lines name registrations, token ids and masked numbers, never a code or a token,
 * except on the embedded demo ({@code tapbus.app.demo-codes-in-log}) while no SMSC is bound: then the code is logged,
 * marked DEMO, so that a person can sign in without an SMSC.
 */
public final class AppRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(AppRegistration.class);

    /** The limits and lifetimes, from the {@code tapbus.app.*} settings. */
    public record Limits(Duration codeTtl, int attempts, Duration resend, int perHour, Duration tokenTtl) {}

    /** A code was sent (or, for a number no user has, seemed to be). */
    public record Started(String registrationId, Instant expiresAt, int codeLength, int attempts) {}

    /** A verified phone: the device token, shown once. */
    public record Registered(String token, String tokenId, String userId, Instant expiresAt) {}

    /** Too many codes asked for this number: retry after the seconds given. */
    public static final class TooSoon extends RuntimeException {
        private final long retryAfterSeconds;

        TooSoon(String detail, long retryAfterSeconds) {
            super(detail);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** The code was not accepted: {@code kind} is code-wrong, code-expired or code-attempts-exhausted. */
    public static final class Refused extends RuntimeException {
        private final String kind;

        Refused(String kind, String detail) {
            super(detail);
            this.kind = kind;
        }

        public String kind() {
            return kind;
        }
    }

    static final int CODE_LENGTH = 6;

    private final WritePath writes;
    private final AppStore store;
    private final UserService users;
    private final PhoneChannel phone;
    private final Limits limits;
    private final boolean demoCodesInLog;

    AppRegistration(WritePath writes, AppStore store, UserService users, PhoneChannel phone, Limits limits,
            boolean demoCodesInLog) {
        this.writes = writes;
        this.store = store;
        this.users = users;
        this.phone = phone;
        this.limits = limits;
        this.demoCodesInLog = demoCodesInLog;
    }

    public Started start(String msisdnGiven) {
        String msisdn = UserService.normalizeMsisdn(msisdnGiven);
        boolean known = users.findUserByMsisdn(msisdn).isPresent();
        String registrationId = AppSecrets.id("REG-");
        String code = AppSecrets.code(CODE_LENGTH);
        Instant now = Instant.now();
        Instant expires = now.plus(limits.codeTtl());
        writes.execute(batch -> {
            AppStore.Recent recent = store.recent(batch, msisdn, now);
            if (recent.newest() != null && recent.newest().plus(limits.resend()).isAfter(now)) {
                throw new TooSoon("a code was sent to this number less than " + limits.resend().toSeconds()
                        + " s ago", Math.max(1, Duration.between(now, recent.newest().plus(limits.resend())).toSeconds()));
            }
            if (recent.lastHour() >= limits.perHour()) {
                throw new TooSoon("at most " + limits.perHour() + " codes an hour are sent to one number", 3600);
            }
            store.openCode(batch, registrationId, msisdn, known ? AppSecrets.hash(registrationId, code) : null, now,
                    expires);
            return null;
        });
        if (known) {
            phone.send(msisdn, "TapBus code " + code + " to register your phone. It expires in "
                    + limits.codeTtl().toMinutes() + " minutes. Never tell anyone this code.", "app-code:"
                    + registrationId, limits.codeTtl());
            if (demoCodesInLog && !phone.linkStates().containsValue("BOUND")) {
                // the embedded demo without an SMSC (tapbus.app.demo-codes-in-log, never set on a real platform)
                LOG.warn("DEMO one-time code {} for {} (registration {}): no SMSC is bound, so the code is shown here;"
                        + " tapbus.app.demo-codes-in-log = true is for the embedded demo only", code, Masking.msisdn(msisdn),
                        registrationId);
            }
        }
        LOG.info("app registration {} for {}: {}", registrationId, Masking.msisdn(msisdn),
                known ? "code queued by SMS" : "no user has the number, no SMS");
        return new Started(registrationId, expires, CODE_LENGTH, limits.attempts());
    }

    public Registered verify(String registrationId, String code, String deviceName) {
        if (registrationId == null || code == null || !code.matches("[0-9]{" + CODE_LENGTH + "}")) {
            throw new Refused("code-wrong", "the code is the " + CODE_LENGTH + " digits of the SMS");
        }
        String tokenId = AppSecrets.id("DEV-");
        String secret = AppSecrets.secret();
        Instant now = Instant.now();
        Instant expires = now.plus(limits.tokenTtl());
        AppStore.NewDevice device = new AppStore.NewDevice(tokenId, AppSecrets.hash(secret), deviceName, expires);
        AppStore.Verification v = writes.execute(batch -> store.check(batch, registrationId,
                AppSecrets.hash(registrationId, code), limits.attempts(), now, device));
        LOG.info("app registration {}: {}", registrationId, v.check() == AppStore.Check.VERIFIED
                ? "verified, device " + tokenId : v.check().name().toLowerCase(java.util.Locale.ROOT));
        return switch (v.check()) {
            case VERIFIED -> new Registered(tokenId + "." + secret, tokenId, v.userId(), expires);
            case WRONG -> throw new Refused("code-wrong", "wrong code; " + v.attemptsLeft() + " attempt(s) left");
            case EXPIRED -> throw new Refused("code-expired", "the code expired; ask for a new one");
            case EXHAUSTED -> throw new Refused("code-attempts-exhausted",
                    "too many wrong codes for this registration; ask for a new code");
            case UNKNOWN -> throw new Refused("code-expired", "no open registration " + registrationId
                    + "; ask for a new code");
        };
    }

    /** Revokes the device token; its next request is refused. */
    public void revoke(String tokenId) {
        writes.execute(batch -> store.revoke(batch, tokenId, Instant.now()));
        LOG.info("app device {} revoked", tokenId);
    }
}
