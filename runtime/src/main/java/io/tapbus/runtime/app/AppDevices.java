package io.tapbus.runtime.app;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Authenticates the phone app's device tokens ({@code DEV-<16 hex>.<secret>}): the token id finds the device, the
 * secret's hash must match, and the token must be neither revoked nor expired. Read from the table on every request,
 * so a revocation counts at once.
 */
public final class AppDevices {
    /** The phone behind a request: its device token id, its user and the user's number. */
    public record Device(String tokenId, String userId, String msisdn) {}

    private final Jdbi jdbi;

    AppDevices(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Device> authenticate(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0 || dot > 40) {
            return Optional.empty();
        }
        String tokenId = token.substring(0, dot);
        String hash = AppSecrets.hash(token.substring(dot + 1));
        Optional<Map<String, Object>> row = jdbi.withHandle(h -> h.createQuery(
                "SELECT user_id, msisdn, secret_hash, expires_at, revoked_at FROM app_device WHERE token_id = ?")
                .bind(0, tokenId).mapToMap().findOne());
        return row.filter(r -> AppSecrets.sameHash((String) r.get("secret_hash"), hash))
                .filter(r -> r.get("revoked_at") == null)
                .filter(r -> ((java.sql.Timestamp) r.get("expires_at")).toInstant().isAfter(Instant.now()))
                .map(r -> new Device(tokenId, (String) r.get("user_id"), (String) r.get("msisdn")));
    }

    /** Whether the device's token is neither revoked nor expired (an open stream asks at each heartbeat). */
    public boolean stillValid(String tokenId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM app_device WHERE token_id = ? AND revoked_at IS NULL"
                + " AND expires_at > ?").bind(0, tokenId).bind(1, Instant.now()).mapTo(Integer.class).one()) == 1;
    }
}
