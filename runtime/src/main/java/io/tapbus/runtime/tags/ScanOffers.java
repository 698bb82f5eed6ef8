package io.tapbus.runtime.tags;

import io.tapbus.rules.Decision;
import io.tapbus.runtime.db.Sql;
import io.tapbus.runtime.tags.TagScanService.OfferView;
import io.tapbus.runtime.write.Batch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The offers a scan shows, in the scan's write unit: those the tag-authenticity rules chose ({@code offerIds}). A coupon
 * offer that names a campaign gives a known person one coupon of that campaign; any other coupon offer is claimed
 * once per tag ({@code coupon_claim}).
 */
final class ScanOffers {
    private volatile TagCoupons coupons = TagCoupons.NONE;

    void useCoupons(TagCoupons coupons) {
        this.coupons = coupons;
    }

    /** {@code personId} is null for an anonymous scan: a campaign's offer is shown then, without a coupon. */
    List<OfferView> show(Batch b, Decision decision, List<TagFacts.OfferRow> offers, String uid, String scanId, String personId,
                         Instant now) {
        List<OfferView> shown = new ArrayList<>();
        Object chosen = decision.getOutputs().get("offerIds");
        if (!(chosen instanceof List<?> ids)) {
            return shown;
        }
        for (TagFacts.OfferRow o : offers) {
            if (!ids.contains(o.offerId())) {
                continue;
            }
            String claimId = null;
            String couponCode = null;
            if ("COUPON".equals(o.kind()) && o.campaignId() != null) {
                couponCode = personId == null ? null : coupons.issue(b, o.campaignId(), personId);
            } else if ("COUPON".equals(o.kind())) {
                claimId = claim(b.handle(), o.offerId(), uid, scanId, now);
            }
            shown.add(new OfferView(o.offerId(), o.kind(), o.title(), o.body(), o.url(), o.couponValueMinor(), claimId,
                    o.campaignId(), couponCode));
        }
        return shown;
    }

    /** Claims the coupon for this tag once; a later genuine scan shows the same claim. */
    private static String claim(Handle h, String offerId, String uid, String scanId, Instant now) {
        String claimId = "CL-" + UUID.randomUUID().toString().substring(0, 18);
        Sql.update(h, "INSERT INTO coupon_claim(claim_id, offer_id, uid, scan_id, status, claimed_at) SELECT ?, ?, ?, ?, 'CLAIMED', ?"
                + " WHERE NOT EXISTS (SELECT 1 FROM coupon_claim WHERE offer_id = ? AND uid = ?)", claimId, offerId, uid, scanId, now,
                offerId, uid);
        return Sql.queryString(h, "SELECT claim_id FROM coupon_claim WHERE offer_id = ? AND uid = ?", offerId, uid);
    }
}
