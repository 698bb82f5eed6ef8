package io.tapbus.runtime.tags;

import io.tapbus.runtime.domain.DomainError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.tag.SunException;
import io.tapbus.connector.tag.SunResult;
import io.tapbus.connector.tag.SunUrl;
import io.tapbus.connector.tag.SunVerifier;
import io.tapbus.connector.tag.TagVerdict;
import io.tapbus.rules.Decision;
import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.Reason;
import io.tapbus.rules.RuleEngine;
import io.tapbus.rules.tag.TagOffer;
import io.tapbus.rules.tag.TagScanInput;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.tapbus.runtime.observe.StageTimers;
import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.WritePath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scan of a product's tag: checks the SUN message with the batch keys, gathers what the platform knows about
 * the tag, asks the tag-authenticity rules, and records the outcome in one transaction: the tag's last read
 * counter (only ever raised, by a conditional update), the scan, coupon claims, and an alert event for the
 * manufacturer when the verdict is not GENUINE.
 */
public final class TagScanService {
    private final java.util.concurrent.atomic.LongAdder unknownBatchScans = new java.util.concurrent.atomic.LongAdder();
    private static final Logger LOG = LoggerFactory.getLogger(TagScanService.class);
    /** Each lost attempt means a racing scan of the same tag was recorded, so a few more always settle it. */
    private static final int ATTEMPTS = 16;

    private final WritePath writes;
    private final TagFacts facts;
    private final StageTimers stages;
    private final BatchKeys keys;
    private final RuleEngine rules;
    private final EventOutbox outbox;
    private final ObjectMapper json;
    private final ScanOffers offerViews = new ScanOffers();

    public TagScanService(WritePath writes, TagFacts facts, BatchKeys keys, RuleEngine rules, EventOutbox outbox, StageTimers stages,
                          ObjectMapper json) {
        this.stages = stages;
        this.writes = writes;
        this.facts = facts;
        this.keys = keys;
        this.rules = rules;
        this.outbox = outbox;
        this.json = json;
    }

    /** Where and how the tag was scanned. {@code storeId} and {@code readerId} are null for a phone scan. */
    public record ScanRequest(String batchId, SunUrl sun, Double latitude, Double longitude, String storeId, String readerId) {}

    public record OfferView(String offerId, String kind, String title, String body, String url, Long couponValueMinor,
                            String claimId, String campaignId, String couponCode) {}

    public record ProductView(String productId, String manufacturerId, String name, String description, String infoUrl) {}

    /** What the scanner sees. The serial number only for a genuine scan; the UID only masked. */
    public record ScanOutcome(String scanId, String verdict, List<Reason> reasons, String ruleSetVersion, String batchId,
                              ProductView product, String serialNumber, String tagUid, Integer readCounter, String tagTamper,
                              String storeId, String storeName, List<OfferView> offers, String warning, Instant scannedAt) {}

    /** Scans of batch ids no one registered (not stored). */
    public long unknownBatchScans() {
        return unknownBatchScans.sum();
    }

    /** Genuine scans give coupons of the campaigns that tag offers name (the pricing service) from now on. */
    public void useCoupons(TagCoupons coupons) {
        offerViews.useCoupons(coupons);
    }

    public ScanOutcome scan(ScanRequest req) {
        return scan(req, null);
    }

