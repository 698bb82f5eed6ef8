package io.tapbus.connector.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CAMARA Carrier Billing (CarrierBillingCheckOut): charge an amount to a mobile line, in one step or two
 * (prepare = reserve, then confirm or cancel), read a payment back, refund it in whole or in part.
 *
 * <pre>
 *   POST {root}/carrier-billing/v0.4/payments                       one step        -> 201 {paymentId, paymentStatus: succeeded|processing|denied}
 *   POST {root}/carrier-billing/v0.4/payments/prepare               reserve         -> 201 {paymentId, paymentStatus: reserved|...}
 *   POST {root}/carrier-billing/v0.4/payments/{id}/confirm          {phoneNumber}   -> 202
 *   POST {root}/carrier-billing/v0.4/payments/{id}/cancel           {phoneNumber}   -> 202
 *   GET  {root}/carrier-billing/v0.4/payments/{id}                                  -> {paymentId, paymentStatus, amountTransaction, ...}
 *   POST {root}/carrier-billing-refund/v0.2/payments/{id}/refunds   total|partial   -> 201 {refundId, refundStatus, type}
 * </pre>
 *
 * Amounts are minor units here and decimal major units on the wire (CAMARA's {@code amount}), by the currency's
 * ISO 4217 digits. {@code clientCorrelator} makes a repeated request charge once.
 */
public final class CarrierBillingClient {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final CamaraHttp http;

    public CarrierBillingClient(CamaraHttp http) {
        this.http = http;
    }

    /** What to charge: the line, the amount, the text on the bill, the merchant's reference and a correlator for repeats. */
    public record Charge(String phoneNumber, long amountMinor, String currency, String description, String referenceCode,
                         String clientCorrelator, String merchantIdentifier) {}

    /** A payment as the operator reports it; amounts in minor units. */
    public record CarrierPayment(String paymentId, String paymentStatus, String phoneNumber, long amountMinor, String currency,
                                 String referenceCode, String clientCorrelator, Instant paymentCreationDate, Instant paymentDate) {}

    /** A refund as the operator reports it: status processing, succeeded or denied; type total or partial. */
    public record CarrierRefund(String refundId, String refundStatus, String type) {}

    /** One-step payment: charged at once (or processing, then succeeded or denied). */
    public CarrierPayment create(Charge charge) {
        return payment(http.post(payments(""), body(charge)));
    }

    /** The first of two steps: the amount is reserved, not charged, until {@link #confirm} or {@link #cancel}. */
    public CarrierPayment prepare(Charge charge) {
        return payment(http.post(payments("/prepare"), body(charge)));
    }

    /** Charges a reserved payment (202 accepted; read it back for the outcome). */
    public void confirm(String paymentId, String phoneNumber) {
        http.post(payments("/" + id(paymentId) + "/confirm"), Map.of("phoneNumber", PhoneNumbers.requireE164(phoneNumber)));
    }

    /** Releases a reserved payment. */
    public void cancel(String paymentId, String phoneNumber) {
        http.post(payments("/" + id(paymentId) + "/cancel"), Map.of("phoneNumber", PhoneNumbers.requireE164(phoneNumber)));
    }

    public CarrierPayment retrieve(String paymentId) {
        return payment(http.get(payments("/" + id(paymentId))));
    }

    /** Refunds the whole payment. */
    public CarrierRefund refundTotal(String paymentId, String referenceCode, String clientCorrelator, String reason) {
        Map<String, Object> amount = new LinkedHashMap<>();
        amount.put("refundAmount", Map.of());
        amount.put("referenceCode", referenceCode);
        putIf(amount, "clientCorrelator", clientCorrelator);
        return refund(paymentId, "total", amount, reason);
    }

    /** Refunds part of the payment. */
    public CarrierRefund refundPartial(String paymentId, long amountMinor, String currency, String description, String referenceCode,
                                       String clientCorrelator, String reason) {
        Map<String, Object> amount = new LinkedHashMap<>();
        amount.put("refundAmount", Map.of("chargingInformation", charging(amountMinor, currency, description)));
        amount.put("referenceCode", referenceCode);
        putIf(amount, "clientCorrelator", clientCorrelator);
        return refund(paymentId, "partial", amount, reason);
    }

    private CarrierRefund refund(String paymentId, String type, Map<String, Object> amountTransaction, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        putIf(body, "reason", reason);
        body.put("amountTransaction", amountTransaction);
        URI uri = http.settings().resolve(http.settings().refundPath(), "/payments/" + id(paymentId) + "/refunds");
        JsonNode answer = http.post(uri, body);
        if (answer == null || !answer.hasNonNull("refundId") || !answer.hasNonNull("refundStatus")) {
            throw new CamaraException.Unavailable(201, "BAD_ANSWER", "refund answered without refundId and refundStatus", null);
        }
        return new CarrierRefund(answer.get("refundId").asText(), answer.get("refundStatus").asText(), answer.path("type").asText(type));
    }

    private static Map<String, Object> body(Charge c) {
        Map<String, Object> paymentAmount = new LinkedHashMap<>();
        paymentAmount.put("chargingInformation", charging(c.amountMinor(), c.currency(), c.description()));
        if (c.merchantIdentifier() != null) {
            paymentAmount.put("chargingMetaData", Map.of("merchantIdentifier", c.merchantIdentifier()));
        }
        Map<String, Object> transaction = new LinkedHashMap<>();
        transaction.put("phoneNumber", PhoneNumbers.requireE164(c.phoneNumber()));
        putIf(transaction, "clientCorrelator", c.clientCorrelator());
        transaction.put("paymentAmount", paymentAmount);
        if (c.referenceCode() == null || c.referenceCode().isBlank()) {
            throw new IllegalArgumentException("referenceCode is required (the merchant's reference for disputes)");
        }
        transaction.put("referenceCode", c.referenceCode());
        return Map.of("amountTransaction", transaction);
    }

    private static Map<String, Object> charging(long amountMinor, String currency, String description) {
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("amount must be above zero, was " + amountMinor);
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("description (the text on the bill) is required");
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("amount", BigDecimal.valueOf(amountMinor, digits(currency)));
        info.put("currency", currency);
        info.put("description", description);
        return info;
    }

    private static int digits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("currency " + currency + " is not an ISO 4217 code");
        }
    }

    private static CarrierPayment payment(JsonNode a) {
        if (a == null || !a.hasNonNull("paymentId") || !a.hasNonNull("paymentStatus")) {
            throw new CamaraException.Unavailable(200, "BAD_ANSWER", "payment answer without paymentId and paymentStatus", null);
        }
        JsonNode t = a.path("amountTransaction");
        JsonNode info = t.path("paymentAmount").path("chargingInformation");
        String currency = info.path("currency").asText(null);
        long minor = currency == null || !info.has("amount") ? 0
                : info.get("amount").decimalValue().movePointRight(digits(currency)).longValueExact();
        return new CarrierPayment(a.get("paymentId").asText(), a.get("paymentStatus").asText(), t.path("phoneNumber").asText(null), minor,
                currency, t.path("referenceCode").asText(null), t.path("clientCorrelator").asText(null), instant(a, "paymentCreationDate"),
                instant(a, "paymentDate"));
    }

    private static Instant instant(JsonNode a, String field) {
        return a.hasNonNull(field) ? OffsetDateTime.parse(a.get(field).asText()).toInstant() : null;
    }

    private URI payments(String operation) {
        return http.settings().resolve(http.settings().carrierBillingPath(), "/payments" + operation);
    }

    private static String id(String paymentId) {
        if (paymentId == null || !ID.matcher(paymentId).matches()) {
            throw new IllegalArgumentException("not a payment id: " + paymentId);
        }
        return paymentId;
    }

    private static void putIf(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
