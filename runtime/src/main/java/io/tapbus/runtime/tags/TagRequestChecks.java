package io.tapbus.runtime.tags;

import io.tapbus.runtime.domain.DomainError;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Checks shared by the tag registry's requests: the format of ids, UIDs, URLs and keys, and (inside the
 * request's transaction) that a partner is of the expected kind and a batch belongs to its manufacturer.
 * Each failed check is a {@link DomainError}.
 */
final class TagRequestChecks {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final Pattern UID = Pattern.compile("[0-9A-Fa-f]{14}");

    private TagRequestChecks() {
    }

    static void ownedBatch(Handle h, String manufacturerId, String batchId) {
        String owner = h.createQuery("SELECT manufacturer_id FROM tag_batch WHERE batch_id = ?").bind(0, batchId)
                .mapTo(String.class).findOne().orElseThrow(() -> DomainError.notFound("tag batch " + batchId));
        if (!owner.equals(manufacturerId)) {
            throw DomainError.notFound("tag batch " + batchId);
        }
    }

    static void requirePartnerKind(Handle h, String partnerId, String kind) {
        String actual = h.createQuery("SELECT kind FROM partner WHERE partner_id = ?").bind(0, partnerId).mapTo(String.class)
                .findOne().orElseThrow(() -> DomainError.notFound("partner " + partnerId));
        if (!actual.equals(kind)) {
            throw DomainError.invalid(partnerId + " is a " + actual + ", not a " + kind);
        }
    }

    static boolean exists(Handle h, String sql, Object... args) {
        var q = h.createQuery(sql);
        for (int i = 0; i < args.length; i++) {
            q.bind(i, args[i]);
        }
        return q.mapTo(Long.class).one() > 0;
    }

    static void requireId(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw DomainError.invalid(field + " must be 1-64 letters, digits, '_' or '-'");
        }
    }

    static void requireUrl(String field, String url) {
        if (url != null && (url.length() > 500 || !(url.startsWith("https://") || url.startsWith("http://")))) {
            throw DomainError.invalid(field + " must be an http(s) URL of at most 500 characters");
        }
    }

    static byte[] key(String field, String hex) {
        if (hex == null || !hex.strip().matches("[0-9A-Fa-f]{32}")) {
            throw DomainError.invalid(field + " must be a 16-byte AES key as 32 hex digits");
        }
        return HexFormat.of().parseHex(hex.strip());
    }

    static String normalUid(String uid) {
        if (uid == null || !UID.matcher(uid).matches()) {
            throw DomainError.invalid("a tag UID is 14 hex digits");
        }
        return uid.toUpperCase(Locale.ROOT);
    }
}
