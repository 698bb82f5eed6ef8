package io.tapbus.rules.pricing;

/** Why a campaign does not apply to this basket (inserted by an eligibility rule). */
public record OfferRefusal(String campaignId, String code, String message) {
}
