package io.tapbus.runtime.tags;

import io.tapbus.runtime.domain.DomainError;
import static io.tapbus.runtime.tags.TagRequestChecks.normalUid;
import static io.tapbus.runtime.tags.TagRequestChecks.requirePartnerKind;
import static io.tapbus.runtime.tags.TagRequestChecks.requireUrl;

import io.tapbus.runtime.platform.AuditLog;
import io.tapbus.runtime.tags.TagRegistry.NewOffer;
import io.tapbus.runtime.tags.TagRegistry.Offer;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Advertisers' offers (content or coupons) attached to a product or one of its tags; audited. */
final class TagOffers {
    private final Jdbi jdbi;
    private final AuditLog audit;
    /** Told about every offer change after its commit. */
    private final TagFacts facts;
    /** Checks the campaign an offer names (the pricing service, once wired). */
    private volatile TagCoupons coupons = TagCoupons.NONE;

    TagOffers(Jdbi jdbi, AuditLog audit, TagFacts facts) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.facts = facts;
    }

    void useCoupons(TagCoupons coupons) {
        this.coupons = coupons;
    }

    /** An advertiser (or the manufacturer itself) attaches content or a coupon to a product or one of its tags. */
    Offer add(String advertiserId, NewOffer req, String actor) {
        if (req.kind() == null || !(req.kind().equals("CONTENT") || req.kind().equals("COUPON"))) {
            throw DomainError.invalid("kind must be CONTENT or COUPON");
        }
        if (req.title() == null || req.title().isBlank() || req.title().length() > 200) {
            throw DomainError.invalid("title is required, at most 200 characters");
        }
        if (req.body() != null && req.body().length() > 2000) {
            throw DomainError.invalid("body is longer than 2000 characters");
        }
        requireUrl("url", req.url());
        if (req.kind().equals("COUPON") && (req.couponValueMinor() == null || req.couponValueMinor() <= 0)) {
            throw DomainError.invalid("a COUPON needs couponValueMinor > 0 (minor units, fen)");
        }
        if (req.campaignId() != null) {
            if (!req.kind().equals("COUPON")) {
                throw DomainError.invalid("campaignId: only a COUPON offer names a campaign");
            }
            coupons.checkLink(advertiserId, req.campaignId());
        }
        String uid = req.uid() == null ? null : normalUid(req.uid());
        String offerId = "OF-" + UUID.randomUUID().toString().substring(0, 18);
        jdbi.useTransaction(h -> {
            String kind = h.createQuery("SELECT kind FROM partner WHERE partner_id = ?").bind(0, advertiserId).mapTo(String.class)
                    .findOne().orElseThrow(() -> DomainError.notFound("partner " + advertiserId));
            String maker = h.createQuery("SELECT manufacturer_id FROM product WHERE product_id = ?").bind(0, req.productId())
                    .mapTo(String.class).findOne().orElseThrow(() -> DomainError.notFound("product " + req.productId()));
            if (!kind.equals("ADVERTISER") && !maker.equals(advertiserId)) {
                throw DomainError.forbidden("offers come from advertisers or from the product's manufacturer");
            }
            if (req.storeId() != null) {
                requirePartnerKind(h, req.storeId(), "MERCHANT");
            }
            h.createUpdate("INSERT INTO tag_offer(offer_id, advertiser_id, product_id, uid, store_id, kind, title, body, url,"
                            + " coupon_value_minor, valid_until, created_at, campaign_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .bind(0, offerId).bind(1, advertiserId).bind(2, req.productId()).bind(3, uid).bind(4, req.storeId())
                    .bind(5, req.kind()).bind(6, req.title()).bind(7, req.body()).bind(8, req.url()).bind(9, req.couponValueMinor())
                    .bind(10, req.validUntil()).bind(11, Instant.now()).bind(12, req.campaignId()).execute();
            audit.record(h, actor, "tag-offer.add", offerId, "product=" + req.productId() + " kind=" + req.kind());
        });
        facts.forgetOffers(req.productId());
        return new Offer(offerId, advertiserId, req.productId(), uid, req.storeId(), req.kind(), req.title(), req.body(), req.url(),
                req.couponValueMinor(), req.validUntil(), req.campaignId());
    }
}
