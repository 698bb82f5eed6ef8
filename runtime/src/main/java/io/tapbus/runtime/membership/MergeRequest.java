package io.tapbus.runtime.membership;

/**
 * A request to merge a retailer's card onto a universal card, with the retailer's record of the card's member.
 * {@code consent}: the retailer attests that the holder agreed (audited as the retailer's word); without it the
 * holder's own consent for the purpose {@code membership-merge} recorded at TapBus counts.
 */
public record MergeRequest(String programmeId, String memberNumber, String cardUid, String tier, String memberSince,
                           Long points, Boolean consent, String holderName, String holderPhone, String holderIdNumber,
                           String convertPointsTo) {
}
