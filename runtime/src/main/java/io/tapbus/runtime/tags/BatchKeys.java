package io.tapbus.runtime.tags;

import io.tapbus.connector.tag.SunException;
import io.tapbus.connector.tag.SunMode;
import io.tapbus.connector.tag.SunVerifier;
import io.tapbus.connector.tag.TagKeys;
import io.tapbus.runtime.db.Sql;
import io.tapbus.runtime.keys.KeyVault;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * The SDM keys of tag batches, opened from their sealed form and kept 30 s, so a scan does not unseal keys. A
 * batch's verifier checks every tag of the batch; with diversified file keys (NXP AN10922, input UID || system
 * identifier) each tag gets its own verifier from the batch master key.
 */
public final class BatchKeys {
    private static final long CACHE_MILLIS = 30_000;

    private final Jdbi jdbi;
    private final KeyVault vault;
    private final Map<String, Opened> cache = new ConcurrentHashMap<>();

    public BatchKeys(Jdbi jdbi, KeyVault vault) {
        this.jdbi = jdbi;
        this.vault = vault;
    }

    /** The associated data a batch key is sealed under: a sealed key copied to another batch does not open. */
    static String owner(String batchId, String kind) {
        return "tag-batch:" + batchId + ":" + kind;
    }

    /** A batch as a scan needs it. */
    public static final class Opened {
        final String batchId;
        final String manufacturerId;
        final String productId;
        final SunMode mode;
        final SunVerifier batchVerifier;
        private final byte[] metaKey;
        private final byte[] fileMasterKey;
        private final byte[] systemIdentifier;
        private final Integer tamperOffset;
        private final long until;

        private Opened(String batchId, String manufacturerId, String productId, SunMode mode, byte[] metaKey, byte[] fileKey,
                       boolean diversified, byte[] systemIdentifier, Integer tamperOffset, long until) throws SunException {
            this.batchId = batchId;
            this.manufacturerId = manufacturerId;
            this.productId = productId;
            this.mode = mode;
            this.metaKey = metaKey;
            this.fileMasterKey = diversified ? fileKey : null;
            this.systemIdentifier = systemIdentifier;
            this.tamperOffset = tamperOffset;
            this.until = until;
            this.batchVerifier = withTamper(new SunVerifier(mode, metaKey, fileKey));
        }

        boolean diversified() {
            return fileMasterKey != null;
        }

        /** The verifier for one tag: the batch's, or one with the tag's own file key. */
        SunVerifier verifierFor(byte[] uid) throws SunException {
            if (fileMasterKey == null) {
                return batchVerifier;
            }
            return withTamper(new SunVerifier(mode, metaKey, TagKeys.fileReadKey(fileMasterKey, uid, null, systemIdentifier)));
        }

        private SunVerifier withTamper(SunVerifier verifier) throws SunException {
            return tamperOffset == null ? verifier : verifier.withTagTamperAt(tamperOffset);
        }
    }

    public Optional<Opened> find(String batchId) {
        Opened cached = cache.get(batchId);
        if (cached != null && cached.until > System.currentTimeMillis()) {
            return Optional.of(cached);
        }
        Optional<Opened> loaded = jdbi.withHandle(h -> Sql.queryOne(h, "SELECT batch_id, manufacturer_id, product_id, sun_mode,"
                + " meta_key_encrypted, file_key_encrypted, file_key_diversified, system_identifier, tamper_offset"
                + " FROM tag_batch WHERE batch_id = ?", this::open, batchId));
        loaded.ifPresentOrElse(o -> cache.put(batchId, o), () -> cache.remove(batchId));
        return loaded;
    }

    private Opened open(ResultSet rs) throws java.sql.SQLException {
        String batchId = rs.getString(1);
        try {
            String sysId = rs.getString(8);
            return new Opened(batchId, rs.getString(2), rs.getString(3), SunMode.valueOf(rs.getString(4)),
                    vault.open(rs.getString(5), owner(batchId, "meta")), vault.open(rs.getString(6), owner(batchId, "file")),
                    rs.getBoolean(7), sysId == null ? null : HexFormat.of().parseHex(sysId), (Integer) rs.getObject(9),
                    System.currentTimeMillis() + CACHE_MILLIS);
        } catch (SunException e) {
            throw new IllegalStateException("tag batch " + batchId + " has unusable keys: " + e.getMessage(), e);
        }
    }

    public void forget(String batchId) {
        cache.remove(batchId);
    }
}
