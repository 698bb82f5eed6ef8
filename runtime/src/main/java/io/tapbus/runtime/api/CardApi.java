package io.tapbus.runtime.api;

import io.tapbus.runtime.platform.TransactionQueries;
import io.tapbus.runtime.platform.UserService;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * REST: user management (phone users, consents, universal cards and their lifecycle) and a card's
 * history. Card issuers and administrators manage cards; a merchant sees a card's history only at
 * its own readers.
 */
public final class CardApi {
    private final UserService users;
    private final TransactionQueries queries;
    private final Json json;
    private final HistoryView view;

    public CardApi(UserService users, TransactionQueries queries, Json json) {
        this.users = users;
        this.queries = queries;
        this.json = json;
        this.view = new HistoryView(json.mapper());
    }

    public record CreateUser(String msisdn, String name) {}

    public record ConsentChange(String purpose, Boolean granted) {}

    public record IssueCard(String cardUid, String currency) {}

    public record BindCard(String msisdn) {}

    public record ReplaceCard(String newCardUid) {}

    public void createUser(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        CreateUser req = json.read(exchange, CreateUser.class);
        json.reply(exchange, 201, users.createUser(req.msisdn(), req.name(), p.partnerId()));
    }

    public void getUser(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        String id = exchange.getMessage().getHeader("userId", String.class);
        UserService.User user = users.findUser(id).orElseThrow(() -> ApiProblem.notFound("user " + id));
        json.reply(exchange, 200, Map.of("user", user, "cards", users.cardsOf(id), "consents", users.consents(id)));
    }

    public void recordConsent(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        String id = exchange.getMessage().getHeader("userId", String.class);
        ConsentChange req = json.read(exchange, ConsentChange.class);
        if (req.granted() == null) {
            throw ApiProblem.badRequest("granted (true or false) is required");
        }
        users.recordConsent(id, req.purpose(), req.granted(), p.partnerId());
        json.reply(exchange, 201, users.consents(id));
    }

    public void issue(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        IssueCard req = json.read(exchange, IssueCard.class);
        json.reply(exchange, 201, users.issueCard(req.cardUid(), req.currency(), p.partnerId()));
    }

    public void get(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        String uid = exchange.getMessage().getHeader("cardUid", String.class);
        json.reply(exchange, 200, users.findCard(uid).orElseThrow(() -> ApiProblem.notFound("card")));
    }

    public void bind(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        BindCard req = json.read(exchange, BindCard.class);
        json.reply(exchange, 200, users.bindCard(exchange.getMessage().getHeader("cardUid", String.class), req.msisdn(), p.partnerId()));
    }

    public void block(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        json.reply(exchange, 200, users.changeStatus(exchange.getMessage().getHeader("cardUid", String.class), "BLOCKED", p.partnerId()));
    }

    public void unblock(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        json.reply(exchange, 200, users.changeStatus(exchange.getMessage().getHeader("cardUid", String.class), "ACTIVE", p.partnerId()));
    }

    public void replace(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        ReplaceCard req = json.read(exchange, ReplaceCard.class);
        json.reply(exchange, 201, users.replaceCard(exchange.getMessage().getHeader("cardUid", String.class), req.newCardUid(), p.partnerId()));
    }

    /** A card's transactions with each decision's verdict, reasons, rules fired and rule-set version. */
    public void history(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER, Principal.MERCHANT);
        String uid = UserService.normalizeCardUid(exchange.getMessage().getHeader("cardUid", String.class));
        int limit = exchange.getMessage().getHeader("limit", 100, Integer.class);
        String scope = p.isAdmin() || p.has(Principal.ISSUER) ? null : p.partnerId();
        json.reply(exchange, 200, Map.of("cardUid", uid, "transactions", view.rows(queries.cardHistory(uid, scope, limit))));
    }
}
