package io.tapbus.runtime.api;

import io.tapbus.runtime.platform.PartnerService;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/** REST: service provider and customer management (administrators), and "who am I" for every partner. */
public final class PartnerApi {
    private final PartnerService partners;
    private final Json json;

    public PartnerApi(PartnerService partners, Json json) {
        this.partners = partners;
        this.json = json;
    }

    public record CreatePartner(String partnerId, String name, String kind, String endpointUrl) {}

    public record IssueCredential(List<String> roles) {}

    public void create(Exchange exchange) throws IOException {
        Principal admin = ApiSecurity.require(exchange, Principal.ADMIN);
        CreatePartner req = json.read(exchange, CreatePartner.class);
        json.reply(exchange, 201, partners.create(req.partnerId(), req.name(), req.kind(), req.endpointUrl(), admin.partnerId()));
    }

    public void list(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN);
        json.reply(exchange, 200, partners.list());
    }

    public void get(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.principal(exchange);
        String id = exchange.getMessage().getHeader("partnerId", String.class);
        if (!p.isAdmin() && !p.partnerId().equals(id)) {
            throw ApiProblem.notFound("partner " + id);
        }
        json.reply(exchange, 200, partners.find(id).orElseThrow(() -> ApiProblem.notFound("partner " + id)));
    }

    public void issueCredential(Exchange exchange) throws IOException {
        Principal admin = ApiSecurity.require(exchange, Principal.ADMIN);
        String id = exchange.getMessage().getHeader("partnerId", String.class);
        IssueCredential req = json.read(exchange, IssueCredential.class);
        if (req.roles() == null) {
            throw ApiProblem.badRequest("roles is required");
        }
        json.reply(exchange, 201, partners.issueCredential(id, new LinkedHashSet<>(req.roles()), admin.partnerId()));
    }

    public void revokeCredential(Exchange exchange) throws IOException {
        Principal admin = ApiSecurity.require(exchange, Principal.ADMIN);
        String keyId = exchange.getMessage().getHeader("keyId", String.class);
        partners.revokeCredential(keyId, admin.partnerId());
        json.reply(exchange, 200, Map.of("keyId", keyId, "revoked", true));
    }

    public void whoami(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.principal(exchange);
        json.reply(exchange, 200, Map.of("partnerId", p.partnerId(), "keyId", p.keyId(), "roles", p.roles()));
    }
}
