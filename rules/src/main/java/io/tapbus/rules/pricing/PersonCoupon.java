package io.tapbus.rules.pricing;

import java.time.Instant;

/**
 * A coupon the person holds or names at payment: its code, its campaign, its state (ISSUED, CLAIMED, REDEEMED,
 * EXPIRED, REVOKED) and until when it is valid (null: as long as the campaign).
 */
public final class PersonCoupon {
    private String code;
    private String campaignId;
    private String state;
    private Instant validUntil;

    public PersonCoupon() {
    }

    public PersonCoupon(String code, String campaignId, String state, Instant validUntil) {
        this.code = code;
        this.campaignId = campaignId;
        this.state = state;
        this.validUntil = validUntil;
    }

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getCampaignId() { return campaignId; }
    public void setCampaignId(String campaignId) { this.campaignId = campaignId; }
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }
    public Instant getValidUntil() { return validUntil; }
    public void setValidUntil(Instant validUntil) { this.validUntil = validUntil; }

    /** ISSUED or CLAIMED and not past its date at {@code at}. */
    public boolean usableAt(Instant at) {
        return ("ISSUED".equals(state) || "CLAIMED".equals(state)) && !expiredAt(at);
    }

    public boolean expiredAt(Instant at) {
        return "EXPIRED".equals(state) || validUntil != null && at != null && !at.isBefore(validUntil);
    }
}
