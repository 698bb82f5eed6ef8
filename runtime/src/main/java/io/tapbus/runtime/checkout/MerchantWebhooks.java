package io.tapbus.runtime.checkout;

import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.keys.KeyVault;
import io.tapbus.runtime.write.StateTable;
import io.tapbus.runtime.write.WritePath;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import org.jdbi.v3.core.Jdbi;

/**
 * Merchants' webhooks, the one writer of {@code checkout_merchant}: the URL notifications go to and the signing secret,
 * made at registration and shown once; it is kept only sealed by the key vault (AES-GCM under the key-encryption key,
 * bound to the merchant), because the bus needs it again to sign every delivery. Registering again replaces the secret.
 */
final class MerchantWebhooks {
    /** A merchant's webhook as kept: its URL and sealed secret. */
    record Registration(String url, String sealedSecret) {}

    /** What registration answers, the secret in clear this once. */
    record Registered(String merchantId, String url, String secret, Instant registeredAt) {}

    private final WritePath writes;
    private final KeyVault vault;
    private final StateTable<String, Registration> registrations;
    private final SecureRandom random = new SecureRandom();

    MerchantWebhooks(Jdbi jdbi, WritePath writes, KeyVault vault) {
        this.writes = writes;
        this.vault = vault;
        this.registrations = new StateTable<>("merchant webhooks", jdbi,
                (h, id) -> h.createQuery("SELECT webhook_url, secret_sealed FROM checkout_merchant WHERE merchant_id = ?").bind(0, id)
                        .map((rs, ctx) -> new Registration(rs.getString(1), rs.getString(2))).findOne().orElse(null),
                (batch, id, r, exists) -> {
                    if (exists) {
                        batch.stage("UPDATE checkout_merchant SET webhook_url = ?, secret_sealed = ?, updated_at = ? WHERE merchant_id = ?",
                                r.url(), r.sealedSecret(), Instant.now(), id);
                    } else {
                        batch.stage("INSERT INTO checkout_merchant(merchant_id, webhook_url, secret_sealed, updated_at) VALUES (?, ?, ?, ?)",
                                id, r.url(), r.sealedSecret(), Instant.now());
                    }
                });
    }

    Registered register(String merchantId, String url) {
        URI uri = checked(url);
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Registration r = new Registration(uri.toString(), vault.seal(secret.getBytes(StandardCharsets.UTF_8), owner(merchantId)));
        writes.execute(batch -> {
            batch.put(registrations, merchantId, r);
            return null;
        });
        return new Registered(merchantId, r.url(), secret, Instant.now());
    }

    boolean registered(String merchantId) {
        return registrations.read(merchantId) != null;
    }

    /** The merchant's URL and secret for a delivery, or null when it has no webhook. */
    Registration find(String merchantId) {
        return registrations.read(merchantId);
    }

    byte[] secret(String merchantId, Registration r) {
        return vault.open(r.sealedSecret(), owner(merchantId));
    }

    private static String owner(String merchantId) {
        return "webhook:" + merchantId;
    }

    private static URI checked(String url) {
        if (url == null || url.length() > 512) {
            throw DomainError.invalid("url (http or https, at most 512 characters) is required");
        }
        try {
            URI uri = URI.create(url.strip());
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null || uri.getUserInfo() != null) {
                throw DomainError.invalid("url must be an absolute http or https URL without user information");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw DomainError.invalid("url is not a valid URL");
        }
    }
}
