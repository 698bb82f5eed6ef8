package io.tapbus.runtime.checkout;

import io.tapbus.runtime.write.Batch;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The webhook outbox, the one writer of {@code webhook_delivery} and {@code webhook_dead_letter}: a delivery is added in
 * the write unit of the change it reports (so it exists exactly when the change does), and its attempts, its delivery
 * and its dead letter are written through the write path by {@link WebhookSender}.
 */
final class WebhookOutbox {
    /** A delivery still to make. */
    record Due(String deliveryId, String merchantId, String eventType, String body, int attempts) {}

    private final Jdbi jdbi;

    WebhookOutbox(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void add(Batch batch, String deliveryId, String merchantId, String eventType, String body) {
        Instant now = Instant.now();
        batch.stage("INSERT INTO webhook_delivery(delivery_id, merchant_id, event_type, body, status, attempts, next_attempt_at, "
                + "created_at, updated_at) VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)", deliveryId, merchantId, eventType, body, now, now, now);
    }

    /** The oldest deliveries that are due (the tables must have caught up with the write path first). */
    List<Due> due(Instant now, int max) {
        return jdbi.withHandle(h -> h.createQuery("SELECT delivery_id, merchant_id, event_type, body, attempts FROM webhook_delivery "
                        + "WHERE status = 'PENDING' AND next_attempt_at <= :now ORDER BY created_at, delivery_id LIMIT :n")
                .bind("now", now).bind("n", max)
                .map((rs, ctx) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5))).list());
    }

    void delivered(Batch batch, Due d) {
        batch.stage("UPDATE webhook_delivery SET status = 'DELIVERED', attempts = ?, last_error = NULL, updated_at = ? WHERE delivery_id = ?",
                d.attempts() + 1, Instant.now(), d.deliveryId());
    }

    void retryAt(Batch batch, Due d, Instant next, String error) {
        batch.stage("UPDATE webhook_delivery SET attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE delivery_id = ?",
                d.attempts() + 1, next, error, Instant.now(), d.deliveryId());
    }

    void deadLetter(Batch batch, Due d, String error) {
        Instant now = Instant.now();
        batch.stage("UPDATE webhook_delivery SET status = 'DEAD', attempts = ?, last_error = ?, updated_at = ? WHERE delivery_id = ?",
                d.attempts() + 1, error, now, d.deliveryId());
        batch.stage("INSERT INTO webhook_dead_letter(delivery_id, merchant_id, event_type, body, attempts, last_error, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", d.deliveryId(), d.merchantId(), d.eventType(), d.body(), d.attempts() + 1, error, now);
    }

    /** A merchant's deliveries and where each stands (for the merchant's GET). */
    List<java.util.Map<String, Object>> of(String merchantId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT delivery_id, event_type, status, attempts, last_error, created_at, updated_at "
                        + "FROM webhook_delivery WHERE merchant_id = :m ORDER BY created_at DESC, delivery_id DESC LIMIT :n")
                .bind("m", merchantId).bind("n", limit)
                .map((rs, ctx) -> {
                    java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
                    d.put("deliveryId", rs.getString(1));
                    d.put("eventType", rs.getString(2));
                    d.put("status", rs.getString(3).strip());
                    d.put("attempts", rs.getInt(4));
                    d.put("lastError", rs.getString(5));
                    d.put("createdAt", rs.getTimestamp(6).toInstant().toString());
                    d.put("updatedAt", rs.getTimestamp(7).toInstant().toString());
                    return d;
                }).list());
    }
}