    /** A scan by a known person ({@code personId}, the user): coupon offers naming a campaign give that person a coupon. */
    public ScanOutcome scan(ScanRequest req, String personId) {
        long start = System.nanoTime();
        Optional<BatchKeys.Opened> batch = keys.find(req.batchId());
        SunResult sun = batch.isPresent() ? verify(batch.get(), req.sun()) : null;
        stages.record("scan", "decode", start);
        for (int attempt = 1; ; attempt++) {
            try {
                return decideAndRecord(req, batch.orElse(null), sun, personId);
            } catch (StaleCounter stale) {
                if (attempt == ATTEMPTS) {
                    throw DomainError.conflict("the tag was scanned again while this scan was recorded, " + ATTEMPTS
                            + " times: scan it again");
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
            throw DomainError.invalid(e.getMessage());
        }
    }

    private ScanOutcome decideAndRecord(ScanRequest req, BatchKeys.Opened batch, SunResult sun, String personId) {
        long start = System.nanoTime();
        Instant now = Instant.now();
        TagScanInput input = new TagScanInput();
        input.setBatchId(req.batchId());
        input.setStoreId(req.storeId());
        TagFacts.Registration tag = null;
        TagFacts.Trace trace = null;
        if (batch != null) {
            input.setBatchKnown(true);
            input.setManufacturerId(batch.manufacturerId);
            input.setProductId(batch.productId);
            input.setMacValid(sun.macValid());
            input.setReadCounter(sun.readCounter());
            input.setTamperStatus(tamper(sun.tagTamper()));
            if (sun.macValid() && sun.uidHex() != null) {
                tag = facts.registration(sun.uidHex()).filter(t -> t.batchId().equals(req.batchId())).orElse(null);
                trace = tag == null ? null : facts.trace(tag.uid());
            }
        }
        List<TagFacts.OfferRow> offers = List.of();
        if (tag != null && trace != null) {
            input.setTagRegistered(true);
            input.setLastCounter(trace.lastCounter());
            input.setTagStatus(tag.status());
            input.setSoldAtStoreId("SOLD".equals(tag.status()) ? tag.storeId() : null);
            if (req.latitude() != null && trace.lastLat() != null && trace.lastPositionAt() != null) {
                input.setDistanceKmFromLastScan(Geo.km(trace.lastLat(), trace.lastLon(), req.latitude(), req.longitude()));
                input.setSecondsSinceLastScan(Math.max(0, Duration.between(trace.lastPositionAt(), now).toSeconds()));
            }
            offers = facts.offers(batch.productId, tag.uid(), now);
            List<TagOffer> offerFacts = new ArrayList<>();
            offers.forEach(o -> offerFacts.add(new TagOffer(o.offerId(), o.advertiserId(), o.kind(), o.storeId())));
            input.setOffers(offerFacts);
        } else {
            tag = null;
        }

        stages.record("scan", "facts", start);
        long decideStart = System.nanoTime();
        Decision decision = rules.decide(DecisionCatalog.TAG_AUTHENTICITY, input);
        stages.record("scan", "decide", decideStart);
        TagFacts.Registration scanned = tag;
        TagFacts.Trace seen = trace;
        List<TagFacts.OfferRow> candidates = offers;
        String scanId;
        List<OfferView> shown;
        if (batch == null) {
            // anyone can make up batch ids: counted, not stored one row each (nothing to trace, no one to alert)
            unknownBatchScans.increment();
            scanId = null;
            shown = List.of();
        } else {
            scanId = io.tapbus.rules.TimeOrderedId.next();
            long writeStart = System.nanoTime();
            shown = writes.execute(b -> record(b, req, batch, sun, scanned, seen, decision, scanId, candidates, personId,
                    now));
            stages.record("scan", "durable_write", writeStart);
        }

        String verdict = decision.getVerdict();
        if (batch != null && !TagVerdict.GENUINE.name().equals(verdict)) {
            LOG.info("tag scan {} of batch {} tag {}: {} {}", scanId, req.batchId(), TagText.maskUid(sun.uidHex()), verdict,
                    decision.reasonCodes());
        }
        boolean genuine = TagVerdict.GENUINE.name().equals(verdict);
        Object warning = decision.getOutputs().get("warning");
        return new ScanOutcome(scanId, verdict, decision.getReasons(), decision.getRuleSetVersion(), req.batchId(),
                batch == null ? null : facts.product(batch.productId), genuine ? tag.serial() : null,
                sun == null ? null : TagText.maskUid(sun.uidHex()), sun == null || sun.readCounter() < 0 ? null : sun.readCounter(),
                sun == null ? null : sun.tagTamper(), req.storeId(), req.storeId() == null ? null : facts.storeName(req.storeId()), shown,
                warning == null ? null : warning.toString(), now);
    }

    /**
     * The scan's write unit: the tag's counter only rises (a counter another scan moved since the facts
     * were read means deciding again), the scan row, coupon claims or campaign coupons and the manufacturer's alert.
     */
    private List<OfferView> record(Batch b, ScanRequest req, BatchKeys.Opened batch, SunResult sun, TagFacts.Registration tag,
                                   TagFacts.Trace seen, Decision decision, String scanId, List<TagFacts.OfferRow> offers, String personId,
                                   Instant now) {
        String verdict = decision.getVerdict();
        if (tag != null && sun.readCounter() > seen.lastCounter()) {
            TagFacts.Trace current = b.state(facts.traces, tag.uid());
            if (current.lastCounter() != seen.lastCounter()) {
                throw new StaleCounter();
            }
            boolean located = req.latitude() != null;
            b.put(facts.traces, tag.uid(), new TagFacts.Trace(sun.readCounter(), current.scanCount() + 1, now,
                    located ? req.latitude() : current.lastLat(), located ? req.longitude() : current.lastLon(),
                    located ? now : current.lastPositionAt()));
        }
        b.stage("INSERT INTO tag_scan(scan_id, batch_id, uid, read_counter, verdict, reasons, rule_set_version, store_id,"
                        + " reader_id, latitude, longitude, scanned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                scanId, req.batchId(), sun == null ? null : sun.uidHex(), sun == null || sun.readCounter() < 0 ? null : (long) sun.readCounter(),
                verdict, text(decision.reasonCodes()), decision.getRuleSetVersion(), req.storeId(), req.readerId(),
                req.latitude(), req.longitude(), now);
        List<OfferView> shown = offerViews.show(b, decision, offers, tag == null ? null : tag.uid(), scanId, personId, now);
        if (batch != null && !TagVerdict.GENUINE.name().equals(verdict)) {
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
            outbox.add(b, BusinessEvent.of("tag.alert", scanId, req.batchId(), batch.manufacturerId, data));
        }
        return shown;
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

    /** Another scan of the same tag moved its counter between our read and our update: decide again on fresh facts. */
    private static final class StaleCounter extends RuntimeException {
        StaleCounter() {
            super(null, null, false, false);
        }
    }
}
