package io.tapbus.runtime.pricing;

import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.broker.PartnerRequests;
import io.tapbus.runtime.api.Principal;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.runtime.platform.UserService;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Campaign requests over JMS (queue {@code tapbus.campaign-requests}, route campaign-requests-jms): an advertiser or
 * retailer publishes or withdraws a campaign, issues or revokes a coupon, with the same checks as REST. The sender is
 * the credential the broker authenticated ({@code JMSXUserID}); the answer goes to the sender's own
 * {@code tapbus.partner.<id>.campaign-replies} queue with the request's correlation id; a refused request is answered
 * and also copied to the dead-letter queue with the reason.
 */
public final class CampaignRequests {
    /** {@code {"operation":"publish","campaign":{..}}}, {@code withdraw} + campaignId, {@code issueCoupon} + campaignId + msisdn, {@code revokeCoupon} + couponCode. */
    public record Request(String operation, CampaignDefinition campaign, String campaignId, String msisdn, Instant validUntil,
                          String couponCode) {}

    private final Campaigns campaigns;
    private final Coupons coupons;
    private final UserService users;
    private final PartnerRequests<Request> requests;

    public CampaignRequests(Campaigns campaigns, Coupons coupons, PartnerService partners, UserService users, Json json) {
        this.campaigns = campaigns;
        this.coupons = coupons;
        this.users = users;
        this.requests = new PartnerRequests<>("campaign request", Request.class, "campaign-replies",
                p -> p.has(Principal.ADVERTISER) || p.has(Principal.MERCHANT), "an advertiser or retailer",
                Request::operation, this::execute, partners, json);
    }

    public void handle(Exchange exchange) throws Exception {
        requests.handle(exchange);
    }

    private Object execute(Principal p, Request req) {
        switch (req.operation() == null ? "" : req.operation()) {
            case "publish" -> {
                if (req.campaign() == null) {
                    throw DomainError.invalid("publish needs a campaign");
                }
                Campaign c = campaigns.publish(p.partnerId(), req.campaign(), p.keyId());
                return Map.of("campaignId", c.campaignId(), "status", c.status());
            }
            case "withdraw" -> {
                Campaign c = campaigns.withdraw(req.campaignId(), p.partnerId(), false, p.keyId());
                return Map.of("campaignId", c.campaignId(), "status", c.status());
            }
            case "issueCoupon" -> {
                Campaign c = campaigns.find(req.campaignId(), p.partnerId(), false);
                String person = users.findUserByMsisdn(UserService.normalizeMsisdn(String.valueOf(req.msisdn())))
                        .map(UserService.User::userId).orElseThrow(() -> DomainError.notFound("user " + req.msisdn()));
                return PricingApi.CouponView.of(coupons.issue(c, person, "JMS", req.validUntil()));
            }
            case "revokeCoupon" -> {
                Coupon coupon = coupons.find(req.couponCode());
                if (coupon == null) {
                    throw DomainError.notFound("coupon " + req.couponCode());
                }
                return PricingApi.CouponView.of(coupons.revoke(coupon.code(), campaigns.find(coupon.campaignId(), p.partnerId(), false)));
            }
            default -> throw DomainError.invalid("operation must be publish, withdraw, issueCoupon or revokeCoupon");
        }
    }
}
