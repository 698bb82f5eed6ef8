package io.tapbus.runtime.api;

import io.tapbus.runtime.payment.PaymentCards;
import io.tapbus.runtime.payment.PaymentCommand;
import io.tapbus.runtime.payment.PaymentOutcome;
import io.tapbus.runtime.payment.PaymentService;
import io.tapbus.runtime.platform.UserService;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * REST: payments through the phone app (the card issuer's app backend calls on behalf of its user, named by MSISDN),
 * step-up confirmation, and the registration of cards' payment applications.
 */
public final class PaymentApi {
    private final PaymentService payments;
    private final PaymentCards cards;
    private final Json json;

    public PaymentApi(PaymentService payments, PaymentCards cards, Json json) {
        this.payments = payments;
        this.cards = cards;
        this.json = json;
    }

    public record RegisterPaymentCard(String cardUid, String pan, String psn, String funding, String issuerKeyLabel) {}

    /** Either merchantId + amountMinor + currency, or a merchant's QR payload {@code tapbus://pay?merchant=..&amount=..&currency=..}. */
    public record PhonePayment(String msisdn, String merchantId, Long amountMinor, String currency, String qr, String idempotencyKey,
                               String fundingSource, java.util.List<io.tapbus.rules.pricing.BasketLine> basket,
                               java.util.List<String> couponCodes) {}

    /** Prices a basket paid by phone (docs/pricing.md); null until pricing is wired. */
    private volatile io.tapbus.runtime.pricing.PaymentPricing pricing;

    public PaymentApi usePricing(io.tapbus.runtime.pricing.PaymentPricing pricing) {
        this.pricing = pricing;
        return this;
    }

    public record Confirmation(String msisdn) {}

    public void registerCard(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        RegisterPaymentCard req = json.read(exchange, RegisterPaymentCard.class);
        json.reply(exchange, 201, cards.register(UserService.normalizeCardUid(req.cardUid()), req.pan(), req.psn(), req.funding(),
                req.issuerKeyLabel() == null ? "tapbus-demo" : req.issuerKeyLabel(), p.partnerId()));
    }

    public void pay(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ISSUER);
        PhonePayment req = json.read(exchange, PhonePayment.class);
        String key = req.idempotencyKey() != null ? req.idempotencyKey() : exchange.getMessage().getHeader("Idempotency-Key", String.class);
        if (key == null || key.isBlank()) {
            throw ApiProblem.badRequest("give an idempotencyKey (or an Idempotency-Key header): a repeated request then pays once");
        }
        if (req.msisdn() == null) {
            throw ApiProblem.badRequest("msisdn (the paying user) is required");
        }
        String merchant = req.merchantId();
        Long amount = req.amountMinor();
        String currency = req.currency();
        if (req.qr() != null) {
            Map<String, String> qr = qr(req.qr());
            merchant = qr.get("merchant");
            amount = qr.containsKey("amount") ? parseAmount(qr.get("amount")) : amount;
            currency = qr.getOrDefault("currency", currency);
        }
        if (req.basket() != null || req.couponCodes() != null) {
            if (pricing == null || req.qr() != null) {
                throw ApiProblem.badRequest("a basket is paid with merchantId and basket (no qr)");
            }
            io.tapbus.runtime.pricing.PaymentPricing.Paid paid = pricing.pay(p.partnerId(), key, req.msisdn(), merchant, amount,
                    currency == null ? "CNY" : currency, req.basket(), req.couponCodes(), fundingSource(req.fundingSource()));
            json.reply(exchange, 200, paid.body(json.mapper()));
            return;
        }
        if (merchant == null || amount == null) {
            throw ApiProblem.badRequest("give merchantId and amountMinor, or a QR payload that names them");
        }
        if (amount <= 0) {
            throw ApiProblem.badRequest("amountMinor must be a positive whole number of minor units (fen), was " + amount);
        }
        PaymentOutcome outcome = payments.pay(new PaymentCommand("PHONE", "phone:" + p.partnerId() + ":" + key, merchant, null, null, null,
                null, null, null, null, UserService.normalizeMsisdn(req.msisdn()), amount, currency == null ? "CNY" : currency, false,
                fundingSource(req.fundingSource())));
        json.reply(exchange, 200, outcome);
    }

    public void confirm(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ISSUER);
        Confirmation req = json.read(exchange, Confirmation.class);
        if (req.msisdn() == null) {
            throw ApiProblem.badRequest("msisdn (the card holder confirming) is required");
        }
        json.reply(exchange, 200, payments.confirm(exchange.getMessage().getHeader("paymentId", String.class), UserService.normalizeMsisdn(req.msisdn())));
    }

    public void get(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        String id = exchange.getMessage().getHeader("paymentId", String.class);
        json.reply(exchange, 200, payments.find(id).orElseThrow(() -> ApiProblem.notFound("payment " + id)));
    }

    /** CARD (the default: the user's card pays) or CARRIER_BILLING (charged to the paying line's phone bill). */
    static String fundingSource(String value) {
        if (value == null || value.equals("CARD")) {
            return null;
        }
        if (value.equals(PaymentCommand.CARRIER_BILLING)) {
            return PaymentCommand.CARRIER_BILLING;
        }
        throw ApiProblem.badRequest("fundingSource must be CARD (the user's card pays) or CARRIER_BILLING (the phone bill), was " + value);
    }

    static Map<String, String> qr(String payload) {
        URI uri;
        try {
            uri = URI.create(payload.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("the QR payload is not a URI: expected tapbus://pay?merchant=..&amount=..&currency=..");
        }
        if (!"tapbus".equals(uri.getScheme()) || !"pay".equals(uri.getHost()) || uri.getRawQuery() == null) {
            throw ApiProblem.badRequest("the QR payload must look like tapbus://pay?merchant=..&amount=..&currency=..");
        }
        Map<String, String> values = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static long parseAmount(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("the QR amount must be a whole number of minor units (fen)");
        }
    }
}
