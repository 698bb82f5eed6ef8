package io.tapbus.runtime.membership;

import io.tapbus.rules.membership.MemberCard;
import io.tapbus.rules.membership.MembershipMergeInput;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.platform.UserService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Gathers the facts of a merge for the membership-merge rules: the universal card's holder, the retailer's record,
 * consent, and the cards already merged (as last made durable; the writer checks they did not change).
 */
final class MergeFacts {
    /** The consent purpose a holder gives for merging cards. */
    static final String CONSENT_PURPOSE = "membership-merge";
    private static final Pattern MEMBER_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIER = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    /** The facts, and what they were gathered from (for the writer's re-check). */
    record Gathered(MembershipMergeInput input, String userId, String cardUid, MemberCards.Membership existing,
                    Set<MemberCards.Key> userKeys) {}

    private final UserService users;
    private final Programmes programmes;
    private final MemberCards cards;

    MergeFacts(UserService users, Programmes programmes, MemberCards cards) {
        this.users = users;
        this.programmes = programmes;
        this.cards = cards;
    }

    /**
     * @param holderUserId the person asking for their own card in the app (then the retailer's record is not known
     *                     and the card must be theirs), or null when the retailer sends its record
     */
    Gathered gather(MergeRequest req, String holderUserId) {
        check(req);
        String cardUid = UserService.normalizeCardUid(req.cardUid());
        UserService.Card card = users.findCard(cardUid)
                .filter(c -> holderUserId == null || holderUserId.equals(c.userId()))
                .orElseThrow(() -> DomainError.notFound("card " + cardUid));
        if (card.userId() == null) {
            throw DomainError.conflict("card " + cardUid + " is not bound to a person yet");
        }
        UserService.User user = users.findUser(card.userId()).orElseThrow(() -> DomainError.notFound("user " + card.userId()));
        MembershipMergeInput in = new MembershipMergeInput();
        Programmes.Programme programme = programmes.find(req.programmeId());
        in.setProgrammeId(req.programmeId());
        in.setProgrammeKnown(programme != null && "ACTIVE".equals(programme.status()));
        in.setMemberNumber(req.memberNumber());
        in.setTier(req.tier() == null ? "BASIC" : req.tier().toUpperCase(Locale.ROOT));
        in.setMemberSince(req.memberSince());
        in.setPoints(req.points() == null ? 0 : req.points());
        in.setConsentGiven(Boolean.TRUE.equals(req.consent()) || consented(user.userId()));
        in.setHolderName(name(user.name()));
        in.setHolderPhone(user.msisdn());
        in.setRecordName(name(req.holderName()));
        in.setRecordPhone(req.holderPhone() == null ? null : UserService.normalizeMsisdn(req.holderPhone()));
        in.setRecordIdNumber(blankToNull(req.holderIdNumber()));
        in.setRecordKnown(holderUserId == null);
        in.setConvertPointsTo(blankToNull(req.convertPointsTo()));
        MemberCards.Key key = new MemberCards.Key(req.programmeId(), req.memberNumber());
        MemberCards.Membership existing = cards.find(key);
        in.setAlreadyMerged(existing != null && existing.merged() && existing.userId().equals(user.userId()));
        in.setMergedToAnotherPerson(existing != null && existing.merged() && !existing.userId().equals(user.userId()));
        Set<MemberCards.Key> userKeys = cards.ofUser(user.userId());
        List<MemberCard> others = new ArrayList<>();
        for (MemberCards.Key k : userKeys) {
            MemberCards.Membership m = cards.find(k);
            if (m == null || !MemberCards.ACTIVE.equals(m.status()) || k.equals(key)) {
                continue;
            }
            MemberCard c = new MemberCard(m.programmeId(), m.memberNumber(), m.tier(), m.memberSince());
            if (k.programmeId().equals(req.programmeId())) {
                in.setSameProgrammeCard(c);
            } else {
                others.add(c);
            }
        }
        in.setOtherCards(others);
        return new Gathered(in, user.userId(), cardUid, existing, userKeys);
    }

    /** The holder asked for the merge themselves: their consent for the purpose is recorded (audited by UserService). */
    void holderConsents(String userId, String actor) {
        users.recordConsent(userId, CONSENT_PURPOSE, true, actor);
    }

    private boolean consented(String userId) {
        boolean granted = false;
        for (UserService.Consent c : users.consents(userId)) { // the last one of the purpose counts
            if (CONSENT_PURPOSE.equals(c.purpose())) {
                granted = c.granted();
            }
        }
        return granted;
    }

    private static void check(MergeRequest req) {
        if (req.programmeId() == null || !Programmes.ID.matcher(req.programmeId()).matches()) {
            throw DomainError.invalid("programmeId is required: 1-64 letters, digits, '.', '_' or '-'");
        }
        if (req.memberNumber() == null || !MEMBER_NUMBER.matcher(req.memberNumber()).matches()) {
            throw DomainError.invalid("memberNumber is required: 1-64 letters, digits, '.', '_' or '-'");
        }
        if (req.cardUid() == null) {
            throw DomainError.invalid("cardUid (the universal card) is required");
        }
        if (req.tier() != null && !TIER.matcher(req.tier()).matches()) {
            throw DomainError.invalid("tier must be 1-32 letters, digits, '_' or '-'");
        }
        if (req.memberSince() != null && !DATE.matcher(req.memberSince()).matches()) {
            throw DomainError.invalid("memberSince must be a date, YYYY-MM-DD");
        }
        if (req.points() != null && (req.points() < 0 || req.points() > PointsLedger.MAX_POINTS)) {
            throw DomainError.invalid("points must be 0 to " + PointsLedger.MAX_POINTS);
        }
        if (req.convertPointsTo() != null && !Programmes.ID.matcher(req.convertPointsTo()).matches()) {
            throw DomainError.invalid("convertPointsTo must be a programme id");
        }
        for (String text : new String[] {req.holderName(), req.holderIdNumber()}) {
            if (text != null && text.length() > 200) {
                throw DomainError.invalid("holderName and holderIdNumber are at most 200 characters");
            }
        }
    }

    /** Names compare without case and extra spaces. */
    static String name(String name) {
        String n = blankToNull(name);
        return n == null ? null : n.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
