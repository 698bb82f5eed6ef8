package io.tapbus.runtime.api;

import io.tapbus.rules.ReloadResult;
import io.tapbus.rules.RuleEngine;
import io.tapbus.runtime.platform.AuditLog;
import java.io.IOException;
import org.apache.camel.Exchange;

/** REST: the audit log and the rule sets (status, versions, last problems, reload on demand). */
public final class AdminApi {
    private final AuditLog audit;
    private final RuleEngine rules;
    private final Json json;

    public AdminApi(AuditLog audit, RuleEngine rules, Json json) {
        this.audit = audit;
        this.rules = rules;
        this.json = json;
    }

    public void audit(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN);
        json.reply(exchange, 200, new HistoryView(json.mapper()).rows(audit.recent(exchange.getMessage().getHeader("limit", 100, Integer.class))));
    }

    public void rules(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN);
        json.reply(exchange, 200, rules.status());
    }

    public void reloadRules(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN);
        ReloadResult result = rules.reload();
        json.reply(exchange, result.ok() ? 200 : 422, result);
    }
}
