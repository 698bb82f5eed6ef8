package io.tapbus.runtime.checkout;

import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.write.WritePath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the webhook outbox (route {@code checkout-webhooks}, on a timer): each due delivery is POSTed to its merchant's
 * URL, signed ({@link WebhookSigner}); a 2xx answer marks it delivered; anything else is tried again after an exponential
 * backoff (base, 2 x base, 4 x base, ...), and after the last attempt it becomes a dead letter: a row in
 * {@code webhook_dead_letter}, a {@code checkout.webhook-dead-letter} event and a WARN in the log. A delivery is at least
 * once: a merchant recognises a repeat by its {@code TapBus-Webhook-Id}.
 */
public final class WebhookSender {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    /** How deliveries are tried: attempts in all, the first backoff, and how long one attempt may take. */
    public record Policy(int attempts, Duration firstBackoff, Duration timeout) {}

    private final WritePath writes;
    private final WebhookOutbox outbox;
    private final MerchantWebhooks merchants;
    private final EventOutbox events;
    private final Policy policy;
    private final HttpClient http;

    WebhookSender(WritePath writes, WebhookOutbox outbox, MerchantWebhooks merchants, EventOutbox events, Policy policy) {
        this.writes = writes;
        this.outbox = outbox;
        this.merchants = merchants;
        this.events = events;
        this.policy = policy;
        this.http = HttpClient.newBuilder().connectTimeout(policy.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** One round: every due delivery (up to 100) is attempted once. */
    public void run() {
        writes.catchUp();
        for (WebhookOutbox.Due d : outbox.due(Instant.now(), 100)) {
            deliver(d);
        }
    }

    private void deliver(WebhookOutbox.Due d) {
        MerchantWebhooks.Registration r = merchants.find(d.merchantId());
        String error;
        if (r == null) {
            error = "the merchant has no webhook registered";
        } else {
            error = post(d, r);
            if (error == null) {
                writes.execute(batch -> {
                    outbox.delivered(batch, d);
                    return null;
                });
                return;
            }
        }
        int attempt = d.attempts() + 1;
        String reason = error.length() > 250 ? error.substring(0, 250) : error;
        if (attempt >= policy.attempts()) {
            writes.execute(batch -> {
                outbox.deadLetter(batch, d, reason);
                events.add(batch, BusinessEvent.of("checkout.webhook-dead-letter", d.deliveryId(), d.merchantId(), d.merchantId(),
                        Map.of("deliveryId", d.deliveryId(), "eventType", d.eventType(), "attempts", attempt, "lastError", reason)));
                return null;
            });
            LOG.warn("webhook {} to merchant {} ({}) dead-lettered after {} attempts: {}", d.deliveryId(), d.merchantId(), d.eventType(),
                    attempt, reason);
        } else {
            Duration wait = policy.firstBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
            writes.execute(batch -> {
                outbox.retryAt(batch, d, Instant.now().plus(wait), reason);
                return null;
            });
            LOG.info("webhook {} to merchant {} failed (attempt {} of {}): {}; next in {} ms", d.deliveryId(), d.merchantId(), attempt,
                    policy.attempts(), reason, wait.toMillis());
        }
    }

    /** Null when the merchant accepted it, else why not. */
    private String post(WebhookOutbox.Due d, MerchantWebhooks.Registration r) {
        long timestamp = Instant.now().getEpochSecond();
        String signature = WebhookSigner.sign(merchants.secret(d.merchantId(), r), timestamp, d.body());
        HttpRequest request = HttpRequest.newBuilder(URI.create(r.url())).timeout(policy.timeout())
                .header("Content-Type", "application/json")
                .header(WebhookSigner.ID_HEADER, d.deliveryId())
                .header(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSigner.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofString(d.body())).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
