package io.tapbus.runtime.account;

import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.api.ApiSecurity;
import io.tapbus.runtime.api.AppApi;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.api.Principal;
import io.tapbus.runtime.app.AppDevices;
import io.tapbus.runtime.platform.UserService;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * REST for the account overview: partners ({@code GET /cards/{cardUid}/overview}; administrators and issuers see all of
 * it, a merchant the balance and only its own programmes, campaigns and tickets, as with the card history) and the phone
 * app ({@code GET /app/overview}, the user's own cards; another person's card is a 404).
 */
public final class OverviewApi {
    private final AccountOverview overview;
    private final Json json;

    public OverviewApi(AccountOverview overview, Json json) {
        this.overview = overview;
        this.json = json;
    }

    public void card(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER, Principal.MERCHANT);
        String uid = UserService.normalizeCardUid(exchange.getMessage().getHeader("cardUid", String.class));
        AccountOverview.Scope scope = p.isAdmin() || p.has(Principal.ISSUER) ? AccountOverview.Scope.ALL
                : new AccountOverview.Scope(p.partnerId());
        json.reply(exchange, 200, overview.ofCard(uid, scope).orElseThrow(() -> ApiProblem.notFound("card")));
    }

    /** The user's cards; {@code ?cardUid=} narrows it to one of them. */
    public void app(Exchange exchange) throws IOException {
        AppDevices.Device d = exchange.getProperty(AppApi.DEVICE, AppDevices.Device.class);
        if (d == null) {
            throw ApiProblem.unauthorized("not authenticated");
        }
        String only = exchange.getMessage().getHeader("cardUid", String.class);
        List<AccountOverview.CardOverview> cards = overview.ofUser(d.userId());
        if (only != null && !only.isBlank()) {
            String uid = UserService.normalizeCardUid(only);
            cards = cards.stream().filter(c -> c.cardUid().equals(uid)).toList();
            if (cards.isEmpty()) {
                throw ApiProblem.notFound("card");
            }
        }
        json.reply(exchange, 200, Map.of("cards", cards));
    }
}
