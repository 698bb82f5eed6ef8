package io.tapbus.runtime.checkout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.write.Batch;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells everyone of a checkout's change in the write unit that makes it: a business event (JMS/Kafka through the event
 * outbox; its partition key is the payer's card, so the payer's app stream shows {@code payment.checkout-*} events too,
 * and it names the merchant) and, when the merchant registered a webhook, a signed delivery in the webhook outbox.
 */
final class CheckoutNotices {
    private final EventOutbox events;
    private final WebhookOutbox webhooks;
    private final MerchantWebhooks merchants;
    private final ObjectMapper json;

    CheckoutNotices(EventOutbox events, WebhookOutbox webhooks, MerchantWebhooks merchants, ObjectMapper json) {
        this.events = events;
        this.webhooks = webhooks;
        this.merchants = merchants;
        this.json = json;
    }

    void tell(Batch batch, String type, CheckoutPayment p, long amountMinor) {
        Map<String, Object> data = new LinkedHashMap<>(CheckoutViews.of(p));
        data.put("changeMinor", amountMinor);
        BusinessEvent event = BusinessEvent.of(type, p.checkoutId(), p.cardUid(), p.merchantId(), data);
        events.add(batch, event);
        if (merchants.registered(p.merchantId())) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", event.eventId());
            body.put("type", type);
            body.put("createdAt", event.occurredAt().toString());
            body.put("data", data);
            webhooks.add(batch, "WH-" + event.eventId(), p.merchantId(), type, json(body));
        }
    }

    String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a checkout answer cannot be written as JSON", e);
        }
    }
}
