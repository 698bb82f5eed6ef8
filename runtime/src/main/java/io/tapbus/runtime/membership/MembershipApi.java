package io.tapbus.runtime.membership;

import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.api.ApiSecurity;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.api.Principal;
import java.io.IOException;
import org.apache.camel.Exchange;

/**
 * REST for retailers (role {@code merchant}, acting on their own programmes) and administrators: register a
 * programme, merge a member's card onto their universal card, unmerge it, see it, earn and redeem points.
 */
public final class MembershipApi {
    private final Membership membership;
    private final Json json;

    public MembershipApi(Membership membership, Json json) {
        this.membership = membership;
        this.json = json;
    }

    public record NewProgramme(String programmeId, String name, String partnerId) {}

    public record PointsRequest(Long points, String idempotencyKey, String reference) {}

    public void createProgramme(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.MERCHANT);
        NewProgramme req = json.read(exchange, NewProgramme.class);
        String owner = p.isAdmin() && req.partnerId() != null ? req.partnerId() : p.partnerId();
        if (!p.isAdmin() && req.partnerId() != null && !req.partnerId().equals(p.partnerId())) {
            throw ApiProblem.forbidden("a retailer registers programmes of its own only");
        }
        json.reply(exchange, 201, membership.programmes().create(owner, req.programmeId(), req.name(), actor(p)));
    }

    public void getProgramme(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.MERCHANT);
        String id = exchange.getMessage().getHeader("programmeId", String.class);
        Programmes.Programme programme = membership.programmes().find(id);
        if (programme == null || (!p.isAdmin() && !programme.partnerId().equals(p.partnerId()))) {
            throw ApiProblem.notFound("programme " + id);
        }
        json.reply(exchange, 200, programme);
    }

    public void merge(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.MERCHANT);
        MergeRequest req = json.read(exchange, MergeRequest.class);
        Merges.MergeOutcome outcome = membership.merges().merge(req, partner(p), actor(p));
        json.reply(exchange, outcome.status() != null ? 201 : 200, outcome);
    }

    public void unmerge(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.MERCHANT);
        membership.merges().unmerge(programmeId(exchange), memberNumber(exchange), partner(p), actor(p));
        json.reply(exchange, 200, membership.points().view(programmeId(exchange), memberNumber(exchange), partner(p)));
    }

    public void get(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.MERCHANT);
        json.reply(exchange, 200, membership.points().view(programmeId(exchange), memberNumber(exchange), partner(p)));
    }

    public void earn(Exchange exchange) throws IOException {
        change(exchange, PointsLedger.EARN);
    }

    public void redeem(Exchange exchange) throws IOException {
        change(exchange, PointsLedger.REDEEM);
    }

    private void change(Exchange exchange, String kind) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.MERCHANT);
        PointsRequest req = json.read(exchange, PointsRequest.class);
        if (req.points() == null) {
            throw ApiProblem.badRequest("points is required");
        }
        Points.PointsResult result = membership.points().change(programmeId(exchange), memberNumber(exchange), kind,
                req.points(), req.idempotencyKey(), req.reference(), partner(p));
        json.reply(exchange, result.replayed() ? 200 : 201, result);
    }

    private static String programmeId(Exchange exchange) {
        return exchange.getMessage().getHeader("programmeId", String.class);
    }

    private static String memberNumber(Exchange exchange) {
        return exchange.getMessage().getHeader("memberNumber", String.class);
    }

    /** The retailer a request acts for: null for an administrator (any programme). */
    static String partner(Principal p) {
        return p.isAdmin() ? null : p.partnerId();
    }

    static String actor(Principal p) {
        return p.partnerId() + "/" + p.keyId();
    }
}
