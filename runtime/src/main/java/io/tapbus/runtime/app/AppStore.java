package io.tapbus.runtime.app;

import io.tapbus.runtime.write.Batch;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The tables {@code app_code} and {@code app_device} (V15): the only class that writes them, always inside a write-path
 * unit (each method takes the unit's {@link Batch}). A wrong code is counted in the same unit that checks it, so
 * concurrent guesses cannot share an attempt; a verified registration gives exactly one device token.
 */
final class AppStore {
    /** What a check of a code found. */
    enum Check { VERIFIED, WRONG, EXPIRED, EXHAUSTED, UNKNOWN }

    /** The outcome of a code check: the attempts left after it, and the device's user when verified. */
    record Verification(Check check, int attemptsLeft, String userId, String msisdn) {}

    /** How many codes a number was sent lately: within the last hour, and when the newest one was made. */
    record Recent(int lastHour, Instant newest) {}

    Recent recent(Batch batch, String msisdn, Instant now) {
        Map<String, Object> row = batch.handle().createQuery("SELECT COUNT(*) AS n, MAX(created_at) AS newest FROM app_code"
                + " WHERE msisdn = ? AND created_at > ?").bind(0, msisdn).bind(1, now.minus(Duration.ofHours(1)))
                .mapToMap().one();
        Object newest = row.get("newest");
        return new Recent(((Number) row.get("n")).intValue(),
                newest instanceof java.sql.Timestamp t ? t.toInstant() : null);
    }

    void openCode(Batch batch, String registrationId, String msisdn, String codeHash, Instant now, Instant expires) {
        batch.handle().createUpdate("INSERT INTO app_code(registration_id, msisdn, code_hash, attempts, state, created_at,"
                        + " expires_at) VALUES (?, ?, ?, 0, 'OPEN', ?, ?)")
                .bind(0, registrationId).bind(1, msisdn).bind(2, codeHash).bind(3, now).bind(4, expires).execute();
    }

    /**
     * Checks a code against the registration: a wrong one costs an attempt (the last one closes it), a right one
     * closes it VERIFIED and stores the device ({@code tokenId}, the secret's hash) for the user of the number.
     */
    Verification check(Batch batch, String registrationId, String codeHash, int maxAttempts, Instant now,
            NewDevice device) {
        Handle h = batch.handle();
        Optional<Map<String, Object>> found = h.createQuery("SELECT * FROM app_code WHERE registration_id = ?")
                .bind(0, registrationId).mapToMap().findOne();
        if (found.isEmpty()) {
            return new Verification(Check.UNKNOWN, 0, null, null);
        }
        Map<String, Object> row = found.get();
        int attempts = ((Number) row.get("attempts")).intValue();
        String state = (String) row.get("state");
        String msisdn = (String) row.get("msisdn");
        if (!state.equals("OPEN") || attempts >= maxAttempts) {
            return new Verification(state.equals("VERIFIED") ? Check.UNKNOWN : Check.EXHAUSTED, 0, null, msisdn);
        }
        if (((java.sql.Timestamp) row.get("expires_at")).toInstant().isBefore(now)) {
            return new Verification(Check.EXPIRED, maxAttempts - attempts, null, msisdn);
        }
        String userId = row.get("code_hash") == null ? null : h.createQuery("SELECT user_id FROM app_user WHERE msisdn = ?")
                .bind(0, msisdn).mapTo(String.class).findOne().orElse(null);
        if (userId == null || !AppSecrets.sameHash((String) row.get("code_hash"), codeHash)) {
            int used = attempts + 1;
            h.createUpdate("UPDATE app_code SET attempts = ?, state = ? WHERE registration_id = ? AND attempts = ?")
                    .bind(0, used).bind(1, used >= maxAttempts ? "EXHAUSTED" : "OPEN").bind(2, registrationId)
                    .bind(3, attempts).execute();
            return new Verification(used >= maxAttempts ? Check.EXHAUSTED : Check.WRONG, maxAttempts - used, null, msisdn);
        }
        h.createUpdate("UPDATE app_code SET state = 'VERIFIED' WHERE registration_id = ? AND state = 'OPEN'")
                .bind(0, registrationId).execute();
        h.createUpdate("INSERT INTO app_device(token_id, secret_hash, user_id, msisdn, device_name, registration_id,"
                        + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, device.tokenId()).bind(1, device.secretHash()).bind(2, userId).bind(3, msisdn)
                .bind(4, device.name()).bind(5, registrationId).bind(6, now).bind(7, device.expires()).execute();
        return new Verification(Check.VERIFIED, maxAttempts - attempts, userId, msisdn);
    }

    /** A device to store once its code is verified. */
    record NewDevice(String tokenId, String secretHash, String name, Instant expires) {}

    /** Revokes a device token; false when it was revoked already. */
    boolean revoke(Batch batch, String tokenId, Instant now) {
        return batch.handle().createUpdate("UPDATE app_device SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL")
                .bind(0, now).bind(1, tokenId).execute() == 1;
    }
}
