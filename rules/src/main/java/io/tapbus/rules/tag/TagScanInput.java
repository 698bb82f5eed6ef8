package io.tapbus.rules.tag;

import java.util.ArrayList;
import java.util.List;

/**
 * Facts about one scan of an NFC tag (NTAG 424 DNA SUN message), as the platform knows them after checking the
 * message's cryptography against the batch keys and reading what it stored about the tag.
 *
 * <p>A plain JavaBean so that DRL constraints ({@code readCounter <= lastCounter}) and Jackson can read it.
 */
public class TagScanInput {
    private String batchId;
    private boolean batchKnown;
    private String manufacturerId;
    private String productId;
    private boolean tagRegistered;
    private boolean macValid;
    private long readCounter;
    private long lastCounter = -1;
    private String tagStatus;
    private String soldAtStoreId;
    private String storeId;
    private long secondsSinceLastScan = -1;
    private double distanceKmFromLastScan = -1;
    private String tamperStatus;
    private List<TagOffer> offers = new ArrayList<>();

    /** The batch the tag's URL names. */
    public String getBatchId() {
        return batchId;
    }

    public void setBatchId(String batchId) {
        this.batchId = batchId;
    }

    /** False when no batch with that id is registered: the message could not be checked at all. */
    public boolean isBatchKnown() {
        return batchKnown;
    }

    public void setBatchKnown(boolean batchKnown) {
        this.batchKnown = batchKnown;
    }

    public String getManufacturerId() {
        return manufacturerId;
    }

    public void setManufacturerId(String manufacturerId) {
        this.manufacturerId = manufacturerId;
    }

    public String getProductId() {
        return productId;
    }

    public void setProductId(String productId) {
        this.productId = productId;
    }

    /** True when the tag's UID is registered in the batch (bound to a product serial number). */
    public boolean isTagRegistered() {
        return tagRegistered;
    }

    public void setTagRegistered(boolean tagRegistered) {
        this.tagRegistered = tagRegistered;
    }

    /** True when the SDMMAC (or the plain mirroring CMAC) checked out with the batch keys. */
    public boolean isMacValid() {
        return macValid;
    }

    public void setMacValid(boolean macValid) {
        this.macValid = macValid;
    }

    /** The SDM read counter the tag reported in this scan. */
    public long getReadCounter() {
        return readCounter;
    }

    public void setReadCounter(long readCounter) {
        this.readCounter = readCounter;
    }

    /** The highest read counter accepted before for this tag; -1 when the tag was never scanned. */
    public long getLastCounter() {
        return lastCounter;
    }

    public void setLastCounter(long lastCounter) {
        this.lastCounter = lastCounter;
    }

    /** REGISTERED, SHIPPED, SOLD or RETURNED; null when the tag is not registered. */
    public String getTagStatus() {
        return tagStatus;
    }

    public void setTagStatus(String tagStatus) {
        this.tagStatus = tagStatus;
    }

    /** The store (retailer partner id) that sold the item, when it is SOLD. */
    public String getSoldAtStoreId() {
        return soldAtStoreId;
    }

    public void setSoldAtStoreId(String soldAtStoreId) {
        this.soldAtStoreId = soldAtStoreId;
    }

    /** The store where this scan happened (a reader's merchant, or the store the app says); null when unknown. */
    public String getStoreId() {
        return storeId;
    }

    public void setStoreId(String storeId) {
        this.storeId = storeId;
    }

    /** Seconds since the last accepted scan that had a position; -1 when there is none. */
    public long getSecondsSinceLastScan() {
        return secondsSinceLastScan;
    }

    public void setSecondsSinceLastScan(long secondsSinceLastScan) {
        this.secondsSinceLastScan = secondsSinceLastScan;
    }

    /** Great-circle distance to the last accepted scan's position in km; -1 when either position is unknown. */
    public double getDistanceKmFromLastScan() {
        return distanceKmFromLastScan;
    }

    public void setDistanceKmFromLastScan(double distanceKmFromLastScan) {
        this.distanceKmFromLastScan = distanceKmFromLastScan;
    }

    /**
     * The tamper loop of an NTAG 424 DNA TT: CLOSED (intact), OPEN (open now), OPENED_BEFORE (closed now but
     * opened at some time); null when the tag does not mirror it.
     */
    public String getTamperStatus() {
        return tamperStatus;
    }

    public void setTamperStatus(String tamperStatus) {
        this.tamperStatus = tamperStatus;
    }

    /** Advertiser content and coupons attached to the product or the tag; rules pick what the scan shows. */
    public List<TagOffer> getOffers() {
        return offers;
    }

    public void setOffers(List<TagOffer> offers) {
        this.offers = offers == null ? new ArrayList<>() : offers;
    }

    /** Without the tag UID: inputs end up in logs. */
    @Override
    public String toString() {
        return "TagScanInput[batch=" + batchId + (batchKnown ? "" : " unknown") + ", manufacturer=" + manufacturerId
                + ", product=" + productId + ", registered=" + tagRegistered + ", macValid=" + macValid
                + ", counter=" + readCounter + " last=" + lastCounter + ", status=" + tagStatus + ", store=" + storeId
                + ", soldAt=" + soldAtStoreId + ", tamper=" + tamperStatus + ", offers=" + offers.size() + "]";
    }
}
