package io.tapbus.runtime.membership;

import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.write.WritePath;
import java.util.regex.Pattern;

/**
 * Points earned and redeemed on a merged card, in its programme's ledger, asked by the retailer that owns the
 * programme. Each change carries an idempotency key: a repeat answers the first change and posts nothing; two
 * redemptions racing for the last points are decided one after the other by the writer, so one is refused.
 */
public final class Points {
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final int MAX_REFERENCE = 200;

    /** A change's answer: the entry, the balance after it, and whether it repeats an earlier request. */
    public record PointsResult(String entryId, String programmeId, String memberNumber, String kind, long points,
                               long balance, String idempotencyKey, String reference, boolean replayed) {}

    private final WritePath writes;
    private final Programmes programmes;
    private final MemberCards cards;
    private final PointsLedger ledger;
    private final EventOutbox events;

    Points(WritePath writes, Programmes programmes, MemberCards cards, PointsLedger ledger, EventOutbox events) {
        this.writes = writes;
        this.programmes = programmes;
        this.cards = cards;
        this.ledger = ledger;
        this.events = events;
    }

    /**
     * @param kind      {@link PointsLedger#EARN} or {@link PointsLedger#REDEEM}
     * @param partnerId the retailer asking (must own the programme), or null for an administrator
     */
    public PointsResult change(String programmeId, String memberNumber, String kind, long points, String idempotencyKey,
                               String reference, String partnerId) {
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw DomainError.invalid("idempotencyKey is required: 1-128 printable characters");
        }
        if (reference != null && reference.length() > MAX_REFERENCE) {
            throw DomainError.invalid("reference is at most " + MAX_REFERENCE + " characters");
        }
        if (points <= 0 || points > PointsLedger.MAX_POINTS) {
            throw DomainError.invalid("points must be 1 to " + PointsLedger.MAX_POINTS);
        }
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
            PointsLedger.Posted posted = ledger.post(batch, m.userId(), programmeId, kind, points, idempotencyKey,
                    memberNumber, reference);
            PointsLedger.Entry e = posted.entry();
            if (!posted.replayed()) {
                String type = PointsLedger.REDEEM.equals(kind) ? "points.redeemed" : "points.earned";
                events.add(batch, BusinessEvent.of(type, idempotencyKey, programmeId + ":" + m.userId(), programme.partnerId(),
                        Merges.pointsData(e, "retailer")));
            }
            return new PointsResult(e.entryId(), programmeId, memberNumber, e.kind(), Math.abs(e.points()),
                    e.balanceAfter(), e.idempotencyKey(), e.reference(), posted.replayed());
        });
    }

    /** The merged card and its programme's balance for its holder; the retailer must own the programme. */
    public MembershipView view(String programmeId, String memberNumber, String partnerId) {
        Programmes.Programme programme = programmes.find(programmeId);
        if (programme == null) {
            throw DomainError.notFound("programme " + programmeId);
        }
        if (partnerId != null && !partnerId.equals(programme.partnerId())) {
            throw DomainError.forbidden("programme " + programmeId + " belongs to another partner");
        }
        MemberCards.Membership m = cards.find(new MemberCards.Key(programmeId, memberNumber));
        if (m == null) {
            throw DomainError.notFound("merged card " + memberNumber + " of programme " + programmeId);
        }
        return new MembershipView(programmeId, memberNumber, m.status(), m.tier(), m.memberSince(),
                ledger.balance(m.userId(), programmeId), m.decisionId(), m.changedAt());
    }

    /** A person's points in one programme, with the programme's name and the retailer that owns it. */
    public record Held(String programmeId, String name, String partnerId, long points) {}

    /**
     * The person's points per programme they hold a merged card of, sorted by programme id: the writer's durable
     * balances (the ones a redemption is checked against), never a table that may lag behind.
     */
    public java.util.List<Held> heldBy(String userId) {
        java.util.List<Held> held = new java.util.ArrayList<>();
        cards.ofUser(userId).stream().map(MemberCards.Key::programmeId).distinct().sorted().forEach(id -> {
            Programmes.Programme programme = programmes.find(id);
            if (programme != null) {
                held.add(new Held(id, programme.name(), programme.partnerId(), ledger.balance(userId, id)));
            }
        });
        return held;
    }

    /** A merged card as its retailer sees it (never the universal card's number or the holder). */
    public record MembershipView(String programmeId, String memberNumber, String status, String tier, String memberSince,
                                 long points, String decisionId, java.time.Instant changedAt) {}
}
