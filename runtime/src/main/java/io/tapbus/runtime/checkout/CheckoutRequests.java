package io.tapbus.runtime.checkout;

import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.platform.UserService;
import java.io.IOException;
import java.util.List;

/** The checkout requests' bodies, read exactly and checked field by field (a bad one is a 400 naming the field). */
final class CheckoutRequests {
    static final long MAX_AMOUNT = 10_000_000L;

    /** One basket line: quantity at least 1, a unit price of zero or more, in minor units. */
    record Line(String sku, String name, String category, Integer quantity, Long unitPriceMinor) {}

    record NewPayment(String orderId, Long amountMinor, String currency, String msisdn, String description, List<Line> basket) {}

    record Amount(Long amountMinor, String reason) {}

    private final Json json;

    CheckoutRequests(Json json) {
        this.json = json;
    }

    CheckoutService.NewCheckout newCheckout(String merchantId, String body) throws IOException {
        NewPayment req = json.read(body, NewPayment.class);
        if (req.orderId() == null || !req.orderId().matches("[A-Za-z0-9._:-]{1,64}")) {
            throw ApiProblem.badRequest("orderId (1-64 letters, digits, '.', '_', ':' or '-') is required");
        }
        positive(req.amountMinor(), "amountMinor");
        String currency = req.currency() == null ? "CNY" : req.currency();
        if (!currency.equals("CNY")) {
            throw ApiProblem.badRequest("currency must be CNY (the stored-value accounts' currency), was " + currency);
        }
        if (req.msisdn() == null) {
            throw ApiProblem.badRequest("msisdn (the payer's phone number, who confirms in the app) is required");
        }
        if (req.description() != null && req.description().length() > 200) {
            throw ApiProblem.badRequest("description is longer than 200 characters");
        }
        if (req.basket() == null || req.basket().isEmpty() || req.basket().size() > 100) {
            throw ApiProblem.badRequest("basket (1 to 100 lines) is required");
        }
        long total = 0;
        for (int i = 0; i < req.basket().size(); i++) {
            Line l = req.basket().get(i);
            String at = "basket[" + i + "].";
            if (l == null || l.sku() == null || l.sku().isBlank() || l.sku().length() > 64) {
                throw ApiProblem.badRequest(at + "sku (1-64 characters) is required");
            }
            if ((l.name() != null && l.name().length() > 100) || (l.category() != null && l.category().length() > 64)) {
                throw ApiProblem.badRequest(at + "name (at most 100) or category (at most 64 characters) is too long");
            }
            if (l.quantity() == null || l.quantity() < 1 || l.quantity() > 10_000) {
                throw ApiProblem.badRequest(at + "quantity must be a whole number from 1 to 10000");
            }
            if (l.unitPriceMinor() == null || l.unitPriceMinor() < 0 || l.unitPriceMinor() > MAX_AMOUNT) {
                throw ApiProblem.badRequest(at + "unitPriceMinor must be a whole number from 0 to " + MAX_AMOUNT);
            }
            total += l.quantity() * l.unitPriceMinor();
        }
        if (total != req.amountMinor()) {
            throw ApiProblem.badRequest("amountMinor " + req.amountMinor() + " is not the basket's total " + total);
        }
        return new CheckoutService.NewCheckout(merchantId, req.orderId(), UserService.normalizeMsisdn(req.msisdn()), req.amountMinor(),
                currency, json.mapper().writeValueAsString(req.basket()));
    }

    /** The amount of a capture (optional: all that is held) or of a refund (required). */
    Long amount(String body, boolean required) throws IOException {
        if (body == null || body.isBlank()) {
            if (required) {
                throw ApiProblem.badRequest("a JSON body with amountMinor is required");
            }
            return null;
        }
        Amount a = json.read(body, Amount.class);
        if (a.reason() != null && a.reason().length() > 200) {
            throw ApiProblem.badRequest("reason is longer than 200 characters");
        }
        if (a.amountMinor() == null && !required) {
            return null;
        }
        positive(a.amountMinor(), "amountMinor");
        return a.amountMinor();
    }

    private static void positive(Long amount, String field) {
        if (amount == null || amount < 1 || amount > MAX_AMOUNT) {
            throw ApiProblem.badRequest(field + " must be a whole number of minor units from 1 to " + MAX_AMOUNT);
        }
    }
}
