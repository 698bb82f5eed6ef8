package io.tapbus.runtime.pricing;

import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.payment.CardBaskets;
import io.tapbus.runtime.payment.CardRedemption;
import io.tapbus.runtime.payment.PaymentCards;
import io.tapbus.runtime.payment.Redemption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prices the basket of a card payment (reader, chained POS) with the same {@link BasketPricer} as the phone: the person
 * is the card's holder, the store the terminal's merchant. The card authorised the basket's total, so the redemption
 * carries the discount ({@link Redemption#discountMinor()}) that the payment takes off it. A coupon code that is unknown
 * or not the card holder's is refused ({@code COUPON_UNKNOWN}), like the rules refuse a used one: the payment goes on.
 */
public final class CardBasketPricing implements CardBaskets {
    /** The reason of a coupon code the bus does not know for this card's holder. */
    static final String COUPON_UNKNOWN = "COUPON_UNKNOWN";

    private final BasketPricer pricer;
    private final Redemptions redemptions;
    private final Coupons coupons;
    private final PaymentCards cards;

    public CardBasketPricing(BasketPricer pricer, Redemptions redemptions, Coupons coupons, PaymentCards cards) {
        this.pricer = pricer;
        this.redemptions = redemptions;
        this.coupons = coupons;
        this.cards = cards;
    }

    @Override
    public Priced price(CardBasket basket) {
        String personId = cards.holder(basket.pan()).orElse(null);
        List<String> known = new ArrayList<>();
        List<Offer> refused = new ArrayList<>();
        for (String code : basket.couponCodes()) {
            Coupon c = coupons.find(code);
            if (personId != null && c != null && c.personId().equals(personId)) {
                known.add(code);
            } else {
                refused.add(new Offer(null, code, null, COUPON_UNKNOWN));
            }
        }
        PricedBasket priced = pricer.price(new BasketPricer.Request(personId, basket.merchantId(), basket.currency(), basket.lines(),
                known));
        if (!priced.priced()) {
            throw DomainError.invalid("the basket is refused: " + String.join(", ", priced.reasons()));
        }
        if (priced.totalMinor() != basket.authorisedMinor()) {
            throw DomainError.invalid("the basket's total " + priced.totalMinor() + " is not the amount the card authorised "
                    + basket.authorisedMinor());
        }
        List<Offer> applied = new ArrayList<>();
        for (Map<String, Object> o : priced.applied()) {
            applied.add(new Offer((String) o.get("campaignId"), (String) o.get("couponCode"), ((Number) o.get("amountMinor")).longValue(), null));
        }
        for (Map<String, Object> o : priced.notApplied()) {
            refused.add(new Offer((String) o.get("campaignId"), (String) o.get("couponCode"), null, (String) o.get("reason")));
        }
        return new Priced(withDiscount(redemptions.of(priced), priced.discountMinor()), priced.totalMinor(), priced.discountMinor(), applied,
                refused);
    }

    private static Redemption withDiscount(Redemption redemption, long discountMinor) {
        return redemption == null ? null : new CardRedemption(redemption, discountMinor, true);
    }
}
