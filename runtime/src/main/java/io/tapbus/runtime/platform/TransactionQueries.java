package io.tapbus.runtime.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Read side of data processing: transaction history and recorded decisions, filtered by who may see them. */
public final class TransactionQueries {
    private static final String TXN_COLUMNS = "t.txn_id, t.kind, t.card_uid, t.merchant_id, t.reader_id, t.amount_minor, t.currency, "
            + "t.status, t.decision_id, t.correlation_id, t.created_at, d.rule_set_version, COALESCE(t.reasons, d.reasons, p.reasons) AS reasons,"
            + " d.rules_fired";
    /**
     * An entry's reasons: its own when it was recorded with them (a payment the bank declined or timed out, a reversal),
     * else its decision's; an older reversal (no decision of its own, no reasons of its own) has those of its payment.
     */
    private static final String TXN_FROM = " FROM txn t LEFT JOIN decision_record d ON d.decision_id = t.decision_id"
            + " LEFT JOIN payment p ON t.kind = 'REVERSAL' AND p.payment_id = SUBSTRING(t.correlation_id FROM 10) ";

    private final Jdbi jdbi;

    public TransactionQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A card's history, newest first; {@code merchantId} non-null limits it to that merchant's transactions. */
    public List<Map<String, Object>> cardHistory(String cardUid, String merchantId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + TXN_COLUMNS + TXN_FROM
                        + "WHERE t.card_uid = :card AND (:m IS NULL OR t.merchant_id = :m) ORDER BY t.created_at DESC, t.txn_id LIMIT :n")
                .bind("card", cardUid).bind("m", merchantId).bind("n", clamp(limit)).mapToMap().list());
    }

    public List<Map<String, Object>> merchantTransactions(String merchantId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + TXN_COLUMNS + TXN_FROM
                        + "WHERE (:m IS NULL OR t.merchant_id = :m) ORDER BY t.created_at DESC, t.txn_id LIMIT :n")
                .bind("m", merchantId).bind("n", clamp(limit)).mapToMap().list());
    }

    public Optional<Map<String, Object>> transaction(String txnId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + TXN_COLUMNS + TXN_FROM
                        + "WHERE t.txn_id = ?").bind(0, txnId).mapToMap().findOne());
    }

    private static int clamp(int limit) {
        return Math.min(Math.max(limit, 1), 500);
    }
}
