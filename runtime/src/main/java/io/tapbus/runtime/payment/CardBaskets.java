package io.tapbus.runtime.payment;

import io.tapbus.rules.pricing.BasketLine;
import java.util.List;

/**
 * Basket pricing for a card that is present (a reader's PAYMENT_REQUEST, a chained POS's 0100/0200): the card
 * authorised the basket's total, the basket-pricing rules decide the offers, and the payment charges the total minus
 * them ({@link Redemption#discountMinor()}), redeeming the offers in its own write unit. The pricing module implements
 * it (docs/pricing.md, "Baskets at the reader and the chained POS").
 */
public interface CardBaskets {

    /** A basket bought with a card: the card's PAN names the person (its holder), the merchant the store. */
    record CardBasket(String merchantId, String pan, String currency, long authorisedMinor, List<BasketLine> lines,
                      List<String> couponCodes) {
        /** Without the PAN: baskets end up in logs. */
        @Override
        public String toString() {
            return "CardBasket[" + merchantId + " " + authorisedMinor + " " + currency + " lines=" + lines.size() + " coupons="
                    + couponCodes.size() + "]";
        }
    }

    /** An offer applied ({@code amountMinor}) or refused ({@code reason}); {@code campaignId} is null for an unknown coupon. */
    record Offer(String campaignId, String couponCode, Long amountMinor, String reason) {}

    /** The priced basket: the redemption for the payment (null when no offer applies) and what to tell the terminal. */
    record Priced(Redemption redemption, long totalMinor, long discountMinor, List<Offer> applied, List<Offer> refused) {}

    /**
     * Prices the basket; refused coupons (unknown, another person's, used, revoked, expired) are in {@code refused}, never
     * an error. Throws a {@code DomainError} (invalid) when the lines do not add up to the amount the card authorised.
     */
    Priced price(CardBasket basket);
}
