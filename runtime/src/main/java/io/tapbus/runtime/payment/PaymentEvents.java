package io.tapbus.runtime.payment;

import io.tapbus.rules.Reason;
import io.tapbus.runtime.events.BusinessEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outbox events of the payment flow ({@code payment.approved}, {@code payment.step-up}, ...), keyed by card. */
final class PaymentEvents {
    private PaymentEvents() {
    }

    static BusinessEvent of(String type, PaymentContext p, String paymentId, PaymentStatus status, List<Reason> reasons, String txnId) {
        PaymentCommand cmd = p.command();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("paymentId", paymentId);
        data.put("transactionId", txnId);
        data.put("channel", cmd.channel());
        data.put("readerId", cmd.readerId());
        data.put("card", p.paymentCard != null ? p.paymentCard.panMasked() : p.cardUid);
        data.put("amountMinor", cmd.amountMinor());
        data.put("currency", cmd.currency());
        data.put("status", status.name());
        data.put("funding", p.facts().getFunding());
        data.put("reasons", reasons.stream().map(Reason::code).toList());
        return BusinessEvent.of(type, paymentId, p.cardUid == null ? paymentId : p.cardUid, cmd.merchantId(), data);
    }
}
