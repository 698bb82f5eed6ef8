package io.tapbus.runtime.tags;

import io.tapbus.runtime.domain.DomainError;
import static io.tapbus.runtime.tags.TagRequestChecks.UID;
import static io.tapbus.runtime.tags.TagRequestChecks.exists;
import static io.tapbus.runtime.tags.TagRequestChecks.key;
import static io.tapbus.runtime.tags.TagRequestChecks.normalUid;
import static io.tapbus.runtime.tags.TagRequestChecks.ownedBatch;
import static io.tapbus.runtime.tags.TagRequestChecks.requireId;
import static io.tapbus.runtime.tags.TagRequestChecks.requirePartnerKind;
import static io.tapbus.runtime.tags.TagRequestChecks.requireUrl;

import io.tapbus.connector.tag.SunMode;
import io.tapbus.runtime.keys.KeyVault;
import io.tapbus.runtime.platform.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The manufacturer's side of tag services: products, tag batches with their SDM keys (sealed under the
 * key-encryption key, never returned), tag UIDs bound to serial numbers, item status along the supply chain, and
 * advertiser offers attached to products ({@link TagOffers}). Every change is audited; the checks on
 * requests are in {@link TagRequestChecks}.
 */
public final class TagRegistry {
    /** What scans are judged on; told about every tag and offer change after its commit. */
    private final TagFacts facts;
    private static final Set<String> STATUSES = Set.of("SHIPPED", "SOLD", "RETURNED");
    public static final int MAX_TAGS_PER_REQUEST = 1000;

    private final Jdbi jdbi;
    private final KeyVault vault;
    private final AuditLog audit;
    private final BatchKeys keys;
    private final TagOffers offers;

    public TagRegistry(Jdbi jdbi, KeyVault vault, AuditLog audit, BatchKeys keys, TagFacts facts) {
        this.facts = facts;
        this.jdbi = jdbi;
        this.vault = vault;
        this.audit = audit;
        this.keys = keys;
        this.offers = new TagOffers(jdbi, audit, facts);
    }

    /** Offers may name campaigns of the pricing service from now on. */
    public void useCoupons(TagCoupons coupons) {
        offers.useCoupons(coupons);
    }

    public record Product(String productId, String manufacturerId, String sku, String name, String description, String infoUrl,
                          Instant createdAt) {}

    public record Batch(String batchId, String manufacturerId, String productId, String mode, boolean fileKeyDiversified,
                        String systemIdentifier, Integer tamperOffset, long tags, Instant createdAt) {}

    public record Tag(String uid, String batchId, String productId, String serialNumber, String status, String storeId,
                      Instant statusChangedAt, long lastCounter, Instant lastScanAt, long scanCount) {}

    public record NewBatch(String batchId, String productId, String mode, String metaReadKey, String fileReadKey,
                           String fileMasterKey, String systemIdentifier, Integer tamperOffset) {}

    public record NewTag(String uid, String serialNumber) {}

    public record NewOffer(String productId, String uid, String storeId, String kind, String title, String body, String url,
                           Long couponValueMinor, Instant validUntil, String campaignId) {}

    public record Offer(String offerId, String advertiserId, String productId, String uid, String storeId, String kind,
                        String title, String body, String url, Long couponValueMinor, Instant validUntil, String campaignId) {}

    public record Scan(String scanId, String batchId, String uidMasked, Long readCounter, String verdict, List<String> reasons,
                       String storeId, String readerId, Instant scannedAt, Double latitude, Double longitude) {}

    // ---- products ----

