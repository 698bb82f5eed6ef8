package io.tapbus.runtime.checkout;

import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.api.ProblemResponder;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.keys.KeyVault;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.write.WritePath;
import java.time.Duration;
import java.util.function.Function;
import org.apache.camel.spi.Registry;
import org.jdbi.v3.core.Jdbi;

/**
 * Wires online checkout from the {@code tapbus.checkout.*} settings: the beans {@code checkoutApi} (REST) and
 * {@code webhookSender} (the route {@code checkout-webhooks} calls it on a timer).
 */
public final class CheckoutWiring {
    private CheckoutWiring() {
    }

    public static CheckoutService bind(Registry registry, Function<String, String> settings, Jdbi jdbi, WritePath writes,
                                       UserService users, LedgerService ledger, EventOutbox outbox, KeyVault vault, Json json,
                                       ProblemResponder problems, io.tapbus.runtime.idempotency.KeyMemory keyMemory) {
        MerchantWebhooks merchants = new MerchantWebhooks(jdbi, writes, vault);
        WebhookOutbox webhooks = new WebhookOutbox(jdbi);
        CheckoutService checkout = new CheckoutService(writes, new CheckoutBook(jdbi, keyMemory), ledger, users,
                new CheckoutNotices(outbox, webhooks, merchants, json.mapper()),
                Duration.ofSeconds(number(settings, "tapbus.checkout.confirm-seconds", 300)));
        registry.bind("checkoutApi", new CheckoutApi(checkout, merchants, webhooks, problems, json));
        registry.bind("webhookSender", new WebhookSender(writes, webhooks, merchants, outbox, new WebhookSender.Policy(
                (int) number(settings, "tapbus.checkout.webhook-attempts", 8),
                Duration.ofMillis(number(settings, "tapbus.checkout.webhook-first-backoff-ms", 2000)),
                Duration.ofMillis(number(settings, "tapbus.checkout.webhook-timeout-ms", 5000)))));
        return checkout;
    }

    static long number(Function<String, String> settings, String key, long fallback) {
        String v = settings.apply(key);
        return v == null || v.isBlank() ? fallback : Long.parseLong(v.strip());
    }
}
