package io.tapbus.runtime.platform;

import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.api.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Service provider and customer management: partners (merchants, advertisers, manufacturers,
 * banks, operators) and their credentials. A credential is {@code keyId.secret}; only a SHA-256 of
 * the secret is stored, and the secret is shown once, when issued.
 */
public final class PartnerService {
    public static final Set<String> KINDS = Set.of("MERCHANT", "ADVERTISER", "MANUFACTURER", "BANK", "OPERATOR", "PLATFORM");
    public static final Set<String> ROLES = Set.of("admin", "merchant", "issuer", "advertiser", "manufacturer", "bank", "operator", "events",
            "ticket-seller", "analyst");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** No dots: a partner's JMS addresses are tapbus.partner.<partnerId>.<name>. */
    private static final Pattern PARTNER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final long CACHE_MILLIS = 30_000;

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();
    /** Verified credentials, kept 30 s so a revocation made on another instance takes effect within that. */
    private final Map<String, Cached> verified = new ConcurrentHashMap<>();

    private record Cached(Principal principal, long until) {}

    public PartnerService(Jdbi jdbi, AuditLog audit) {
        this.jdbi = jdbi;
        this.audit = audit;
    }

    public record Partner(String partnerId, String name, String kind, String status, String endpointUrl, Instant createdAt) {}

    public record IssuedCredential(String partnerId, String keyId, String token, Set<String> roles) {}