    public Product createProduct(String manufacturerId, String sku, String name, String description, String infoUrl, String actor) {
        requireId("sku", sku);
        if (name == null || name.isBlank() || name.length() > 200) {
            throw DomainError.invalid("name is required, at most 200 characters");
        }
        if (description != null && description.length() > 2000) {
            throw DomainError.invalid("description is longer than 2000 characters");
        }
        requireUrl("infoUrl", infoUrl);
        String productId = manufacturerId + ":" + sku;
        Instant now = Instant.now();
        jdbi.useTransaction(h -> {
            requirePartnerKind(h, manufacturerId, "MANUFACTURER");
            if (exists(h, "SELECT COUNT(*) FROM product WHERE product_id = ?", productId)) {
                throw DomainError.conflict("product " + productId + " exists");
            }
            h.createUpdate("INSERT INTO product(product_id, manufacturer_id, sku, name, description, info_url, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .bind(0, productId).bind(1, manufacturerId).bind(2, sku).bind(3, name).bind(4, description).bind(5, infoUrl)
                    .bind(6, now).execute();
            audit.record(h, actor, "product.create", productId, "manufacturer=" + manufacturerId);
        });
        return new Product(productId, manufacturerId, sku, name, description, infoUrl, now);
    }

    public Optional<Product> product(String productId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM product WHERE product_id = ?").bind(0, productId)
                .map((rs, ctx) -> new Product(rs.getString("product_id"), rs.getString("manufacturer_id"), rs.getString("sku"),
                        rs.getString("name"), rs.getString("description"), rs.getString("info_url"),
                        rs.getTimestamp("created_at").toInstant()))
                .findOne());
    }

