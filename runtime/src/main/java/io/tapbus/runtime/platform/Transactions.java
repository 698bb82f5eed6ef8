package io.tapbus.runtime.platform;

import io.tapbus.runtime.write.Batch;
import java.time.Instant;

/** The one writer of the {@code txn} table: every tap, payment, top-up and reversal is recorded here. */
public final class Transactions {
    private Transactions() {
    }

    /**
     * One row of {@code txn}; reader, card, merchant, decision and correlation may be null. {@code reasons} (JSON array of
     * {code, message}) are the transaction's own when they differ from its decision's (a bank decline, a reversal), else null.
     */
    public record Txn(String txnId, String kind, String idempotencyKey, String cardUid, String merchantId, String readerId,
                      long amountMinor, String currency, String status, String decisionId, String correlationId, Instant createdAt,
                      String reasons) {

        /** A transaction whose reasons are its decision's. */
        public Txn(String txnId, String kind, String idempotencyKey, String cardUid, String merchantId, String readerId,
                   long amountMinor, String currency, String status, String decisionId, String correlationId, Instant createdAt) {
            this(txnId, kind, idempotencyKey, cardUid, merchantId, readerId, amountMinor, currency, status, decisionId, correlationId,
                    createdAt, null);
        }
    }

    /** A new transaction id: time-ordered, so the table's index grows at its end. */
    public static String newId() {
        return "T-" + io.tapbus.rules.TimeOrderedId.next();
    }

    public static void record(Batch batch, Txn t) {
        batch.stage("INSERT INTO txn(txn_id, kind, idempotency_key, card_uid, merchant_id, reader_id, amount_minor, currency, status,"
                        + " decision_id, correlation_id, created_at, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                t.txnId(), t.kind(), t.idempotencyKey(), t.cardUid(), t.merchantId(), t.readerId(), t.amountMinor(), t.currency(),
                t.status(), t.decisionId(), t.correlationId(), t.createdAt(), t.reasons());
    }
}
