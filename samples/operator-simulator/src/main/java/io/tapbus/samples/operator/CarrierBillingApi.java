package io.tapbus.samples.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;

/**
 * CAMARA Carrier Billing: /carrier-billing/v0.4/payments (one step), /payments/prepare, /payments/{id}/confirm,
 * /payments/{id}/cancel, GET /payments/{id}; and /carrier-billing-refund/v0.2/payments/{id}/refunds.
 */
final class CarrierBillingApi extends ApiHandler {
    static final String BASE = "/carrier-billing/v0.4";
    static final String REFUND_BASE = "/carrier-billing-refund/v0.2";

    private final BillingBook book;
    private final String base;

    CarrierBillingApi(OperatorState state, BillingBook book, String base) {
        super(state);
        this.book = book;
        this.base = base;
    }

    @Override
    String basePath() {
        return base;
    }

    @Override
    void handle(Exchange exchange, String operation, String token) throws IOException {
        String[] parts = operation.split("/"); // "", "payments", id, action
        if (parts.length < 2 || !"payments".equals(parts[1])) {
            throw notFound(operation);
        }
        if (base.equals(REFUND_BASE)) {
            if (parts.length != 4 || !"refunds".equals(parts[3])) {
                throw notFound(operation);
            }
            requireMethod(exchange, "POST");
            refund(exchange, payment(parts[2]));
            return;
        }
        if (parts.length == 2) {
            requireMethod(exchange, "POST");
            open(exchange, false);
        } else if (parts.length == 3 && "prepare".equals(parts[2])) {
            requireMethod(exchange, "POST");
            open(exchange, true);
        } else if (parts.length == 3) {
            requireMethod(exchange, "GET");
            exchange.reply(200, view(payment(parts[2])));
        } else if (parts.length == 4 && ("confirm".equals(parts[3]) || "cancel".equals(parts[3]))) {
            requireMethod(exchange, "POST");
            BillingBook.Payment p = payment(parts[2]);
            if (!Exchange.phoneNumber(exchange.json(Set.of("phoneNumber"))).equals(p.phoneNumber)) {
                throw new Exchange.CamaraError(403, "PERMISSION_DENIED", "the phone number is not the payment's");
            }
            book.settle(p, "confirm".equals(parts[3]), state.now());
            exchange.reply(202, null);
        } else {
            throw notFound(operation);
        }
    }

    private void open(Exchange exchange, boolean twoStep) throws IOException {
        JsonNode body = exchange.json(Set.of("amountTransaction", "sink", "sinkCredential"));
        JsonNode t = body.path("amountTransaction");
        JsonNode info = t.path("paymentAmount").path("chargingInformation");
        if (!t.isObject() || !info.path("amount").isNumber() || !info.path("currency").isTextual() || !info.path("description").isTextual()
                || !t.path("referenceCode").isTextual()) {
            throw new Exchange.CamaraError(400, "INVALID_ARGUMENT",
                    "amountTransaction needs paymentAmount.chargingInformation {amount, currency, description} and referenceCode");
        }
        BigDecimal amount = info.get("amount").decimalValue();
        if (amount.signum() <= 0) {
            throw new Exchange.CamaraError(400, "INVALID_ARGUMENT", "amount must be at least 0.001");
        }
        String number = Exchange.phoneNumber(t);
        if (!state.serves(number)) {
            throw new Exchange.CamaraError(404, "IDENTIFIER_NOT_FOUND", "Device identifier not found.");
        }
        BillingBook.Payment p = book.open(number, amount, info.get("currency").asText(), info.get("description").asText(),
                t.get("referenceCode").asText(), t.path("clientCorrelator").asText(null), twoStep, state.now());
        exchange.reply(201, view(p));
    }

    private void refund(Exchange exchange, BillingBook.Payment p) throws IOException {
        JsonNode body = exchange.json(Set.of("type", "reason", "amountTransaction", "sink", "sinkCredential"));
        String type = body.path("type").asText("");
        JsonNode t = body.path("amountTransaction");
        if (!Set.of("total", "partial").contains(type) || !t.path("referenceCode").isTextual()) {
            throw new Exchange.CamaraError(400, "INVALID_ARGUMENT", "type must be total or partial, with amountTransaction.referenceCode");
        }
        BigDecimal amount = null;
        if ("partial".equals(type)) {
            JsonNode info = t.path("refundAmount").path("chargingInformation");
            if (!info.path("amount").isNumber() || !p.currency.equals(info.path("currency").asText())) {
                throw new Exchange.CamaraError(400, "INVALID_ARGUMENT", "a partial refund needs an amount in the payment's currency");
            }
            amount = info.get("amount").decimalValue();
        }
        book.refund(p, amount);
        ObjectNode answer = Exchange.JSON.createObjectNode().put("refundId", "RF-" + UUID.randomUUID()).put("refundStatus", "succeeded")
                .put("type", type).put("refundCreationDate", state.now().toString()).put("refundDate", state.now().toString());
        answer.set("amountTransaction", t);
        exchange.reply(201, answer);
    }

    private BillingBook.Payment payment(String id) {
        BillingBook.Payment p = book.find(id);
        if (p == null) {
            throw notFound("payment " + id);
        }
        return p;
    }

    static ObjectNode view(BillingBook.Payment p) {
        ObjectNode out = Exchange.JSON.createObjectNode().put("paymentId", p.paymentId).put("paymentStatus", p.status)
                .put("paymentCreationDate", p.created.toString());
        if (p.paymentDate != null) {
            out.put("paymentDate", p.paymentDate.toString());
        }
        ObjectNode t = out.putObject("amountTransaction").put("phoneNumber", p.phoneNumber);
        if (p.clientCorrelator != null) {
            t.put("clientCorrelator", p.clientCorrelator);
        }
        t.putObject("paymentAmount").putObject("chargingInformation").put("amount", p.amount).put("currency", p.currency)
                .put("description", p.description);
        t.put("referenceCode", p.referenceCode).put("resourceURL", "urn:payments:" + p.paymentId);
        return out;
    }
}
