package io.tapbus.runtime.payment;

import io.tapbus.runtime.domain.DomainError;

/**
 * A card payment that may carry a basket (reader, chained POS): without one, the payment as ever; with one, priced by
 * {@link CardBaskets} and paid with its redemption. A repeat of a recorded request (same idempotency key) is answered
 * by the payment flow with the recorded payment and is not priced again: nothing is redeemed twice.
 */
public final class CardBasketPayments {
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
        if (payments.findByKey(cmd.idempotencyKey()).isPresent()) {
            return new Paid(payments.pay(cmd), null);
        }
        CardBaskets.Priced priced = pricing.price(basket);
        return new Paid(payments.pay(cmd, priced.redemption()), priced);
    }
}
