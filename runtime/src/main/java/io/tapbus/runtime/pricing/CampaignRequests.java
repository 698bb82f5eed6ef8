package io.tapbus.runtime.pricing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.api.Principal;
import io.tapbus.runtime.api.ProblemResponder;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.tags.TagBulkRequests;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaign requests over JMS (queue {@code tapbus.campaign-requests}, route campaign-requests-jms): an advertiser or
 * retailer publishes or withdraws a campaign, issues or revokes a coupon, with the same checks as REST. The sender is
 * the credential the broker authenticated ({@code JMSXUserID}); the answer goes to the sender's own
 * {@code tapbus.partner.<id>.campaign-replies} queue with the request's correlation id; a refused request is answered
 * and also copied to the dead-letter queue with the reason.
 */
public final class CampaignRequests {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignRequests.class);

    /** {@code {"operation":"publish","campaign":{..}}}, {@code withdraw} + campaignId, {@code issueCoupon} + campaignId + msisdn, {@code revokeCoupon} + couponCode. */
    public record Request(String operation, CampaignDefinition campaign, String campaignId, String msisdn, Instant validUntil,
                          String couponCode) {}

    private final Campaigns campaigns;
    private final Coupons coupons;
    private final PartnerService partners;
    private final UserService users;
    private final Json json;

    public CampaignRequests(Campaigns campaigns, Coupons coupons, PartnerService partners, UserService users, Json json) {
        this.campaigns = campaigns;
        this.coupons = coupons;
        this.partners = partners;
        this.users = users;
        this.json = json;
    }

    public void handle(Exchange exchange) throws Exception {
        String original = exchange.getMessage().getBody(String.class);
        exchange.setProperty(TagBulkRequests.ORIGINAL, original);
        String correlation = exchange.getMessage().getHeader("JMSCorrelationID", String.class);
        exchange.setProperty(TagBulkRequests.CORRELATION_ID, correlation != null ? correlation
                : exchange.getMessage().getHeader("JMSMessageID", String.class));
        String keyId = exchange.getMessage().getHeader("JMSXUserID", String.class);
        Optional<Principal> sender = partners.principalOfKey(keyId).filter(p -> p.has(Principal.ADVERTISER) || p.has(Principal.MERCHANT));
        if (sender.isEmpty()) {
            exchange.setProperty(TagBulkRequests.DEAD_LETTER_REASON, "sender " + keyId + " is not an advertiser or retailer with a valid credential");
            LOG.warn("campaign request dead-lettered: sender {} is not an advertiser or retailer", keyId);
            return;
        }
        Principal p = sender.get();
        exchange.setProperty(TagBulkRequests.REPLY_QUEUE, "tapbus.partner." + p.partnerId() + ".campaign-replies");
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("correlationId", exchange.getProperty(TagBulkRequests.CORRELATION_ID));
        try {
            Request req = parse(original);
            reply.put("operation", req.operation());
            reply.put("ok", true);
            reply.put("result", execute(p, req));
        } catch (ApiProblem | DomainError refused) {
            ApiProblem problem = ProblemResponder.toProblem(refused);
            reply.put("ok", false);
            reply.put("status", problem.status());
            reply.put("detail", problem.getMessage());
            exchange.setProperty(TagBulkRequests.DEAD_LETTER_REASON, problem.status() + " " + problem.getMessage());
            LOG.info("campaign request from {} refused: {} {}", p.partnerId(), problem.status(), problem.getMessage());
        }
        exchange.getMessage().setBody(json.mapper().writeValueAsString(reply));
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

    private Request parse(String body) {
        if (body == null || body.isBlank()) {
            throw DomainError.invalid("the message has no JSON body");
        }
        try {
            return json.mapper().readerFor(Request.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
        } catch (Exception e) {
            throw DomainError.invalid("the body is not a campaign request: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