    public List<Product> products(String manufacturerIdOrNull) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM product WHERE (:m IS NULL OR manufacturer_id = :m) ORDER BY product_id")
                .bind("m", manufacturerIdOrNull)
                .map((rs, ctx) -> new Product(rs.getString("product_id"), rs.getString("manufacturer_id"), rs.getString("sku"),
                        rs.getString("name"), rs.getString("description"), rs.getString("info_url"),
                        rs.getTimestamp("created_at").toInstant()))
                .list());
    }

    // ---- batches and their keys ----

    /** Registers a batch. Keys are given as 32 hex digits and stored sealed; the answer never holds them. */
    public Batch registerBatch(String manufacturerId, NewBatch req, String actor) {
        requireId("batchId", req.batchId());
        SunMode mode;
        try {
            mode = SunMode.parse(req.mode() == null ? "aes" : req.mode());
        } catch (io.tapbus.connector.tag.SunException e) {
            throw DomainError.invalid("mode: " + e.getMessage());
        }
        byte[] meta = key("metaReadKey", req.metaReadKey());
        boolean diversified = req.fileMasterKey() != null;
        if (diversified == (req.fileReadKey() != null)) {
            throw DomainError.invalid("give either fileReadKey (one key for the batch) or fileMasterKey (diversified per tag UID,"
                    + " NXP AN10922), not both or neither");
        }
        byte[] file = diversified ? key("fileMasterKey", req.fileMasterKey()) : key("fileReadKey", req.fileReadKey());
        String systemIdentifier = req.systemIdentifier() == null ? null : req.systemIdentifier().strip().toUpperCase(Locale.ROOT);
        if (systemIdentifier != null && (!systemIdentifier.matches("([0-9A-F]{2}){0,24}") || !diversified)) {
            throw DomainError.invalid("systemIdentifier is up to 24 bytes of hex and only goes with fileMasterKey");
        }
        if (req.tamperOffset() != null && (req.tamperOffset() < 0 || req.tamperOffset() > 254)) {
            throw DomainError.invalid("tamperOffset is the offset of the TagTamper status in the decrypted file data, 0..254");
        }
        Instant now = Instant.now();
        jdbi.useTransaction(h -> {
            String owner = h.createQuery("SELECT manufacturer_id FROM product WHERE product_id = ?").bind(0, req.productId())
                    .mapTo(String.class).findOne().orElseThrow(() -> DomainError.notFound("product " + req.productId()));
            if (!owner.equals(manufacturerId)) {
                throw DomainError.notFound("product " + req.productId());
            }
            if (exists(h, "SELECT COUNT(*) FROM tag_batch WHERE batch_id = ?", req.batchId())) {
                throw DomainError.conflict("tag batch " + req.batchId() + " exists");
            }
            h.createUpdate("INSERT INTO tag_batch(batch_id, manufacturer_id, product_id, sun_mode, meta_key_encrypted, file_key_encrypted,"
                            + " file_key_diversified, system_identifier, tamper_offset, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .bind(0, req.batchId()).bind(1, manufacturerId).bind(2, req.productId()).bind(3, mode.name())
                    .bind(4, vault.seal(meta, BatchKeys.owner(req.batchId(), "meta")))
                    .bind(5, vault.seal(file, BatchKeys.owner(req.batchId(), "file")))
                    .bind(6, diversified).bind(7, systemIdentifier).bind(8, req.tamperOffset()).bind(9, now).execute();
            audit.record(h, actor, "tag-batch.register", req.batchId(), "product=" + req.productId() + " mode=" + mode
                    + (diversified ? " file key diversified" : ""));
        });
        keys.forget(req.batchId());
        return new Batch(req.batchId(), manufacturerId, req.productId(), mode.name(), diversified, systemIdentifier,
                req.tamperOffset(), 0, now);
    }

    public Optional<Batch> batch(String batchId) {
        return batches(null, batchId).stream().findFirst();
    }

    /** Batches, newest first: of one manufacturer, or one batch (either null: any). */
    public List<Batch> batches(String manufacturerIdOrNull, String batchIdOrNull) {
        return jdbi.withHandle(h -> h.createQuery("SELECT b.*, (SELECT COUNT(*) FROM tag t WHERE t.batch_id = b.batch_id) AS tags FROM"
                        + " tag_batch b WHERE (:m IS NULL OR b.manufacturer_id = :m) AND (:b IS NULL OR b.batch_id = :b) ORDER BY b.created_at DESC")
                .bind("m", manufacturerIdOrNull).bind("b", batchIdOrNull)
                .map((rs, ctx) -> new Batch(rs.getString("batch_id"), rs.getString("manufacturer_id"), rs.getString("product_id"),
                        rs.getString("sun_mode"), rs.getBoolean("file_key_diversified"), rs.getString("system_identifier"),
                        (Integer) rs.getObject("tamper_offset"), rs.getLong("tags"), rs.getTimestamp("created_at").toInstant()))
                .list());
    }

    // ---- tags ----

    /** Binds tag UIDs to serial numbers, all or nothing. */
    public int registerTags(String manufacturerId, String batchId, List<NewTag> tags, String actor) {
        if (tags == null || tags.isEmpty() || tags.size() > MAX_TAGS_PER_REQUEST) {
            throw DomainError.invalid("give 1 to " + MAX_TAGS_PER_REQUEST + " tags per request");
        }
        Set<String> uids = new HashSet<>();
        Set<String> serials = new HashSet<>();
        List<NewTag> clean = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            NewTag t = tags.get(i);
            if (t == null || t.uid() == null || !UID.matcher(t.uid()).matches()) {
                throw DomainError.invalid("tags[" + i + "].uid must be the 7-byte tag UID as 14 hex digits");
            }
            requireId("tags[" + i + "].serialNumber", t.serialNumber());
            String uid = t.uid().toUpperCase(Locale.ROOT);
            if (!uids.add(uid) || !serials.add(t.serialNumber())) {
                throw DomainError.invalid("tags[" + i + "] repeats a UID or serial number of this request");
            }
            clean.add(new NewTag(uid, t.serialNumber()));
        }
        Instant now = Instant.now();
        int registered = jdbi.inTransaction(h -> {
            ownedBatch(h, manufacturerId, batchId);
            for (NewTag t : clean) {
                if (exists(h, "SELECT COUNT(*) FROM tag WHERE uid = ?", t.uid())) {
                    throw DomainError.conflict("tag " + t.uid() + " is already registered");
                }
                if (exists(h, "SELECT COUNT(*) FROM tag WHERE batch_id = ? AND serial_number = ?", batchId, t.serialNumber())) {
                    throw DomainError.conflict("serial number " + t.serialNumber() + " is already bound in batch " + batchId);
                }
            }
            var batch = h.prepareBatch("INSERT INTO tag(uid, batch_id, serial_number, status, status_changed_at) VALUES (?, ?, ?, 'REGISTERED', ?)");
            for (NewTag t : clean) {
                batch.bind(0, t.uid()).bind(1, batchId).bind(2, t.serialNumber()).bind(3, now).add();
            }
            batch.execute();
            audit.record(h, actor, "tag.register", batchId, clean.size() + " tags");
            return clean.size();
        });
        clean.forEach(t -> facts.forgetTag(t.uid()));
        return registered;
    }

    /** Moves an item along the supply chain: SHIPPED to a store, SOLD by a store, RETURNED. */
    public Tag setStatus(String manufacturerId, String uid, String status, String storeId, String actor) {
        if (status == null || !STATUSES.contains(status)) {
            throw DomainError.invalid("status must be one of " + STATUSES);
        }
        if (!"RETURNED".equals(status) && (storeId == null || storeId.isBlank())) {
            throw DomainError.invalid("storeId (the retailer) is required for " + status);
        }
        String id = normalUid(uid);
        jdbi.useTransaction(h -> {
            Tag tag = tag(h, id).orElseThrow(() -> DomainError.notFound("tag " + uid));
            ownedBatch(h, manufacturerId, tag.batchId());
            if (storeId != null) {
                requirePartnerKind(h, storeId, "MERCHANT");
            }
            h.createUpdate("UPDATE tag SET status = ?, store_id = ?, status_changed_at = ? WHERE uid = ?")
                    .bind(0, status).bind(1, storeId).bind(2, Instant.now()).bind(3, id).execute();
            audit.record(h, actor, "tag.status", id, status + (storeId == null ? "" : " store=" + storeId));
        });
        facts.forgetTag(id);
        return tag(id).orElseThrow();
    }

    public Optional<Tag> tag(String uid) {
        String id = normalUid(uid);
        return jdbi.withHandle(h -> tag(h, id));
    }

    private static Optional<Tag> tag(Handle h, String uid) {
        return h.createQuery("SELECT t.*, b.product_id FROM tag t JOIN tag_batch b ON b.batch_id = t.batch_id WHERE uid = ?")
                .bind(0, uid)
                .map((rs, ctx) -> new Tag(rs.getString("uid"), rs.getString("batch_id"), rs.getString("product_id"),
                        rs.getString("serial_number"), rs.getString("status"), rs.getString("store_id"),
                        rs.getTimestamp("status_changed_at").toInstant(), rs.getLong("last_counter"),
                        rs.getTimestamp("last_scan_at") == null ? null : rs.getTimestamp("last_scan_at").toInstant(),
                        rs.getLong("scan_count")))
                .findOne();
    }

    public List<Scan> scans(String batchId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM tag_scan WHERE batch_id = ? ORDER BY scanned_at DESC LIMIT ?")
                .bind(0, batchId).bind(1, Math.max(1, Math.min(limit, 500)))
                .map((rs, ctx) -> new Scan(rs.getString("scan_id"), rs.getString("batch_id"), TagText.maskUid(rs.getString("uid")),
                        (Long) rs.getObject("read_counter", Long.class), rs.getString("verdict"), reasonCodes(rs.getString("reasons")),
                        rs.getString("store_id"), rs.getString("reader_id"), rs.getTimestamp("scanned_at").toInstant(),
                        Geo.rounded((Double) rs.getObject("latitude", Double.class)), Geo.rounded((Double) rs.getObject("longitude", Double.class))))
                .list());
    }

    private static List<String> reasonCodes(String json) {
        try {
            return List.of(REASONS.readValue(json, String[].class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored reasons are not JSON", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper REASONS = new com.fasterxml.jackson.databind.ObjectMapper();

    // ---- offers ----

    /** An advertiser (or the manufacturer itself) attaches content or a coupon to a product or one of its tags. */
    public Offer addOffer(String advertiserId, NewOffer req, String actor) {
        return offers.add(advertiserId, req, actor);
    }
}
