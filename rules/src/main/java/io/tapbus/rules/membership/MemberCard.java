package io.tapbus.rules.membership;

/**
 * A membership card of a retailer's programme: the one being merged, or one the person already has on the
 * universal card. {@code memberSince} is an ISO date (2019-04-01); an earlier date is an older card.
 */
public class MemberCard {
    private String programmeId;
    private String memberNumber;
    private String tier;
    private String memberSince;

    public MemberCard() {
    }

    public MemberCard(String programmeId, String memberNumber, String tier, String memberSince) {
        this.programmeId = programmeId;
        this.memberNumber = memberNumber;
        this.tier = tier;
        this.memberSince = memberSince;
    }

    public String getProgrammeId() {
        return programmeId;
    }

    public void setProgrammeId(String programmeId) {
        this.programmeId = programmeId;
    }

    public String getMemberNumber() {
        return memberNumber;
    }

    public void setMemberNumber(String memberNumber) {
        this.memberNumber = memberNumber;
    }

    public String getTier() {
        return tier;
    }

    public void setTier(String tier) {
        this.tier = tier;
    }

    public String getMemberSince() {
        return memberSince;
    }

    public void setMemberSince(String memberSince) {
        this.memberSince = memberSince;
    }

    /** Whether this card is older than the other (an unknown date counts as newest). */
    public boolean olderThan(MemberCard other) {
        if (memberSince == null) {
            return false;
        }
        return other.memberSince == null || memberSince.compareTo(other.memberSince) < 0;
    }

    @Override
    public String toString() {
        return "MemberCard[" + programmeId + " " + tier + "]";
    }
}
