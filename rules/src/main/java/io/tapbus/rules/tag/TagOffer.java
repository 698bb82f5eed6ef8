package io.tapbus.rules.tag;

/** Advertiser content or a coupon attached to a product or a single tag, offered to scans that the rules allow. */
public class TagOffer {
    private String offerId;
    private String advertiserId;
    private String kind;
    private String storeId;

    public TagOffer() {
    }

    public TagOffer(String offerId, String advertiserId, String kind, String storeId) {
        this.offerId = offerId;
        this.advertiserId = advertiserId;
        this.kind = kind;
        this.storeId = storeId;
    }

    public String getOfferId() {
        return offerId;
    }

    public void setOfferId(String offerId) {
        this.offerId = offerId;
    }

    public String getAdvertiserId() {
        return advertiserId;
    }

    public void setAdvertiserId(String advertiserId) {
        this.advertiserId = advertiserId;
    }

    /** CONTENT (information shown on the spot) or COUPON (claimed by the scan). */
    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    /** Only for scans in this store; null for every place. */
    public String getStoreId() {
        return storeId;
    }

    public void setStoreId(String storeId) {
        this.storeId = storeId;
    }

    @Override
    public String toString() {
        return "TagOffer[" + offerId + " " + kind + " by " + advertiserId + (storeId == null ? "" : " at " + storeId) + "]";
    }
}
