package io.tapbus.runtime.payment;

import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.KeyFilter;
import io.tapbus.runtime.write.StateTable;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * The payment state that decides, held by the write path's writer: each card's last accepted transaction counter
 * (ATC), the status of every payment (a payment moves on only from the status it is in), and the idempotency keys
 * already recorded (a repeat is recognised without a query: recent keys exactly, older ones by a Bloom filter and
 * then the table). Payments are therefore written as staged rows behind the journal, like taps.
 */
final class PaymentState {
    /** Keys of the last day are held exactly; older ones go into the Bloom filter. */
    private static final java.time.Duration KEY_MEMORY = java.time.Duration.ofHours(24);

    private final StateTable<String, Integer> atcs;
    private final StateTable<String, PaymentStatus> statuses;
    private final StateTable<String, String> keys;
    private final StateTable<String, String> cardWrites;
    static final String CARD_WRITTEN = "WRITTEN";
    static final String CARD_WRITE_FAILED = "FAILED";
    private volatile KeyFilter olderKeys = new KeyFilter(1);

    PaymentState(Jdbi jdbi) {
        this.atcs = new StateTable<>("payment card ATCs", jdbi,
                (h, token) -> h.createQuery("SELECT last_atc FROM payment_card WHERE pan_token = ?").bind(0, token).mapTo(Integer.class)
                        .findOne().orElse(null),
                (batch, token, atc, exists) -> batch.stage("UPDATE payment_card SET last_atc = ? WHERE pan_token = ?", atc, token));
        // the payment rows are staged by PaymentBook; this only remembers where each payment stands
        this.statuses = new StateTable<>("payment statuses", jdbi,
                (h, id) -> h.createQuery("SELECT status FROM payment WHERE payment_id = ?").bind(0, id).mapTo(String.class).findOne()
                        .map(s -> PaymentStatus.valueOf(s.strip())).orElse(null),
                (batch, id, status, exists) -> { });
        this.keys = new StateTable<>("payment idempotency keys", jdbi, (h, key) -> null, (batch, key, id, exists) -> { });
        // what the card did with a payment's balance write (CARD_WRITE_RESULT); the payment row exists by then
        this.cardWrites = new StateTable<>("payment card writes", jdbi,
                (h, id) -> h.createQuery("SELECT card_write FROM payment WHERE payment_id = ?").bind(0, id).mapTo(String.class).findOne()
                        .orElse(null),
                (batch, id, written, exists) -> batch.stage("UPDATE payment SET card_write = ? WHERE payment_id = ?", written, id));
        rememberRecentKeys(jdbi, Instant.now().minus(KEY_MEMORY));
    }

    private void rememberRecentKeys(Jdbi jdbi, Instant since) {
        long all = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM payment").mapTo(Long.class).one());
        KeyFilter older = new KeyFilter((int) Math.min(Integer.MAX_VALUE / 10, all + 100_000));
        jdbi.useHandle(h -> h.createQuery("SELECT idempotency_key, payment_id, created_at FROM payment")
                .map((rs, ctx) -> {
                    if (rs.getTimestamp(3).toInstant().isAfter(since)) {
                        keys.preload(rs.getString(1), rs.getString(2));
                    } else {
                        older.add(rs.getString(1));
                    }
                    return 1;
                }).forEach(x -> { }));
        olderKeys = older;
    }

    /** Whether a payment may be recorded under this key (then the table has its answer); from any thread. */
    boolean maybeRecorded(String idempotencyKey) {
        return keys.read(idempotencyKey) != null || olderKeys.mightContain(idempotencyKey);
    }

    /** In the writer: whether this key is recorded (the table is asked only when the Bloom filter says maybe). */
    boolean recorded(Batch batch, String idempotencyKey) {
        if (batch.state(keys, idempotencyKey) != null) {
            return true;
        }
        return olderKeys.mightContain(idempotencyKey) && batch.handle().createQuery("SELECT COUNT(*) FROM payment WHERE idempotency_key = ?")
                .bind(0, idempotencyKey).mapTo(Integer.class).one() > 0;
    }

    /** The card's highest accepted ATC as the writer last made it durable (for the facts); null when unknown. */
    Integer lastAtc(String panToken) {
        return atcs.read(panToken);
    }

    /** In the writer: accepts {@code atc} for the card, or throws when it is not above the last one accepted. */
    void consumeAtc(Batch batch, String panToken, int atc) {
        Integer last = batch.state(atcs, panToken);
        if (last != null && atc <= last) {
            throw new Settlement.AtcUsed();
        }
        batch.put(atcs, panToken, atc);
    }

    /** In the writer: what the card did with the payment's balance write (null: not reported). */
    String cardWrite(Batch batch, String paymentId) {
        return batch.state(cardWrites, paymentId);
    }

    /** In the writer: records what the card did with the payment's balance write. */
    void cardWrite(Batch batch, String paymentId, String written) {
        batch.put(cardWrites, paymentId, written);
    }

    /** In the writer: a new payment and its key. */
    void created(Batch batch, String paymentId, String idempotencyKey, PaymentStatus status) {
        batch.put(statuses, paymentId, status);
        batch.put(keys, idempotencyKey, paymentId);
    }

    /** In the writer: moves the payment on when it is in {@code from}; false (nothing changed) otherwise. */
    boolean move(Batch batch, String paymentId, PaymentStatus from, PaymentStatus to) {
        if (batch.state(statuses, paymentId) != from) {
            return false;
        }
        batch.put(statuses, paymentId, to);
        return true;
    }
}
