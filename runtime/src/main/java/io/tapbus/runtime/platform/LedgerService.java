package io.tapbus.runtime.platform;

import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.db.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Data processing: accounts and the double-entry ledger. Every movement is a transaction whose lines
 * sum to zero. A stored-value account keeps its balance in its row, changed in the same database
 * transaction as its lines, so the no-overdraft check is one atomic UPDATE. Merchant settlement and
 * platform float accounts are credited by many taps at once; locking their row for every tap would
 * serialise all of a merchant's readers, so their lines are only inserted and their balance is the
 * sum of their lines.
 */
public final class LedgerService {
    public static final String PLATFORM_FLOAT = "P-FLOAT-CNY";

    private final Jdbi jdbi;
    private final AuditLog audit;

    public LedgerService(Jdbi jdbi, AuditLog audit) {
        this.jdbi = jdbi;
        this.audit = audit;
    }

    public record Line(String accountId, long amountMinor) {}

    public record Account(String accountId, String ownerType, String ownerId, String kind, String currency, String status,
                          long balanceMinor) {}

    /** Thrown inside a posting when a stored-value account would go below zero; the transaction rolls back. */
    public static final class InsufficientFunds extends RuntimeException {
        public InsufficientFunds(String accountId) {
            super("insufficient funds in " + accountId, null, false, false);
        }
    }

    /** Posts balanced lines inside the caller's transaction. */
    public void post(Handle h, String txnId, List<Line> lines) {
        long sum = lines.stream().mapToLong(Line::amountMinor).sum();
        if (sum != 0) {
            throw new IllegalArgumentException("ledger lines of " + txnId + " do not balance: " + sum);
        }
        Instant now = Instant.now();
        for (Line line : lines) {
            if (!openSumAccounts.contains(line.accountId())) {
                int updated = Sql.update(h, "UPDATE account SET balance_minor = balance_minor + ? WHERE account_id = ? "
                                + "AND status = 'OPEN' AND kind = 'STORED_VALUE' AND balance_minor + ? >= 0",
                        line.amountMinor(), line.accountId(), line.amountMinor());
                if (updated == 0 && !isOpenSumAccount(h, line.accountId())) {
                    throw new InsufficientFunds(line.accountId());
                }
            }
            Sql.update(h, "INSERT INTO ledger_entry(txn_id, account_id, amount_minor, created_at) VALUES (?, ?, ?, ?)",
                    txnId, line.accountId(), line.amountMinor(), now);
        }
    }

    private final java.util.Set<String> openSumAccounts = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** An open account whose balance is the sum of its lines (merchant settlement, platform float). */
    private boolean isOpenSumAccount(Handle h, String accountId) {
        String kind = h.createQuery("SELECT kind FROM account WHERE account_id = ? AND status = 'OPEN'")
                .bind(0, accountId).mapTo(String.class).findOne().orElse("STORED_VALUE");
        if (kind.equals("STORED_VALUE")) {
            return false;
        }
        openSumAccounts.add(accountId); // kinds never change; a closed sum account would need a restart to refuse lines
        return true;
    }

    /**
     * Loads stored value onto an account from the platform float (a bank transfer or cash top-up).
     * Idempotent: the same key returns the first transaction and posts nothing more.
     */
    public String topUp(String accountId, long amountMinor, String idempotencyKey, String actor) {
        if (amountMinor <= 0 || amountMinor > 100_000_00L) {
            throw ApiProblem.badRequest("amountMinor must be between 1 and 10000000");
        }
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 64) {
            throw ApiProblem.badRequest("an Idempotency-Key header (1-64 characters) is required");
        }
        String key = "topup:" + accountId + ":" + idempotencyKey;
        try {
            return jdbi.inTransaction(h -> earlierTopUp(h, key, amountMinor).orElseGet(() -> newTopUp(h, accountId, amountMinor, key, actor)));
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException raced) {
            // the same key committed by a concurrent request in the meantime: answer with that one
            return jdbi.inTransaction(h -> earlierTopUp(h, key, amountMinor)).orElseThrow(() -> raced);
        }
    }

    /** The transaction an earlier request with this key made; 409 when it was for another amount. */
    private static Optional<String> earlierTopUp(Handle h, String key, long amountMinor) {
        return h.createQuery("SELECT txn_id, amount_minor FROM txn WHERE idempotency_key = ?").bind(0, key)
                .map((rs, ctx) -> {
                    if (rs.getLong("amount_minor") != amountMinor) {
                        throw ApiProblem.conflict("this Idempotency-Key was used for a top-up of " + rs.getLong("amount_minor"));
                    }
                    return rs.getString("txn_id");
                })
                .findOne();
    }

    private String newTopUp(Handle h, String accountId, long amountMinor, String key, String actor) {
        Account account = find(h, accountId).orElseThrow(() -> ApiProblem.notFound("account " + accountId));
        if (!account.kind().equals("STORED_VALUE")) {
            throw ApiProblem.conflict("only stored-value accounts can be topped up");
        }
        String txnId = "T-" + UUID.randomUUID();
        h.createUpdate("INSERT INTO txn(txn_id, kind, idempotency_key, amount_minor, currency, status, created_at) "
                        + "VALUES (?, 'TOPUP', ?, ?, ?, 'APPROVED', ?)")
                .bind(0, txnId).bind(1, key).bind(2, amountMinor).bind(3, account.currency()).bind(4, Instant.now()).execute();
        post(h, txnId, List.of(new Line(PLATFORM_FLOAT, -amountMinor), new Line(accountId, amountMinor)));
        audit.record(h, actor, "account.topup", accountId, "amountMinor=" + amountMinor + " txn=" + txnId);
        return txnId;
    }

    public Optional<Account> find(String accountId) {
        return jdbi.withHandle(h -> find(h, accountId));
    }

    static Optional<Account> find(Handle h, String accountId) {
        return h.createQuery("SELECT a.*, CASE WHEN a.kind = 'STORED_VALUE' THEN a.balance_minor ELSE "
                        + "(SELECT COALESCE(SUM(e.amount_minor), 0) FROM ledger_entry e WHERE e.account_id = a.account_id) END AS balance "
                        + "FROM account a WHERE a.account_id = ?").bind(0, accountId)
                .map((rs, ctx) -> new Account(rs.getString("account_id"), rs.getString("owner_type"), rs.getString("owner_id"),
                        rs.getString("kind"), rs.getString("currency"), rs.getString("status"), rs.getLong("balance")))
                .findOne();
    }

    public List<Map<String, Object>> entries(String accountId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT entry_id, txn_id, amount_minor, created_at FROM ledger_entry "
                        + "WHERE account_id = :id ORDER BY entry_id DESC LIMIT :n")
                .bind("id", accountId).bind("n", Math.min(Math.max(limit, 1), 500)).mapToMap().list());
    }

    /** Sum of all ledger lines: zero when the books balance. */
    public long trialBalance() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_entry").mapTo(Long.class).one());
    }
}
