package io.tapbus.runtime.api;

import io.tapbus.runtime.decisions.DecisionBreakdown;
import io.tapbus.runtime.decisions.DecisionExplorer;
import io.tapbus.runtime.decisions.DecisionFilter;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** REST: the decision explorer. Recorded decisions by card, reader, merchant, verdict, reason, rule, version, time. */
public final class DecisionApi {
    private final DecisionExplorer explorer;
    private final DecisionBreakdown breakdown;
    private final Json json;
    private final HistoryView view;

    public DecisionApi(DecisionExplorer explorer, DecisionBreakdown breakdown, Json json) {
        this.explorer = explorer;
        this.breakdown = breakdown;
        this.json = json;
        this.view = new HistoryView(json.mapper());
    }

    /** {@code GET /decisions}: a page, newest first; {@code nextCursor} goes into {@code cursor} for the next page. */
    public void list(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN, Principal.ANALYST);
        Message m = exchange.getMessage();
        DecisionFilter filter = filter(m);
        DecisionExplorer.Page page = explorer.page(filter, m.getHeader("limit", 50, Integer.class));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decisions", view.rows(page.rows()));
        body.put("nextCursor", page.nextCursor());
        json.reply(exchange, 200, body);
    }

    /** {@code GET /decisions/breakdown}: how many decisions match the filter, per verdict and per reason code. */
    public void breakdown(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN, Principal.ANALYST);
        json.reply(exchange, 200, breakdown.count(filter(exchange.getMessage())));
    }

    private static DecisionFilter filter(Message m) {
        DecisionFilter filter = new DecisionFilter(text(m, "card"), text(m, "reader"), text(m, "merchant"), text(m, "decision"),
                text(m, "verdict"), text(m, "reason"), text(m, "rule"), text(m, "version"), instant(m, "from"), instant(m, "to"),
                text(m, "cursor"));
        if (filter.from() != null && filter.to() != null && !filter.to().isAfter(filter.from())) {
            throw ApiProblem.badRequest("to must be after from");
        }
        return filter;
    }

    /**
     * {@code GET /decisions/{decisionId}}: one decision with its facts. A merchant sees only decisions of its own
     * transactions, without the facts (they hold the card's balance and spending).
     */
    public void one(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.ANALYST, Principal.ISSUER, Principal.MERCHANT);
        String id = exchange.getMessage().getHeader("decisionId", String.class);
        boolean seesAll = p.isAdmin() || p.has(Principal.ANALYST) || p.has(Principal.ISSUER);
        Map<String, Object> row = explorer.find(id)
                .filter(d -> seesAll || p.partnerId().equals(d.get("merchant_id")))
                .orElseThrow(() -> ApiProblem.notFound("decision " + id));
        Map<String, Object> decision = view.row(row);
        if (!seesAll) {
            decision.put("facts", null);
        }
        json.reply(exchange, 200, decision);
    }

    private static String text(Message m, String name) {
        String value = m.getHeader(name, String.class);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 128) {
            throw ApiProblem.badRequest(name + " is longer than 128 characters");
        }
        return value;
    }

    /** An instant ({@code 2026-03-14T09:00:00Z}) or a day ({@code 2026-03-14}, its start in UTC). */
    static Instant instant(Message m, String name) {
        String value = text(m, name);
        return value == null ? null : instant(name, value);
    }

    static Instant instant(String name, String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(name + " '" + value + "' is not a time like 2026-03-14T09:00:00Z or a day like 2026-03-14");
        }
    }
}
