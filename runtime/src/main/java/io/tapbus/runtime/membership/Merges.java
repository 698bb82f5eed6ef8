package io.tapbus.runtime.membership;

import io.tapbus.rules.Decision;
import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.Reason;
import io.tapbus.rules.RuleEngine;
import io.tapbus.runtime.decisions.DecisionRecords;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.platform.AuditLog;
import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.WritePath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merging retailer cards onto universal cards, and unmerging them: facts, the membership-merge rules, then one write
 * unit that checks the facts still hold, records the decision, the card, the points it brings, the audit row and
 * the event to the retailer, all together or not at all.
 */
public final class Merges {
    /** What a merge request came to. {@code status} is the card's state when merged (ACTIVE or RETIRED), else null. */
    public record MergeOutcome(String decisionId, String verdict, List<Reason> reasons, String programmeId,
                               String memberNumber, String status, String tier, String retiredMemberNumber,
                               String pointsProgrammeId, long pointsCredited) {}

    private final WritePath writes;
    private final RuleEngine rules;
    private final MergeFacts facts;
    private final Programmes programmes;
    private final MemberCards cards;
    private final PointsLedger points;
    private final DecisionRecords decisions;
    private final EventOutbox events;
    private final AuditLog audit;

    Merges(WritePath writes, RuleEngine rules, MergeFacts facts, Programmes programmes, MemberCards cards,
           PointsLedger points, DecisionRecords decisions, EventOutbox events, AuditLog audit) {
        this.writes = writes;
        this.rules = rules;
        this.facts = facts;
        this.programmes = programmes;
        this.cards = cards;
        this.points = points;
        this.decisions = decisions;
        this.events = events;
        this.audit = audit;
    }

    /**
     * Merges the card as the rules decide. {@code partnerId} is the retailer asking (it must own the programme), or
     * null when the holder or an administrator asks.
     */
    public MergeOutcome merge(MergeRequest req, String partnerId, String actor) {
        return merge(req, partnerId, null, actor);
    }

    /**
     * The holder adds one of their retailer cards by number (the app): they consent by asking, and the retailer, which
     * alone holds the card's record, is asked to confirm (event {@code membership.merge-requested}); its merge with
     * its record then decides.
     */
    public MergeOutcome requestByHolder(String userId, MergeRequest req, String actor) {
        facts.holderConsents(userId, actor);
        MergeRequest asked = new MergeRequest(req.programmeId(), req.memberNumber(), req.cardUid(), req.tier(),
                req.memberSince(), null, true, null, null, null, null);
        return merge(asked, null, userId, actor);
    }

    private MergeOutcome merge(MergeRequest req, String partnerId, String holderUserId, String actor) {
        MergeFacts.Gathered g = facts.gather(req, holderUserId);
        Programmes.Programme programme = programmes.find(req.programmeId());
        if (partnerId != null && programme != null && !partnerId.equals(programme.partnerId())) {
            throw DomainError.forbidden("programme " + req.programmeId() + " belongs to another partner");
        }
        Decision d = rules.decide(DecisionCatalog.MEMBERSHIP_MERGE, g.input());
        return writes.execute(batch -> {
            MemberCards.Key key = new MemberCards.Key(req.programmeId(), req.memberNumber());
            if (!Objects.equals(cards.inWriter(batch, key), g.existing())
                    || !cards.ofUserInWriter(batch, g.userId()).equals(g.userKeys())) {
                throw DomainError.conflict("the person's merged cards changed meanwhile; send the request again");
            }
            decisions.record(batch, d, d.getVerdict(), d.getReasons(), key.programmeId() + ":" + key.memberNumber());
            audit.record(batch, actor, "membership.merge", key.programmeId() + ":" + key.memberNumber(),
                    "verdict=" + d.getVerdict() + " reasons=" + d.getReasons().stream().map(Reason::code).toList()
                            + " consentAttested=" + Boolean.TRUE.equals(req.consent()) + " decision=" + d.getDecisionId());
            if (holderUserId != null && Decision.REFERRED.equals(d.getVerdict())) {
                askRetailer(batch, programmes.inWriter(batch, key.programmeId()), key, g, d);
            }
            if (!Decision.APPROVED.equals(d.getVerdict())) {
                return new MergeOutcome(d.getDecisionId(), d.getVerdict(), d.getReasons(), key.programmeId(),
                        key.memberNumber(), null, null, null, null, 0);
            }
            return apply(batch, req, g, d, programmes.inWriter(batch, req.programmeId()), key);
        });
    }

