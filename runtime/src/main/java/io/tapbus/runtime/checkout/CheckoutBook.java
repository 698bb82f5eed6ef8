package io.tapbus.runtime.checkout;

import io.tapbus.runtime.idempotency.BoundedKeys;
import io.tapbus.runtime.idempotency.KeyMemory;
import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.StateTable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The checkout state that decides, held by the write path's writer, and the one writer of {@code checkout_payment} and
 * {@code checkout_idempotency}: each payment's status and amounts (so two refunds racing cannot exceed the capture), the
 * merchants' order ids (one payment per order) and the first outcome of every merchant call per Idempotency-Key (the
 * recent ones in memory, bounded by {@link KeyMemory}; older ones read back from their rows).
 */
final class CheckoutBook {
    /** The first answer to a call under an Idempotency-Key: the request's hash, the HTTP status and the body. */
    record Outcome(String requestHash, int status, String body) {}

    private final Jdbi jdbi;
    private final StateTable<String, CheckoutPayment> payments;
    private final StateTable<String, String> orders;
    private final StateTable<String, Outcome> keys;
    private final BoundedKeys<String> keysInMemory;

    CheckoutBook(Jdbi jdbi, KeyMemory memory) {
        this.jdbi = jdbi;
        this.payments = new StateTable<>("checkout payments", jdbi,
                (h, id) -> h.createQuery("SELECT * FROM checkout_payment WHERE checkout_id = ?").bind(0, id)
                        .map((rs, ctx) -> payment(rs)).findOne().orElse(null),
                CheckoutBook::store);
        this.orders = new StateTable<>("checkout orders", jdbi,
                (h, key) -> h.createQuery("SELECT checkout_id FROM checkout_payment WHERE merchant_id = ? AND order_id = ?")
                        .bind(0, key.substring(0, key.indexOf('\n'))).bind(1, key.substring(key.indexOf('\n') + 1))
                        .mapTo(String.class).findOne().orElse(null),
                (batch, key, id, exists) -> { }); // the order id is a column of the payment's row
        this.keys = new StateTable<>("checkout idempotency keys", jdbi,
                (h, key) -> h.createQuery("SELECT request_hash, status_code, body FROM checkout_idempotency WHERE merchant_id = ? AND idem_key = ?")
                        .bind(0, key.substring(0, key.indexOf('\n'))).bind(1, key.substring(key.indexOf('\n') + 1))
                        .map((rs, ctx) -> new Outcome(rs.getString(1), rs.getInt(2), rs.getString(3))).findOne().orElse(null),
                (batch, key, o, exists) -> {
                    if (!exists) {
                        batch.stage("INSERT INTO checkout_idempotency(merchant_id, idem_key, request_hash, status_code, body, created_at) "
                                        + "VALUES (?, ?, ?, ?, ?, ?)", key.substring(0, key.indexOf('\n')), key.substring(key.indexOf('\n') + 1),
                                o.requestHash(), o.status(), o.body(), Instant.now());
                    }
                });
        this.keysInMemory = memory.bound(keys);
    }

    private static void store(Batch batch, String id, CheckoutPayment p, boolean exists) {
        if (exists) {
            batch.stage("UPDATE checkout_payment SET status = ?, authorized_minor = ?, captured_minor = ?, refunded_minor = ?, "
                            + "released_minor = ?, updated_at = ? WHERE checkout_id = ?", p.status().name(), p.authorizedMinor(),
                    p.capturedMinor(), p.refundedMinor(), p.releasedMinor(), p.updatedAt(), id);
        } else {
            batch.stage("INSERT INTO checkout_payment(checkout_id, merchant_id, order_id, user_id, card_uid, account_id, currency, "
                            + "amount_minor, status, authorized_minor, captured_minor, refunded_minor, released_minor, basket, created_at, "
                            + "expires_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, p.merchantId(),
                    p.orderId(), p.userId(), p.cardUid(), p.accountId(), p.currency(), p.amountMinor(), p.status().name(),
                    p.authorizedMinor(), p.capturedMinor(), p.refundedMinor(), p.releasedMinor(), p.basket(), p.createdAt(),
                    p.expiresAt(), p.updatedAt());
        }
    }

    private static CheckoutPayment payment(ResultSet rs) throws SQLException {
        return new CheckoutPayment(rs.getString("checkout_id"), rs.getString("merchant_id"), rs.getString("order_id"),
                rs.getString("user_id"), rs.getString("card_uid"), rs.getString("account_id"), rs.getString("currency").strip(),
                rs.getLong("amount_minor"), CheckoutPayment.Status.valueOf(rs.getString("status").strip()), rs.getLong("authorized_minor"),
                rs.getLong("captured_minor"), rs.getLong("refunded_minor"), rs.getLong("released_minor"), rs.getString("basket"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    /** In the writer: the payment as it stands (null when there is none). */
    CheckoutPayment payment(Batch batch, String checkoutId) {
        return batch.state(payments, checkoutId);
    }

    /** In the writer: records the payment's new state (its row is written once per batch). */
    void put(Batch batch, CheckoutPayment p) {
        batch.put(payments, p.checkoutId(), p);
    }

    /** In the writer: the checkout already made for this merchant's order, or null. */
    String checkoutOfOrder(Batch batch, String merchantId, String orderId) {
        return batch.state(orders, merchantId + "\n" + orderId);
    }

    void created(Batch batch, CheckoutPayment p) {
        batch.put(orders, p.merchantId() + "\n" + p.orderId(), p.checkoutId());
        put(batch, p);
    }

    /** In the writer: the first outcome under this merchant's key, or null. */
    Outcome outcome(Batch batch, String merchantId, String key) {
        return batch.state(keys, merchantId + "\n" + key);
    }

    void remember(Batch batch, String merchantId, String key, Outcome outcome) {
        batch.put(keys, merchantId + "\n" + key, outcome);
        keysInMemory.used(batch, merchantId + "\n" + key);
    }

    /** The payer's newest checkout still waiting, else the newest that expires after {@code since}; from the table. */
    Optional<String> latestOfPayer(String userId, Instant since) {
        return jdbi.withHandle(h -> h.createQuery("SELECT checkout_id FROM checkout_payment WHERE user_id = ? AND expires_at > ?"
                        + " ORDER BY CASE WHEN status = 'AWAITING_CONFIRMATION' THEN 0 ELSE 1 END, created_at DESC, checkout_id DESC"
                        + " LIMIT 1").bind(0, userId).bind(1, java.sql.Timestamp.from(since)).mapTo(String.class).findFirst());
    }

    /** The payment as last made durable, from any thread. */
    Optional<CheckoutPayment> find(String checkoutId) {
        return Optional.ofNullable(payments.read(checkoutId));
    }
}
