package io.tapbus.runtime.tags;

import io.tapbus.runtime.write.StateTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * What a scan is judged on, held in memory after the first read: each tag's registration (batch, serial,
 * supply-chain status) and its last counter and position, each product's offers and description. The
 * counter and position are state the write path owns (changed only by the writer, written once per
 * batch); the rest changes through {@link TagRegistry}, which forgets what it changed.
 */
public final class TagFacts {
    /** A tag as registered: which batch, which item, where it is in the supply chain. */
    public record Registration(String uid, String batchId, String serial, String status, String storeId) {}

    /** What scans leave on a tag: the highest counter seen, how many scans, the last known position. */
    public record Trace(long lastCounter, long scanCount, Instant lastScanAt, Double lastLat, Double lastLon, Instant lastPositionAt) {}

    record OfferRow(String offerId, String advertiserId, String kind, String storeId, String title, String body, String url,
                    Long couponValueMinor, String uid, Instant validUntil, String campaignId) {}

    private final Jdbi jdbi;
    private final Map<String, Optional<Registration>> registrations = new ConcurrentHashMap<>();
    private final Map<String, List<OfferRow>> offers = new ConcurrentHashMap<>();
    private final Map<String, Optional<TagScanService.ProductView>> products = new ConcurrentHashMap<>();
    private final Map<String, StoreName> storeNames = new ConcurrentHashMap<>();
    final StateTable<String, Trace> traces;

    private record StoreName(String name, long until) {}

    public TagFacts(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.traces = new StateTable<>("tag.last_counter", jdbi,
                (h, uid) -> h.createQuery("SELECT last_counter, scan_count, last_scan_at, last_latitude, last_longitude, last_position_at"
                                + " FROM tag WHERE uid = ?").bind(0, uid)
                        .map((rs, ctx) -> new Trace(rs.getLong(1), rs.getLong(2), instant(rs.getTimestamp(3)),
                                rs.getObject(4, Double.class), rs.getObject(5, Double.class), instant(rs.getTimestamp(6))))
                        .findOne().orElse(null),
                (batch, uid, t, exists) -> batch.stage("UPDATE tag SET last_counter = ?, scan_count = ?, last_scan_at = ?, last_latitude = ?,"
                                + " last_longitude = ?, last_position_at = ? WHERE uid = ?", t.lastCounter(), t.scanCount(), t.lastScanAt(),
                        t.lastLat(), t.lastLon(), t.lastPositionAt(), uid));
    }

    public Optional<Registration> registration(String uid) {
        return registrations.computeIfAbsent(uid, id -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT uid, batch_id, serial_number, status, store_id FROM tag WHERE uid = ?").bind(0, id)
                .map((rs, ctx) -> new Registration(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .findOne()));
    }

    /** The tag's last durable trace (for gathering facts). */
    public Trace trace(String uid) {
        return traces.read(uid);
    }

    /** The product's offers that apply to this tag now. */
    List<OfferRow> offers(String productId, String uid, Instant now) {
        return offers.computeIfAbsent(productId, id -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT offer_id, advertiser_id, kind, store_id, title, body, url, coupon_value_minor, uid, valid_until, campaign_id FROM tag_offer"
                                + " WHERE product_id = ? ORDER BY created_at").bind(0, id)
                .map((rs, ctx) -> new OfferRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getObject(8, Long.class), rs.getString(9), instant(rs.getTimestamp(10)),
                        rs.getString(11)))
                .list()))
                .stream()
                .filter(o -> o.uid() == null || o.uid().equals(uid))
                .filter(o -> o.validUntil() == null || o.validUntil().isAfter(now))
                .toList();
    }

    TagScanService.ProductView product(String productId) {
        return products.computeIfAbsent(productId, id -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT product_id, manufacturer_id, name, description, info_url FROM product WHERE product_id = ?").bind(0, id)
                .map((rs, ctx) -> new TagScanService.ProductView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .findOne())).orElse(null);
    }

    /** A store's name, kept for 30 s. */
    String storeName(String storeId) {
        StoreName known = storeNames.get(storeId);
        long now = System.currentTimeMillis();
        if (known == null || known.until() < now) {
            String name = jdbi.withHandle(h -> h.createQuery("SELECT name FROM partner WHERE partner_id = ? AND kind = 'MERCHANT'")
                    .bind(0, storeId).mapTo(String.class).findOne().orElse(null));
            known = new StoreName(name, now + 30_000);
            storeNames.put(storeId, known);
        }
        return known.name();
    }

    /** After a tag was registered or moved along the supply chain. */
    public void forgetTag(String uid) {
        registrations.remove(uid);
    }

    /** After an offer was added for a product. */
    public void forgetOffers(String productId) {
        offers.remove(productId);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