    private MergeOutcome apply(Batch batch, MergeRequest req, MergeFacts.Gathered g, Decision d,
                               Programmes.Programme programme, MemberCards.Key key) {
        Map<String, Object> out = d.getOutputs();
        String tier = String.valueOf(out.getOrDefault("tier", g.input().getTier()));
        String retired = (String) out.get("retired");
        String status = key.memberNumber().equals(retired) ? MemberCards.RETIRED : MemberCards.ACTIVE;
        cards.put(batch, new MemberCards.Membership(key.programmeId(), key.memberNumber(), g.userId(), g.cardUid(), tier,
                req.memberSince(), status, d.getDecisionId(), java.time.Instant.now()));
        if (retired != null && !retired.equals(key.memberNumber())) {
            MemberCards.Membership loser = cards.inWriter(batch, new MemberCards.Key(key.programmeId(), retired));
            cards.put(batch, loser.with(MemberCards.RETIRED));
        }
        String pointsProgramme = String.valueOf(out.getOrDefault("pointsProgrammeId", key.programmeId()));
        long credited = ((Number) out.getOrDefault("points", 0L)).longValue();
        if (credited > 0) {
            Programmes.Programme target = programmes.inWriter(batch, pointsProgramme);
            if (target == null) {
                throw DomainError.invalid("convertPointsTo names no registered programme: " + pointsProgramme);
            }
            PointsLedger.Posted posted = points.post(batch, g.userId(), pointsProgramme, PointsLedger.MERGE, credited,
                    "merge:" + d.getDecisionId(), key.memberNumber(), "merged card of " + key.programmeId());
            events.add(batch, BusinessEvent.of("points.earned", d.getDecisionId(), pointsProgramme + ":" + g.userId(),
                    target.partnerId(), pointsData(posted.entry(), "merge")));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("programmeId", key.programmeId());
        data.put("memberNumber", key.memberNumber());
        data.put("status", status);
        data.put("tier", tier);
        data.put("retiredMemberNumber", retired);
        data.put("pointsProgrammeId", pointsProgramme);
        data.put("pointsCredited", credited);
        data.put("decisionId", d.getDecisionId());
        data.put("reasons", d.getReasons().stream().map(Reason::code).toList());
        events.add(batch, BusinessEvent.of("membership.merged", d.getDecisionId(), key.programmeId() + ":" + key.memberNumber(),
                programme.partnerId(), data));
        return new MergeOutcome(d.getDecisionId(), d.getVerdict(), d.getReasons(), key.programmeId(), key.memberNumber(),
                status, tier, retired, pointsProgramme, credited);
    }

    private void askRetailer(Batch batch, Programmes.Programme programme, MemberCards.Key key, MergeFacts.Gathered g,
                             Decision d) {
        if (programme == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("programmeId", key.programmeId());
        data.put("memberNumber", key.memberNumber());
        data.put("cardUid", g.cardUid()); // the retailer sends it back with its record: POST /memberships
        data.put("tier", g.input().getTier());
        data.put("decisionId", d.getDecisionId());
        events.add(batch, BusinessEvent.of("membership.merge-requested", d.getDecisionId(),
                key.programmeId() + ":" + key.memberNumber(), programme.partnerId(), data));
    }

    /** Takes the card off the universal card (the points stay in the programme's ledger). */
    public MemberCards.Membership unmerge(String programmeId, String memberNumber, String partnerId, String actor) {
        MemberCards.Key key = new MemberCards.Key(programmeId, memberNumber);
        return writes.execute(batch -> {
            Programmes.Programme programme = programmes.inWriter(batch, programmeId);
            if (programme == null) {
                throw DomainError.notFound("programme " + programmeId);
            }
            if (partnerId != null && !partnerId.equals(programme.partnerId())) {
                throw DomainError.forbidden("programme " + programmeId + " belongs to another partner");
            }
            MemberCards.Membership m = cards.inWriter(batch, key);
            if (m == null || !m.merged()) {
                throw DomainError.notFound("merged card " + memberNumber + " of programme " + programmeId);
            }
            MemberCards.Membership now = m.with(MemberCards.UNMERGED);
            cards.put(batch, now);
            audit.record(batch, actor, "membership.unmerge", programmeId + ":" + memberNumber, "was=" + m.status());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("programmeId", programmeId);
            data.put("memberNumber", memberNumber);
            data.put("previousStatus", m.status());
            events.add(batch, BusinessEvent.of("membership.unmerged", null, programmeId + ":" + memberNumber,
                    programme.partnerId(), data));
            return now;
        });
    }

    static Map<String, Object> pointsData(PointsLedger.Entry e, String source) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("programmeId", e.programmeId());
        data.put("memberNumber", e.memberNumber());
        data.put("entryId", e.entryId());
        data.put("points", Math.abs(e.points()));
        data.put("balance", e.balanceAfter());
        data.put("idempotencyKey", e.idempotencyKey());
        data.put("reference", e.reference());
        data.put("source", source);
        return data;
    }
}
