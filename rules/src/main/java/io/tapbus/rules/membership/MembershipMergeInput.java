package io.tapbus.rules.membership;

import java.util.ArrayList;
import java.util.List;

/**
 * Facts about one request to merge a retailer's membership card onto a person's universal card, as the platform
 * knows them: the card and the retailer's record of its member, the universal card's holder, consent, and what is
 * merged already. A plain JavaBean so that DRL constraints and Jackson (scenario inputs) can read it.
 */
public class MembershipMergeInput {
    private String programmeId;
    private boolean programmeKnown = true;
    private String memberNumber;
    private String tier;
    private String memberSince;
    private long points;
    private boolean consentGiven;
    private String holderName;
    private String holderPhone;
    private String holderIdNumber;
    private String recordName;
    private String recordPhone;
    private String recordIdNumber;
    private boolean recordKnown = true;
    private boolean alreadyMerged;
    private boolean mergedToAnotherPerson;
    private MemberCard sameProgrammeCard;
    private List<MemberCard> otherCards = new ArrayList<>();
    private String convertPointsTo;

    /** The programme of the card being merged. */
    public String getProgrammeId() {
        return programmeId;
    }

    public void setProgrammeId(String programmeId) {
        this.programmeId = programmeId;
    }

    /** False when no active programme with that id is registered. */
    public boolean isProgrammeKnown() {
        return programmeKnown;
    }

    public void setProgrammeKnown(boolean programmeKnown) {
        this.programmeKnown = programmeKnown;
    }

    /** The card's member number in its programme. */
    public String getMemberNumber() {
        return memberNumber;
    }

    public void setMemberNumber(String memberNumber) {
        this.memberNumber = memberNumber;
    }

    /** The card's tier in its programme (BASIC, SILVER, GOLD ...). */
    public String getTier() {
        return tier;
    }

    public void setTier(String tier) {
        this.tier = tier;
    }

    /** When the person joined the programme, ISO date. */
    public String getMemberSince() {
        return memberSince;
    }

    public void setMemberSince(String memberSince) {
        this.memberSince = memberSince;
    }

    /** The points the retailer's record holds for the card (brought into the programme's ledger). */
    public long getPoints() {
        return points;
    }

    public void setPoints(long points) {
        this.points = points;
    }

    /** The person agreed that the card is merged (and its data shared with TapBus). */
    public boolean isConsentGiven() {
        return consentGiven;
    }

    public void setConsentGiven(boolean consentGiven) {
        this.consentGiven = consentGiven;
    }

    /** The universal card's holder as TapBus knows them: name (normalized: trimmed, lower case). */
    public String getHolderName() {
        return holderName;
    }

    public void setHolderName(String holderName) {
        this.holderName = holderName;
    }

    /** The holder's phone number (E.164). */
    public String getHolderPhone() {
        return holderPhone;
    }

    public void setHolderPhone(String holderPhone) {
        this.holderPhone = holderPhone;
    }

    /** The holder's identity document number (or its last digits), when known. */
    public String getHolderIdNumber() {
        return holderIdNumber;
    }

    public void setHolderIdNumber(String holderIdNumber) {
        this.holderIdNumber = holderIdNumber;
    }

    /** The retailer's record of the card's member: name (normalized like holderName). */
    public String getRecordName() {
        return recordName;
    }

    public void setRecordName(String recordName) {
        this.recordName = recordName;
    }

    /** The retailer's record: phone number (E.164). */
    public String getRecordPhone() {
        return recordPhone;
    }

    public void setRecordPhone(String recordPhone) {
        this.recordPhone = recordPhone;
    }

    /** The retailer's record: identity document number (or the same last digits). */
    public String getRecordIdNumber() {
        return recordIdNumber;
    }

    public void setRecordIdNumber(String recordIdNumber) {
        this.recordIdNumber = recordIdNumber;
    }

    /** False when the retailer has not sent its record of the card (the holder asked by number in the app). */
    public boolean isRecordKnown() {
        return recordKnown;
    }

    public void setRecordKnown(boolean recordKnown) {
        this.recordKnown = recordKnown;
    }

    /** The card is already merged onto this universal card. */
    public boolean isAlreadyMerged() {
        return alreadyMerged;
    }

    public void setAlreadyMerged(boolean alreadyMerged) {
        this.alreadyMerged = alreadyMerged;
    }

    /** The card is merged onto someone else's universal card. */
    public boolean isMergedToAnotherPerson() {
        return mergedToAnotherPerson;
    }

    public void setMergedToAnotherPerson(boolean mergedToAnotherPerson) {
        this.mergedToAnotherPerson = mergedToAnotherPerson;
    }

    /** A card of the same programme already on this universal card, or null. */
    public MemberCard getSameProgrammeCard() {
        return sameProgrammeCard;
    }

    public void setSameProgrammeCard(MemberCard sameProgrammeCard) {
        this.sameProgrammeCard = sameProgrammeCard;
    }

    /** The person's cards of other programmes (for tier matching). */
    public List<MemberCard> getOtherCards() {
        return otherCards;
    }

    public void setOtherCards(List<MemberCard> otherCards) {
        this.otherCards = otherCards;
    }

    /** The programme whose ledger should get the card's points, converted at the agreed rate; null to keep them in the card's own programme. */
    public String getConvertPointsTo() {
        return convertPointsTo;
    }

    public void setConvertPointsTo(String convertPointsTo) {
        this.convertPointsTo = convertPointsTo;
    }

    /** The card being merged as a {@link MemberCard}. */
    public MemberCard asCard() {
        return new MemberCard(programmeId, memberNumber, tier, memberSince);
    }

    @Override
    public String toString() {
        return "MembershipMergeInput[" + programmeId + "]";
    }
}
