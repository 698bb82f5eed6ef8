package io.tapbus.runtime.pricing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbus.rules.pricing.BasketLine;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.payment.PaymentCommand;
import io.tapbus.runtime.payment.PaymentOutcome;
import io.tapbus.runtime.payment.PaymentService;
import io.tapbus.runtime.platform.UserService;
import java.util.List;

/**
 * A phone (online) payment of a basket: priced by the basket-pricing rules, the payable amount authorized by the payment
 * flow, the offers redeemed in the payment's own write unit (docs/pricing.md). A repeat of the same idempotency key gets
 * the recorded payment (without a new pricing: what was redeemed is in the payment's events and redemption rows).
 */
public final class PaymentPricing {
    /** The payment's outcome and, for a new payment, the pricing it was made with. */
    public record Paid(PaymentOutcome payment, PricedBasket pricing) {
        public ObjectNode body(ObjectMapper json) {
            ObjectNode node = json.valueToTree(payment);
            if (pricing != null) {
                node.set("pricing", json.valueToTree(pricing));
            }
            return node;
        }
    }

    private final BasketPricer pricer;
    private final Redemptions redemptions;
    private final PaymentService payments;
    private final UserService users;

    public PaymentPricing(BasketPricer pricer, Redemptions redemptions, PaymentService payments, UserService users) {
        this.pricer = pricer;
        this.redemptions = redemptions;
        this.payments = payments;
        this.users = users;
    }

    /**
     * @param amountMinor null, or the basket's total (a check the caller made the same sum)
     */
    public Paid pay(String partnerId, String key, String msisdn, String merchantId, Long amountMinor, String currency, List<BasketLine> basket,
                    List<String> couponCodes, String fundingSource) {
        if (merchantId == null || basket == null) {
            throw DomainError.invalid("a basket payment needs merchantId and basket");
        }
        String idempotencyKey = "phone:" + partnerId + ":" + key;
        PaymentOutcome earlier = payments.findByKey(idempotencyKey).orElse(null);
        if (earlier != null) {
            return new Paid(earlier, null);
        }
        String normalized = UserService.normalizeMsisdn(msisdn);
        String personId = users.findUserByMsisdn(normalized).map(UserService.User::userId).orElse(null);
        PricedBasket priced = pricer.price(new BasketPricer.Request(personId, merchantId, currency, basket, couponCodes));
        if (!priced.priced()) {
            throw DomainError.invalid("the basket is refused: " + String.join(", ", priced.reasons())
                    + " (quantities and unit prices cannot be negative)");
        }
        if (amountMinor != null && amountMinor != priced.totalMinor()) {
            throw DomainError.invalid("amountMinor " + amountMinor + " is not the basket's total " + priced.totalMinor());
        }
        if (priced.payableMinor() <= 0) {
            throw DomainError.invalid("nothing to pay: the basket's total after discounts is " + priced.payableMinor());
        }
        PaymentOutcome outcome = payments.pay(new PaymentCommand("PHONE", idempotencyKey, merchantId, null, null, null, null, null, null, null,
                normalized, priced.payableMinor(), currency, false, fundingSource), redemptions.of(priced));
        return new Paid(outcome, priced);
    }
}
