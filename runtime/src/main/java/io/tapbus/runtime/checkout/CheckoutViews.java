package io.tapbus.runtime.checkout;

import java.util.LinkedHashMap;
import java.util.Map;

/** A checkout as merchants, the app, events and webhooks see it: no card, account or phone number of the payer. */
public final class CheckoutViews {
    private CheckoutViews() {
    }

    public static Map<String, Object> of(CheckoutPayment p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("checkoutId", p.checkoutId());
        v.put("merchantId", p.merchantId());
        v.put("orderId", p.orderId());
        v.put("status", p.status().name());
        v.put("currency", p.currency());
        v.put("amountMinor", p.amountMinor());
        v.put("authorizedMinor", p.authorizedMinor());
        v.put("capturedMinor", p.capturedMinor());
        v.put("refundedMinor", p.refundedMinor());
        v.put("releasedMinor", p.releasedMinor());
        v.put("createdAt", p.createdAt().toString());
        v.put("expiresAt", p.expiresAt().toString());
        v.put("updatedAt", p.updatedAt().toString());
        return v;
    }
}
