package io.tapbus.runtime.tags;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.tag.SunException;
import io.tapbus.connector.tag.SunResult;
import io.tapbus.connector.tag.SunUrl;
import io.tapbus.connector.tag.SunVerifier;
import io.tapbus.rules.Decision;
import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.Reason;
import io.tapbus.rules.RuleEngine;
import io.tapbus.rules.tag.TagOffer;
import io.tapbus.rules.tag.TagScanInput;
import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.db.Sql;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scan of a product's tag: checks the SUN message with the batch keys, gathers what the platform knows about
 * the tag, asks the tag-authenticity rules, and records the outcome in one transaction: the tag's last read
 * counter (only ever raised, by a conditional update), the scan, coupon claims, and an alert event for the
 * manufacturer when the verdict is not GENUINE.
 */
public final class TagScanService {
    private static final Logger LOG = LoggerFactory.getLogger(TagScanService.class);
    private static final int ATTEMPTS = 3;

    private final Jdbi jdbi;
    private final BatchKeys keys;
    private final RuleEngine rules;
    private final EventOutbox outbox;
    private final ObjectMapper json;

    public TagScanService(Jdbi jdbi, BatchKeys keys, RuleEngine rules, EventOutbox outbox, ObjectMapper json) {
        this.jdbi = jdbi;
        this.keys = keys;
        this.rules = rules;
        this.outbox = outbox;
        this.json = json;
    }

    /** Where and how the tag was scanned. {@code storeId} and {@code readerId} are null for a phone scan. */
    public record ScanRequest(String batchId, SunUrl sun, Double latitude, Double longitude, String storeId, String readerId) {}

    public record OfferView(String offerId, String kind, String title, String body, String url, Long couponValueMinor,
                            String claimId) {}

    public record ProductView(String productId, String manufacturerId, String name, String description, String infoUrl) {}

    /** What the scanner sees. The serial number only for a genuine scan; the UID only masked. */
    public record ScanOutcome(String scanId, String verdict, List<Reason> reasons, String ruleSetVersion, String batchId,
                              ProductView product, String serialNumber, String tagUid, Integer readCounter, String tagTamper,
                              String storeId, String storeName, List<OfferView> offers, String warning, Instant scannedAt) {}

