package io.tapbus.runtime.pricing;

import io.tapbus.rules.pricing.BasketLine;
import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.api.ApiSecurity;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.api.Principal;
import io.tapbus.runtime.platform.UserService;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * REST: campaigns published by advertisers and retailers, their coupons (issue, claim, revoke), and basket quotes
 * (routes/flows/api-pricing.camel.yaml, docs/pricing.md). Publishers see only their own campaigns and coupons (404
 * for others').
 */
public final class PricingApi {
    private final Campaigns campaigns;
    private final CampaignCounters counters;
    private final Coupons coupons;
    private final BasketPricer pricer;
    private final UserService users;
    private final Json json;

    public PricingApi(Campaigns campaigns, CampaignCounters counters, Coupons coupons, BasketPricer pricer, UserService users, Json json) {
        this.campaigns = campaigns;
        this.counters = counters;
        this.coupons = coupons;
        this.pricer = pricer;
        this.users = users;
        this.json = json;
    }

    /** A campaign as shown to its publisher: the definition and what it spent. */
    public record CampaignView(String campaignId, String advertiserId, String status, CampaignDefinition definition, long spentMinor,
                               long redemptions, Instant createdAt) {}

    public record CouponView(String code, String campaignId, String state, String issuedVia, Instant validUntil, String paymentId,
                             Instant issuedAt, Instant changedAt) {
        static CouponView of(Coupon c) {
            return new CouponView(c.code(), c.campaignId(), c.shownState(Instant.now()), c.issuedVia(), c.validUntil(), c.paymentId(),
                    c.issuedAt(), c.changedAt());
        }
    }

    /** A published campaign on its publisher's page: what it spent, what budget is left, and its coupons by state. */
    public record CampaignSummary(CampaignView campaign, Long budgetLeftMinor, Long budgetLeftUnits, java.util.Map<String, Long> coupons) {}

    public record IssueCoupon(String msisdn, Instant validUntil) {}

    public record ClaimCoupon(String msisdn) {}

    public record Quote(String msisdn, String storeId, String currency, List<BasketLine> lines, List<String> couponCodes) {}

    public void publish(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADVERTISER, Principal.MERCHANT);
        Campaign c = campaigns.publish(p.partnerId(), json.read(exchange, CampaignDefinition.class), p.keyId());
        json.reply(exchange, 201, view(c));
    }

    public void get(Exchange exchange) throws IOException {
        json.reply(exchange, 200, view(owned(exchange)));
    }

    /** The caller's own campaigns (an administrator: all), newest first. */
    public void mine(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADVERTISER, Principal.MERCHANT, Principal.ADMIN);
        List<CampaignSummary> out = campaigns.publishedBy(p.isAdmin() ? null : p.partnerId()).stream().map(c -> {
            CampaignView v = view(c);
            CampaignDefinition d = c.definition();
            return new CampaignSummary(v, d.budgetMinor() == null ? null : d.budgetMinor() - v.spentMinor(),
                    d.budgetUnits() == null ? null : d.budgetUnits() - v.redemptions(), campaigns.couponCounts(c.campaignId()));
        }).toList();
        json.reply(exchange, 200, java.util.Map.of("campaigns", out));
    }

    public void withdraw(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADVERTISER, Principal.MERCHANT, Principal.ADMIN);
        Campaign c = campaigns.withdraw(header(exchange, "campaignId"), p.partnerId(), p.isAdmin(), p.keyId());
        json.reply(exchange, 200, view(c));
    }

    /** The publisher gives a coupon to a person, or the app backend (issuer) for its user. */
    public void issueCoupon(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADVERTISER, Principal.MERCHANT, Principal.ISSUER, Principal.ADMIN);
        String id = header(exchange, "campaignId");
        Campaign c = p.has(Principal.ISSUER) || p.isAdmin() ? campaigns.byId(id).orElseThrow(() -> ApiProblem.notFound("campaign " + id))
                : campaigns.find(id, p.partnerId(), false);
        IssueCoupon req = json.read(exchange, IssueCoupon.class);
        String via = p.has(Principal.ISSUER) ? "APP" : "REST";
        json.reply(exchange, 201, CouponView.of(coupons.issue(c, person(req.msisdn()), via, req.validUntil())));
    }

    public void getCoupon(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADVERTISER, Principal.MERCHANT, Principal.ISSUER, Principal.ADMIN);
        Coupon c = coupon(exchange);
        if (!p.has(Principal.ISSUER) && !p.isAdmin()) {
            campaigns.find(c.campaignId(), p.partnerId(), false); // 404 unless the caller published it
        }
        json.reply(exchange, 200, CouponView.of(c));
    }

    /** The app backend claims a coupon into its user's wallet. */
    public void claim(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ISSUER);
        Coupon c = coupon(exchange);
        ClaimCoupon req = json.read(exchange, ClaimCoupon.class);
        Campaign campaign = campaigns.byId(c.campaignId()).orElseThrow();
        json.reply(exchange, 200, CouponView.of(coupons.claim(c.code(), person(req.msisdn()), campaign)));
    }

    public void revoke(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADVERTISER, Principal.MERCHANT, Principal.ADMIN);
        Coupon c = coupon(exchange);
        Campaign campaign = campaigns.find(c.campaignId(), p.partnerId(), p.isAdmin());
        json.reply(exchange, 200, CouponView.of(coupons.revoke(c.code(), campaign)));
    }

    /** What a basket would cost now: offers applied, in order, and why the others not. Nothing is redeemed. */
    public void quote(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.MERCHANT, Principal.ISSUER, Principal.ADMIN);
        Quote q = json.read(exchange, Quote.class);
        if (p.has(Principal.MERCHANT) && !p.isAdmin() && !p.has(Principal.ISSUER) && !p.partnerId().equals(q.storeId())) {
            throw ApiProblem.forbidden("a merchant prices its own store's baskets only");
        }
        String personId = q.msisdn() == null ? null : person(q.msisdn());
        json.reply(exchange, 200, pricer.price(new BasketPricer.Request(personId, q.storeId(), q.currency(), q.lines(), q.couponCodes())));
    }

    private Campaign owned(Exchange exchange) {
        Principal p = ApiSecurity.require(exchange, Principal.ADVERTISER, Principal.MERCHANT, Principal.ADMIN);
        return campaigns.find(header(exchange, "campaignId"), p.partnerId(), p.isAdmin());
    }

    private Coupon coupon(Exchange exchange) {
        String code = header(exchange, "code");
        Coupon c = coupons.find(code);
        if (c == null) {
            throw ApiProblem.notFound("coupon " + code);
        }
        return c;
    }

    private String person(String msisdn) {
        if (msisdn == null) {
            throw ApiProblem.badRequest("msisdn (the person) is required");
        }
        return users.findUserByMsisdn(UserService.normalizeMsisdn(msisdn)).map(UserService.User::userId)
                .orElseThrow(() -> ApiProblem.notFound("user " + msisdn));
    }

    private CampaignView view(Campaign c) {
        CampaignCounters.Spent s = counters.spent(c.campaignId());
        return new CampaignView(c.campaignId(), c.advertiserId(), c.status(), c.definition(), s.spentMinor(), s.redemptions(), c.createdAt());
    }

    private static String header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }
}
