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
        if (result.ok()) {
            json.reply(exchange, 200, result);
            return;
        }
        // A broken rule file is a problem (RFC 9457) with the reload result as extension members.
        java.util.Map<String, Object> problem = new java.util.LinkedHashMap<>();
        problem.put("type", "https://tapbus.io/problems/rules-invalid");
        problem.put("title", "rules invalid");
        problem.put("status", 422);
        problem.put("detail", result.problems().size() + " problem(s) in the rule files; each decision with a problem keeps "
                + "serving its last good version (see versions and problems)");
        problem.put("instance", ProblemResponder.maskedPath(exchange.getMessage().getHeader(Exchange.HTTP_PATH)));
        problem.put("ok", false);
        problem.put("versions", result.versions());
        problem.put("problems", result.problems());
        json.reply(exchange, 422, problem);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
    }
}
