package io.tapbus.samples.operator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The carrier billing payments the simulated operator holds, with CAMARA's states: {@code reserved} (prepared),
 * {@code succeeded} (charged), {@code cancelled}, {@code denied} (over the line's limit). A repeated request with
 * the same clientCorrelator gets the payment it created first.
 */
final class BillingBook {
    /** One payment; amounts in major units as on the wire. */
    static final class Payment {
        final String paymentId = "CB-" + UUID.randomUUID();
        final String phoneNumber;
        final BigDecimal amount;
        final String currency;
        final String description;
        final String referenceCode;
        final String clientCorrelator;
        final Instant created;
        volatile String status;
        volatile Instant paymentDate;
        volatile BigDecimal refunded = BigDecimal.ZERO;

        Payment(String phoneNumber, BigDecimal amount, String currency, String description, String referenceCode, String clientCorrelator,
                String status, Instant created) {
            this.phoneNumber = phoneNumber;
            this.amount = amount;
            this.currency = currency;
            this.description = description;
            this.referenceCode = referenceCode;
            this.clientCorrelator = clientCorrelator;
            this.status = status;
            this.created = created;
        }
    }

    private final Map<String, Payment> payments = new ConcurrentHashMap<>();
    private final Map<String, String> byCorrelator = new ConcurrentHashMap<>();
    private volatile BigDecimal lineLimit = new BigDecimal("500");

    /** Payments above this (major units) are denied. */
    void lineLimit(BigDecimal limit) {
        lineLimit = limit;
    }

    /** A new payment, or the one an earlier request with the same correlator made. */
    synchronized Payment open(String phoneNumber, BigDecimal amount, String currency, String description, String referenceCode,
                              String clientCorrelator, boolean twoStep, Instant now) {
        if (clientCorrelator != null && byCorrelator.containsKey(clientCorrelator)) {
            return payments.get(byCorrelator.get(clientCorrelator));
        }
        boolean denied = amount.compareTo(lineLimit) > 0;
        Payment p = new Payment(phoneNumber, amount, currency, description, referenceCode, clientCorrelator,
                denied ? "denied" : twoStep ? "reserved" : "succeeded", now);
        if (!denied && !twoStep) {
            p.paymentDate = now;
        }
        payments.put(p.paymentId, p);
        if (clientCorrelator != null) {
            byCorrelator.put(clientCorrelator, p.paymentId);
        }
        return p;
    }

    Payment find(String paymentId) {
        return payments.get(paymentId);
    }

    List<Payment> all() {
        return List.copyOf(payments.values());
    }

    /** reserved -> succeeded or cancelled; anything else is a 409. */
    synchronized void settle(Payment p, boolean confirm, Instant now) {
        if (!"reserved".equals(p.status)) {
            throw new Exchange.CamaraError(409, "CONFLICT", "payment is " + p.status + ", only a reserved payment can be "
                    + (confirm ? "confirmed" : "cancelled"));
        }
        p.status = confirm ? "succeeded" : "cancelled";
        if (confirm) {
            p.paymentDate = now;
        }
    }

    /** Refunds {@code amount} (null: all that is left) of a succeeded payment. */
    synchronized BigDecimal refund(Payment p, BigDecimal amount) {
        if (!"succeeded".equals(p.status)) {
            throw new Exchange.CamaraError(409, "CONFLICT", "payment is " + p.status + ", only a succeeded payment can be refunded");
        }
        BigDecimal left = p.amount.subtract(p.refunded);
        BigDecimal refund = amount == null ? left : amount;
        if (refund.signum() <= 0 || refund.compareTo(left) > 0) {
            throw new Exchange.CamaraError(422, "CARRIER_BILLING_REFUND.INVALID_AMOUNT", "refund of " + refund.toPlainString()
                    + " is not between 0 and the remaining " + left.toPlainString());
        }
        p.refunded = p.refunded.add(refund);
        return refund;
    }
}
