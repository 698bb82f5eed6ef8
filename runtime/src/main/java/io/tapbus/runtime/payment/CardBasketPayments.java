package io.tapbus.runtime.payment;

import io.tapbus.runtime.domain.DomainError;

/**
 * A card payment that may carry a basket (reader, chained POS): without one, the payment as ever; with one, priced by
 * {@link CardBaskets} and paid with its redemption. A repeat of a recorded request (same idempotency key) is answered
 * by the payment flow with the recorded payment and is not priced again: nothing is redeemed twice.
 *
 * <p>When payments race for a campaign's last unit (or a coupon), the writer gives it to one; the others come back
 * unrecorded ({@link Redemption.OfferUnavailable}) and are priced again, now without the offer and with its reason
 * ({@code BUDGET_SPENT}, {@code COUPON_REDEEMED}): the card authorised the basket's total, so the payment goes on at
 * the price without it. After {@link #ATTEMPTS} tries the payment is declined OFFER_UNAVAILABLE (nothing paid).
 */
public final class CardBasketPayments {
    /** How often a basket whose offer was taken meanwhile is priced again before it is declined. */
    static final int ATTEMPTS = 6;

    /** The payment and, for a new basket payment, its pricing (null without a basket, or for a repeat). */
    public record Paid(PaymentOutcome outcome, CardBaskets.Priced priced) {}

    private final PaymentService payments;
    private volatile CardBaskets baskets;

    public CardBasketPayments(PaymentService payments) {
        this.payments = payments;
    }

    /** The pricing module plugs in here (PricingWiring); without it a basket is refused as invalid input. */
    public void useBaskets(CardBaskets pricing) {
        this.baskets = pricing;
    }

    public Paid pay(PaymentCommand cmd, CardBaskets.CardBasket basket) {
        if (basket == null) {
            return new Paid(payments.pay(cmd), null);
        }
        CardBaskets pricing = baskets;
        if (pricing == null) {
            throw DomainError.invalid("this bus prices no baskets");
        }
        for (int attempt = 1; ; attempt++) {
            if (payments.findByKey(cmd.idempotencyKey()).isPresent()) {
                return new Paid(payments.pay(cmd), null);
            }
            CardBaskets.Priced priced = pricing.price(basket);
            try {
                return new Paid(payments.pay(cmd, pricedAgain(priced.redemption(), attempt < ATTEMPTS)), priced);
            } catch (Redemption.OfferUnavailable taken) {
                pause(attempt); // the winner's counts become durable, where pricing reads them
            }
        }
    }

    /** A card basket's redemption as priced, or on the last try one that declines when its offer was taken. */
    private static Redemption pricedAgain(Redemption redemption, boolean again) {
        return !again && redemption instanceof CardRedemption card ? card.lastTry() : redemption;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(10L * attempt); // 10, 20, ... ms: at most 150 ms in all
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DomainError.conflict("interrupted while pricing the basket again");
        }
    }
}