    public Partner create(String partnerId, String name, String kind, String endpointUrl, String actor) {
        if (partnerId == null || !PARTNER_ID.matcher(partnerId).matches()) {
            throw DomainError.invalid("partnerId must be 1-64 characters of letters, digits, '_' or '-'");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw DomainError.invalid("name is required (at most 200 characters)");
        }
        if (endpointUrl != null && endpointUrl.length() > 500) {
            throw DomainError.invalid("endpointUrl is longer than 500 characters");
        }
        if (kind == null || !KINDS.contains(kind)) {
            throw DomainError.invalid("kind must be one of " + KINDS);
        }
        Instant now = Instant.now();
        return jdbi.inTransaction(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM partner WHERE partner_id = ?").bind(0, partnerId).mapTo(Integer.class).one() > 0) {
                throw DomainError.conflict("partner " + partnerId + " already exists");
            }
            h.createUpdate("INSERT INTO partner(partner_id, name, kind, endpoint_url, created_at) VALUES (?, ?, ?, ?, ?)")
                    .bind(0, partnerId).bind(1, name).bind(2, kind).bind(3, endpointUrl).bind(4, now).execute();
            if ("MERCHANT".equals(kind)) {
                h.createUpdate("INSERT INTO account(account_id, owner_type, owner_id, kind, currency, created_at) VALUES (?, 'PARTNER', ?, 'MERCHANT_SETTLEMENT', 'CNY', ?)")
                        .bind(0, merchantAccountId(partnerId)).bind(1, partnerId).bind(2, now).execute();
            }
            audit.record(h, actor, "partner.create", partnerId, "kind=" + kind);
            return new Partner(partnerId, name, kind, "ACTIVE", endpointUrl, now);
        });
    }

    public static String merchantAccountId(String partnerId) {
        return "M-" + partnerId;
    }

    public Optional<Partner> find(String partnerId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM partner WHERE partner_id = ?").bind(0, partnerId)
                .map((rs, ctx) -> new Partner(rs.getString("partner_id"), rs.getString("name"), rs.getString("kind"),
                        rs.getString("status"), rs.getString("endpoint_url"), rs.getTimestamp("created_at").toInstant()))
                .findOne());
    }

    public List<Partner> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM partner ORDER BY partner_id")
                .map((rs, ctx) -> new Partner(rs.getString("partner_id"), rs.getString("name"), rs.getString("kind"),
                        rs.getString("status"), rs.getString("endpoint_url"), rs.getTimestamp("created_at").toInstant()))
                .list());
    }

    /** Issues a new credential; the returned token is shown once and never stored. */
    public IssuedCredential issueCredential(String partnerId, Set<String> roles, String actor) {
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        String keyId = "k" + HexFormat.of().formatHex(Arrays.copyOf(secret, 6));
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        storeCredential(partnerId, keyId, secretText, roles, actor);
        return new IssuedCredential(partnerId, keyId, keyId + "." + secretText, roles);
    }

    /** Stores a credential whose secret the caller chose (demo seeding from config/demo-keys). */
    public void storeCredential(String partnerId, String keyId, String secret, Set<String> roles, String actor) {
        requireId(keyId, "keyId");
        for (String role : roles) {
            if (role == null || !ROLES.contains(role)) {
                throw DomainError.invalid("unknown role " + role + "; roles are " + ROLES);
            }
        }
        if (roles.isEmpty()) {
            throw DomainError.invalid("a credential needs at least one role");
        }
        jdbi.useTransaction(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM partner WHERE partner_id = ?").bind(0, partnerId).mapTo(Integer.class).one() == 0) {
                throw DomainError.notFound("partner " + partnerId);
            }
            h.createUpdate("INSERT INTO partner_credential(key_id, partner_id, secret_hash, roles, created_at) VALUES (?, ?, ?, ?, ?)")
                    .bind(0, keyId).bind(1, partnerId).bind(2, sha256(secret)).bind(3, String.join(",", roles))
                    .bind(4, Instant.now()).execute();
            audit.record(h, actor, "credential.issue", partnerId, "keyId=" + keyId + " roles=" + roles);
        });
    }

    /**
     * Stores the first administrator's credential from a file holding {@code keyId.secret}, unless that
     * key id exists already. This is how an empty database gets an administrator.
     */
    public void bootstrapAdmin(java.nio.file.Path tokenFile) throws java.io.IOException {
        String token = java.nio.file.Files.readString(tokenFile, StandardCharsets.US_ASCII).strip();
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            throw new IllegalStateException(tokenFile + " must hold keyId.secret");
        }
        if (!credentialExists(token.substring(0, dot))) {
            storeCredential("tapbus", token.substring(0, dot), token.substring(dot + 1), Set.of("admin", "events"), "bootstrap");
        }
    }

    public boolean credentialExists(String keyId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM partner_credential WHERE key_id = ?")
                .bind(0, keyId).mapTo(Integer.class).one() > 0);
    }

    public void revokeCredential(String keyId, String actor) {
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("UPDATE partner_credential SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL")
                    .bind(0, Instant.now()).bind(1, keyId).execute();
            if (n == 0) {
                throw DomainError.notFound("active credential " + keyId);
            }
            audit.record(h, actor, "credential.revoke", keyId, null);
        });
        verified.entrySet().removeIf(e -> e.getValue().principal().keyId().equals(keyId));
    }

    /** Sets a merchant's ISO 18245 category code (the payment rules block some categories). */
    public void setMerchantCategory(String partnerId, String mcc) {
        if (mcc == null || !mcc.matches("[0-9]{4}")) {
            throw DomainError.invalid("a merchant category code is 4 digits");
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE partner SET merchant_category = ? WHERE partner_id = ? AND kind = 'MERCHANT'")
                .bind(0, mcc).bind(1, partnerId).execute());
    }

    /** Verifies a {@code keyId.secret} token (REST bearer token, or JMS user name + password). */
    public Optional<Principal> authenticate(String keyId, String secret) {
        if (keyId == null || secret == null || keyId.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        String hash = sha256(secret);
        Cached cached = verified.get(keyId + ":" + hash);
        if (cached != null && cached.until() > System.currentTimeMillis()) {
            return Optional.of(cached.principal());
        }
        Optional<Principal> found = jdbi.withHandle(h -> h.createQuery(
                        "SELECT c.partner_id, c.secret_hash, c.roles FROM partner_credential c JOIN partner p ON p.partner_id = c.partner_id "
                                + "WHERE c.key_id = ? AND c.revoked_at IS NULL AND p.status = 'ACTIVE'")
                .bind(0, keyId)
                .map((rs, ctx) -> MessageDigest.isEqual(rs.getString("secret_hash").getBytes(StandardCharsets.US_ASCII),
                        hash.getBytes(StandardCharsets.US_ASCII))
                        ? new Principal(rs.getString("partner_id"), keyId, parseRoles(rs.getString("roles")))
                        : null)
                .findOne());
        found.ifPresentOrElse(p -> verified.put(keyId + ":" + hash, new Cached(p, System.currentTimeMillis() + CACHE_MILLIS)),
                () -> verified.remove(keyId + ":" + hash));
        return found;
    }

    /**
     * The principal of a credential the broker has already authenticated (its validated user name), when the
     * credential is still valid and its partner active. Not cached: bulk messages are few.
     */
    public Optional<Principal> principalOfKey(String keyId) {
        if (keyId == null || keyId.isEmpty()) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT c.partner_id, c.roles FROM partner_credential c JOIN partner p ON p.partner_id = c.partner_id "
                                + "WHERE c.key_id = ? AND c.revoked_at IS NULL AND p.status = 'ACTIVE'")
                .bind(0, keyId)
                .map((rs, ctx) -> new Principal(rs.getString("partner_id"), keyId, parseRoles(rs.getString("roles"))))
                .findOne());
    }

    public Optional<Principal> authenticateToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            return Optional.empty();
        }
        return authenticate(token.substring(0, dot), token.substring(dot + 1));
    }

    private static Set<String> parseRoles(String roles) {
        return Arrays.stream(roles.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static void requireId(String value, String field) {
        if (value == null || !ID.matcher(value).matches()) {
            throw DomainError.invalid(field + " must be 1-64 characters of letters, digits, '.', '_' or '-'");
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
