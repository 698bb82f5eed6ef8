package io.tapbus.runtime.platform;

import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.StateTable;
import io.tapbus.runtime.write.WritePath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Data processing: accounts and the double-entry ledger, the one writer of {@code ledger_entry} and of
 * stored-value balances. Every movement is a transaction whose lines sum to zero, posted by the write path
 * inside a batch. A stored-value account's balance is state the write path holds: read from its row once,
 * checked and changed in memory by the single writer (never below zero), written back once per batch.
 * Merchant settlement and platform float accounts are credited by many payments at once; their lines are
 * only inserted and their balance is the sum of their lines.
 */
public final class LedgerService {
    public static final String PLATFORM_FLOAT = "P-FLOAT-CNY";

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final WritePath writes;
    private final StateTable<String, AccountState> balances;

    public LedgerService(Jdbi jdbi, AuditLog audit, WritePath writes) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.writes = writes;
        this.balances = new StateTable<>("account.balance_minor", jdbi,
                (h, id) -> h.createQuery("SELECT kind, status, balance_minor FROM account WHERE account_id = ?").bind(0, id)
                        .map((rs, ctx) -> new AccountState(rs.getString(1), rs.getString(2), rs.getLong(3))).findOne().orElse(null),
                (batch, id, b, exists) -> {
                    if (b.storedValue()) {
                        batch.stage("UPDATE account SET balance_minor = ? WHERE account_id = ?", b.balanceMinor(), id);
                    }
                });
    }

    public record Line(String accountId, long amountMinor) {}

    public record Account(String accountId, String ownerType, String ownerId, String kind, String currency, String status,
                          long balanceMinor) {}

    /** What the writer holds of an account: its kind and status, and the balance of a stored-value account. */
    public record AccountState(String kind, String status, long balanceMinor) {
        public boolean storedValue() {
            return "STORED_VALUE".equals(kind);
        }

        public boolean open() {
            return "OPEN".equals(status);
        }
    }

    /** A stored-value account would go below zero (or cannot take lines): nothing of the posting is applied. */
    public static final class InsufficientFunds extends DomainError {
        public InsufficientFunds(String accountId) {
            super(Code.CONFLICT, "insufficient funds in " + accountId);
        }
    }

    /**
     * Posts balanced lines in the caller's write unit. A stored-value account must be open and stay at or
     * above zero; any other account must exist and be open. Checks every line before changing anything.
     */
    public void post(Batch batch, String txnId, List<Line> lines) {
        long sum = lines.stream().mapToLong(Line::amountMinor).sum();
        if (sum != 0) {
            throw new IllegalArgumentException("ledger lines of " + txnId + " do not balance: " + sum);
        }
        Map<String, AccountState> after = new java.util.LinkedHashMap<>();
        for (Line line : lines) {
            AccountState b = after.containsKey(line.accountId()) ? after.get(line.accountId()) : batch.state(balances, line.accountId());
            if (b == null || !b.open()) {
                throw new InsufficientFunds(line.accountId());
            }
            if (b.storedValue()) {
                long next = b.balanceMinor() + line.amountMinor();
                if (next < 0) {
                    throw new InsufficientFunds(line.accountId());
                }
                after.put(line.accountId(), new AccountState(b.kind(), b.status(), next));
            }
        }
        after.forEach((id, b) -> batch.put(balances, id, b));
        Instant now = Instant.now();
        // numbered within the transaction: (txn_id, line_no) is unique, so a replayed batch cannot post a line twice
        long lineNo = 0;
        for (Line line : lines) {
            batch.stage("INSERT INTO ledger_entry(txn_id, line_no, account_id, amount_minor, created_at) VALUES (?, ?, ?, ?, ?)",
                    txnId, ++lineNo, line.accountId(), line.amountMinor(), now);
        }
    }

    /** A stored-value account's balance as this unit sees it (null for other kinds or unknown accounts). */
    public Long balance(Batch batch, String accountId) {
        AccountState b = batch.state(balances, accountId);
        return b == null || !b.storedValue() ? null : b.balanceMinor();
    }

    /** An account as this unit sees it (null when unknown). */
    public AccountState state(Batch batch, String accountId) {
        return batch.state(balances, accountId);
    }

    /** A stored-value account's last durable balance (for gathering facts), or null. */
    public Long balance(String accountId) {
        AccountState b = balances.read(accountId);
        return b == null || !b.storedValue() ? null : b.balanceMinor();
    }

    /** An account's kind, status and (stored value) balance as last made durable, or null when there is no such account. */
    public AccountState state(String accountId) {
        return balances.read(accountId);
    }

    /** After an account's status changed outside the write path (closed, reopened). */
    public void forget(String accountId) {
        balances.forget(accountId);
    }

    /**
     * Loads stored value onto an account from the platform float (a bank transfer or cash top-up).
     * Idempotent: the same key returns the first transaction and posts nothing more.
     */
    public String topUp(String accountId, long amountMinor, String idempotencyKey, String actor) {
        if (amountMinor <= 0 || amountMinor > 100_000_00L) {
            throw DomainError.invalid("amountMinor must be between 1 and 10000000");
        }
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 64) {
            throw DomainError.invalid("an Idempotency-Key header (1-64 characters) is required");
        }
        String key = "topup:" + accountId + ":" + idempotencyKey;
        return writes.execute(batch -> earlierTopUp(batch.handle(), key, amountMinor)
                .orElseGet(() -> newTopUp(batch, accountId, amountMinor, key, actor)));
    }

    /** The transaction an earlier request with this key made; 409 when it was for another amount. */
    private static Optional<String> earlierTopUp(Handle h, String key, long amountMinor) {
        return h.createQuery("SELECT txn_id, amount_minor FROM txn WHERE idempotency_key = ?").bind(0, key)
                .map((rs, ctx) -> {
                    if (rs.getLong("amount_minor") != amountMinor) {
                        throw DomainError.conflict("this Idempotency-Key was used for a top-up of " + rs.getLong("amount_minor"));
                    }
                    return rs.getString("txn_id");
                })
                .findOne();
    }

    private String newTopUp(Batch batch, String accountId, long amountMinor, String key, String actor) {
        Account account = find(batch.handle(), accountId).orElseThrow(() -> DomainError.notFound("account " + accountId));
        if (!account.kind().equals("STORED_VALUE")) {
            throw DomainError.conflict("only stored-value accounts can be topped up");
        }
        String txnId = Transactions.newId();
        Transactions.record(batch, new Transactions.Txn(txnId, "TOPUP", key, null, null, null, amountMinor, account.currency(),
                "APPROVED", null, null, Instant.now()));
        post(batch, txnId, List.of(new Line(PLATFORM_FLOAT, -amountMinor), new Line(accountId, amountMinor)));
        audit.record(batch.handle(), actor, "account.topup", accountId, "amountMinor=" + amountMinor + " txn=" + txnId);
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