    public ScanOutcome scan(ScanRequest req) {
        Optional<BatchKeys.Opened> batch = keys.find(req.batchId());
        SunResult sun = batch.isPresent() ? verify(batch.get(), req.sun()) : null;
        for (int attempt = 1; ; attempt++) {
            try {
                return decideAndRecord(req, batch.orElse(null), sun);
            } catch (StaleCounter stale) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("tag counter kept changing under " + ATTEMPTS + " attempts");
                }
            }
        }
    }

    private static SunResult verify(BatchKeys.Opened batch, SunUrl url) {
        try {
            String macInput = SunVerifier.defaultMacInput(url.enc(), url.macParameter());
            if (url.piccData() != null) {
                if (url.uid() != null || url.ctr() != null) {
                    throw new SunException("give either picc_data (encrypted mirroring) or uid and ctr (plain mirroring), not both");
                }
                SunResult result = batch.batchVerifier.verifyEncrypted(url.piccData(), url.enc(), url.cmac(), macInput);
                if (batch.diversified() && result.uidHex() != null) {
                    result = batch.verifierFor(HexFormat.of().parseHex(result.uidHex()))
                            .verifyEncrypted(url.piccData(), url.enc(), url.cmac(), macInput);
                }
                return result;
            }
            if (url.uid() == null || url.ctr() == null) {
                throw new SunException("give picc_data and cmac (encrypted mirroring) or uid, ctr and cmac (plain mirroring)");
            }
            SunVerifier verifier = batch.diversified() ? batch.verifierFor(HexInputs.uid(url.uid())) : batch.batchVerifier;
            return verifier.verifyPlain(url.uid(), url.ctr(), url.enc(), url.cmac(), macInput);
        } catch (SunException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
    }

    private record TagRow(String uid, String batchId, String serial, String status, String storeId, long lastCounter,
                          Double lastLat, Double lastLon, Instant lastPositionAt) {}

    private ScanOutcome decideAndRecord(ScanRequest req, BatchKeys.Opened batch, SunResult sun) {
        Instant now = Instant.now();
        return jdbi.inTransaction(h -> {
            TagScanInput input = new TagScanInput();
            input.setBatchId(req.batchId());
            input.setStoreId(req.storeId());
            TagRow tag = null;
            if (batch != null) {
                input.setBatchKnown(true);
                input.setManufacturerId(batch.manufacturerId);
                input.setProductId(batch.productId);
                input.setMacValid(sun.macValid());
                input.setReadCounter(sun.readCounter());
                input.setTamperStatus(tamper(sun.tagTamper()));
                if (sun.macValid() && sun.uidHex() != null) {
                    tag = Sql.queryOne(h, "SELECT uid, batch_id, serial_number, status, store_id, last_counter, last_latitude,"
                                    + " last_longitude, last_position_at FROM tag WHERE uid = ?",
                            rs -> new TagRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                    rs.getLong(6), (Double) rs.getObject(7, Double.class), (Double) rs.getObject(8, Double.class),
                                    toInstant(rs.getTimestamp(9))),
                            sun.uidHex()).filter(t -> t.batchId().equals(req.batchId())).orElse(null);
                }
            }
            List<OfferRow> offers = List.of();
            if (tag != null) {
                input.setTagRegistered(true);
                input.setLastCounter(tag.lastCounter());
                input.setTagStatus(tag.status());
                input.setSoldAtStoreId("SOLD".equals(tag.status()) ? tag.storeId() : null);
                if (req.latitude() != null && tag.lastLat() != null && tag.lastPositionAt() != null) {
                    input.setDistanceKmFromLastScan(Geo.km(tag.lastLat(), tag.lastLon(), req.latitude(), req.longitude()));
                    input.setSecondsSinceLastScan(Math.max(0, Duration.between(tag.lastPositionAt(), now).toSeconds()));
                }
                offers = offers(h, batch.productId, tag.uid(), now);
                List<TagOffer> facts = new ArrayList<>();
                offers.forEach(o -> facts.add(new TagOffer(o.offerId, o.advertiserId, o.kind, o.storeId)));
                input.setOffers(facts);
            }

            Decision decision = rules.decide(DecisionCatalog.TAG_AUTHENTICITY, input);
            String verdict = decision.getVerdict();
            String scanId = UUID.randomUUID().toString();

            if (tag != null && sun.readCounter() > tag.lastCounter()) {
                int moved = req.latitude() == null
                        ? Sql.update(h, "UPDATE tag SET last_counter = ?, last_scan_at = ?, scan_count = scan_count + 1"
                        + " WHERE uid = ? AND last_counter = ?", sun.readCounter(), now, tag.uid(), tag.lastCounter())
                        : Sql.update(h, "UPDATE tag SET last_counter = ?, last_scan_at = ?, scan_count = scan_count + 1,"
                        + " last_latitude = ?, last_longitude = ?, last_position_at = ? WHERE uid = ? AND last_counter = ?",
                        sun.readCounter(), now, req.latitude(), req.longitude(), now, tag.uid(), tag.lastCounter());
                if (moved == 0) {
                    throw new StaleCounter();
                }
            }
            Sql.update(h, "INSERT INTO tag_scan(scan_id, batch_id, uid, read_counter, verdict, reasons, rule_set_version, store_id,"
                            + " reader_id, latitude, longitude, scanned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    scanId, req.batchId(), sun == null ? null : sun.uidHex(), sun == null || sun.readCounter() < 0 ? null : (long) sun.readCounter(),
                    verdict, text(decision.reasonCodes()), decision.getRuleSetVersion(), req.storeId(), req.readerId(),
                    req.latitude(), req.longitude(), now);

            List<OfferView> shown = new ArrayList<>();
            Object chosen = decision.getOutputs().get("offerIds");
            if (chosen instanceof List<?> ids) {
                for (OfferRow o : offers) {
                    if (ids.contains(o.offerId)) {
                        String claimId = "COUPON".equals(o.kind) ? claim(h, o.offerId, tag.uid(), scanId, now) : null;
                        shown.add(new OfferView(o.offerId, o.kind, o.title, o.body, o.url, o.couponValueMinor, claimId));
                    }
                }
            }
            if (batch != null && !"GENUINE".equals(verdict)) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("scanId", scanId);
                data.put("batchId", req.batchId());
                data.put("productId", batch.productId);
                data.put("tagUid", TagText.maskUid(sun.uidHex()));
                data.put("readCounter", sun.readCounter());
                data.put("verdict", verdict);
                data.put("reasons", decision.getReasons());
                data.put("storeId", req.storeId());
                data.put("readerId", req.readerId());
                data.put("ruleSetVersion", decision.getRuleSetVersion());
                outbox.add(h, BusinessEvent.of("tag.alert", scanId, req.batchId(), batch.manufacturerId, data));
                LOG.info("tag scan {} of batch {} tag {}: {} {}", scanId, req.batchId(), TagText.maskUid(sun.uidHex()), verdict,
                        decision.reasonCodes());
            }

            ProductView product = batch == null ? null : product(h, batch.productId);
            boolean genuine = "GENUINE".equals(verdict);
            Object warning = decision.getOutputs().get("warning");
            return new ScanOutcome(scanId, verdict, decision.getReasons(), decision.getRuleSetVersion(), req.batchId(), product,
                    genuine ? tag.serial() : null, sun == null ? null : TagText.maskUid(sun.uidHex()),
                    sun == null || sun.readCounter() < 0 ? null : sun.readCounter(), sun == null ? null : sun.tagTamper(),
                    req.storeId(), req.storeId() == null ? null : Sql.queryString(h, "SELECT name FROM partner WHERE partner_id = ?"
                    + " AND kind = 'MERCHANT'", req.storeId()), shown, warning == null ? null : warning.toString(), now);
        });
    }

    private record OfferRow(String offerId, String advertiserId, String kind, String storeId, String title, String body, String url,
                            Long couponValueMinor) {}

    private static List<OfferRow> offers(Handle h, String productId, String uid, Instant now) {
        return Sql.queryList(h, "SELECT offer_id, advertiser_id, kind, store_id, title, body, url, coupon_value_minor FROM tag_offer"
                        + " WHERE product_id = ? AND (uid IS NULL OR uid = ?) AND (valid_until IS NULL OR valid_until > ?) ORDER BY created_at",
                rs -> new OfferRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), (Long) rs.getObject(8, Long.class)),
                productId, uid, now);
    }

    /** Claims the coupon for this tag once; a later genuine scan shows the same claim. */
    private static String claim(Handle h, String offerId, String uid, String scanId, Instant now) {
        String claimId = "CL-" + UUID.randomUUID().toString().substring(0, 18);
        Sql.update(h, "INSERT INTO coupon_claim(claim_id, offer_id, uid, scan_id, status, claimed_at) SELECT ?, ?, ?, ?, 'CLAIMED', ?"
                + " WHERE NOT EXISTS (SELECT 1 FROM coupon_claim WHERE offer_id = ? AND uid = ?)", claimId, offerId, uid, scanId, now,
                offerId, uid);
        return Sql.queryString(h, "SELECT claim_id FROM coupon_claim WHERE offer_id = ? AND uid = ?", offerId, uid);
    }

    private static ProductView product(Handle h, String productId) {
        return Sql.queryOne(h, "SELECT product_id, manufacturer_id, name, description, info_url FROM product WHERE product_id = ?",
                rs -> new ProductView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                productId).orElse(null);
    }

    /** TagTamper letters as the rules name them. */
    static String tamper(String letters) {
        if (letters == null || letters.length() != 2 || letters.indexOf('I') >= 0) {
            return null;
        }
        if (letters.charAt(1) == 'O') {
            return "OPEN";
        }
        return letters.charAt(0) == 'O' ? "OPENED_BEFORE" : "CLOSED";
    }

    private String text(List<String> codes) {
        try {
            return json.writeValueAsString(codes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant toInstant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** Another scan of the same tag moved its counter between our read and our update: decide again on fresh facts. */
    private static final class StaleCounter extends RuntimeException {
        StaleCounter() {
            super(null, null, false, false);
        }
    }
}
