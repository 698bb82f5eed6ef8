package io.tapbus.runtime.membership;

import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.payment.ApprovedPayments;
import io.tapbus.runtime.write.Batch;
import java.util.Map;

/**
 * Points earned by paying: when a universal card pays at a retailer that owns a programme, and a card of that
 * programme is merged ACTIVE onto the universal card, the programme's ledger gets one point per whole currency unit
 * charged (100 minor units), in the payment's own write unit, once per payment (idempotency key
 * {@code payment:<paymentId>}). The retailer's {@code points.earned} event names the member number and the payment:
 * the tap identified the member.
 */
final class PaymentPoints implements ApprovedPayments {
    static final long MINOR_UNITS_PER_POINT = 100;

    private final Programmes programmes;
    private final MemberCards cards;
    private final PointsLedger ledger;
    private final EventOutbox events;

    PaymentPoints(Programmes programmes, MemberCards cards, PointsLedger ledger, EventOutbox events) {
        this.programmes = programmes;
        this.cards = cards;
        this.ledger = ledger;
        this.events = events;
    }

    @Override
    public void approved(Batch batch, String cardUid, String merchantId, long chargedMinor, String currency, String paymentId) {
        long points = chargedMinor / MINOR_UNITS_PER_POINT;
        if (cardUid == null || points <= 0) {
            return;
        }
        for (MemberCards.Key key : cards.ofCardInWriter(batch, cardUid)) {
            Programmes.Programme programme = programmes.inWriter(batch, key.programmeId());
            MemberCards.Membership m = cards.inWriter(batch, key);
            if (programme == null || !merchantId.equals(programme.partnerId()) || m == null
                    || !MemberCards.ACTIVE.equals(m.status())) {
                continue;
            }
            try {
                PointsLedger.Posted posted = ledger.post(batch, m.userId(), key.programmeId(), PointsLedger.EARN, points,
                        "payment:" + paymentId, key.memberNumber(), "payment " + paymentId);
                if (!posted.replayed()) {
                    Map<String, Object> data = Merges.pointsData(posted.entry(), "payment");
                    data.put("paymentId", paymentId);
                    data.put("chargedMinor", chargedMinor);
                    data.put("currency", currency);
                    events.add(batch, BusinessEvent.of("points.earned", paymentId, key.programmeId() + ":" + m.userId(),
                            programme.partnerId(), data));
                }
            } catch (DomainError full) {
                // a balance at its ceiling earns nothing more; the payment itself goes on (post() staged nothing)
            }
        }
    }
}
