package io.tapbus.runtime.api;

import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.runtime.platform.TransactionQueries;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.Exchange;

/** REST: data processing. Real-time balances, ledger lines, top-ups, transactions (decisions: DecisionApi). */
public final class AccountApi {
    private final LedgerService ledger;
    private final TransactionQueries queries;
    private final Json json;
    private final HistoryView view;

    public AccountApi(LedgerService ledger, TransactionQueries queries, Json json) {
        this.ledger = ledger;
        this.queries = queries;
        this.json = json;
        this.view = new HistoryView(json.mapper());
    }

    public record TopUp(Long amountMinor) {}

    public void get(Exchange exchange) throws IOException {
        LedgerService.Account account = visibleAccount(exchange);
        json.reply(exchange, 200, account);
    }

    public void entries(Exchange exchange) throws IOException {
        LedgerService.Account account = visibleAccount(exchange);
        int limit = exchange.getMessage().getHeader("limit", 100, Integer.class);
        json.reply(exchange, 200, Map.of("accountId", account.accountId(), "balanceMinor", account.balanceMinor(),
                "entries", view.rows(ledger.entries(account.accountId(), limit))));
    }

    public void topUp(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        String accountId = exchange.getMessage().getHeader("accountId", String.class);
        String key = exchange.getMessage().getHeader("Idempotency-Key", String.class);
        TopUp req = json.read(exchange, TopUp.class);
        if (req.amountMinor() == null) {
            throw ApiProblem.badRequest("amountMinor is required");
        }
        String txnId = ledger.topUp(accountId, req.amountMinor(), key, p.partnerId());
        json.reply(exchange, 201, Map.of("transactionId", txnId, "balanceMinor",
                ledger.find(accountId).map(LedgerService.Account::balanceMinor).orElse(0L)));
    }

    public void transactions(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.MERCHANT);
        int limit = exchange.getMessage().getHeader("limit", 100, Integer.class);
        String merchant = p.isAdmin() ? exchange.getMessage().getHeader("merchantId", String.class) : p.partnerId();
        json.reply(exchange, 200, view.rows(queries.merchantTransactions(merchant, limit)));
    }

    public void transaction(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER, Principal.MERCHANT);
        String id = exchange.getMessage().getHeader("transactionId", String.class);
        Map<String, Object> row = queries.transaction(id)
                .filter(t -> p.isAdmin() || p.has(Principal.ISSUER) || p.partnerId().equals(t.get("merchant_id")))
                .orElseThrow(() -> ApiProblem.notFound("transaction " + id));
        json.reply(exchange, 200, view.row(row));
    }

    private LedgerService.Account visibleAccount(Exchange exchange) {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER, Principal.MERCHANT);
        String id = exchange.getMessage().getHeader("accountId", String.class);
        return ledger.find(id)
                .filter(a -> p.isAdmin() || p.has(Principal.ISSUER) || id.equals(PartnerService.merchantAccountId(p.partnerId())))
                .orElseThrow(() -> ApiProblem.notFound("account " + id));
    }
}
