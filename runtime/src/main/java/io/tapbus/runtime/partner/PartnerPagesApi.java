package io.tapbus.runtime.partner;

import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.api.ApiSecurity;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.api.Principal;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * REST for the partner's own pages (routes/flows/api-partner-pages.camel.yaml, docs/portal.md): the calling merchant's
 * readers and POS terminals with their health, its taps and payments per minute, and its latest business events.
 * Always the caller's own partner ({@code /partners/me/...}); there is no way to name another one.
 */
public final class PartnerPagesApi {
    private final ReaderHealth health;
    private final MerchantActivity activity;
    private final PartnerEvents events;
    private final Json json;

    public PartnerPagesApi(ReaderHealth health, MerchantActivity activity, PartnerEvents events, Json json) {
        this.health = health;
        this.activity = activity;
        this.events = events;
        this.json = json;
    }

    public void readers(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.MERCHANT);
        json.reply(exchange, 200, Map.of("merchantId", p.partnerId(), "readers", health.of(p.partnerId(), Instant.now())));
    }

    public void activity(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.MERCHANT);
        String minutes = exchange.getMessage().getHeader("minutes", String.class);
        json.reply(exchange, 200, activity.of(p.partnerId(), minutes == null || minutes.isBlank() ? 60 : number(minutes), Instant.now()));
    }

    private static int number(String minutes) {
        int n;
        try {
            n = Integer.parseInt(minutes.strip());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > MerchantActivity.MAX_MINUTES) {
            throw ApiProblem.badRequest("minutes must be a whole number from 1 to " + MerchantActivity.MAX_MINUTES);
        }
        return n;
    }

    public void events(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.MERCHANT, Principal.ADVERTISER, Principal.MANUFACTURER);
        json.reply(exchange, 200, Map.of("partnerId", p.partnerId(), "events", events.of(p.partnerId())));
    }
}
