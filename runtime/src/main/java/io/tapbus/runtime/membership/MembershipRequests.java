package io.tapbus.runtime.membership;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.api.Principal;
import io.tapbus.runtime.api.ProblemResponder;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.platform.PartnerService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retailers' membership requests over JMS (queue {@value #QUEUE}): merge, unmerge, earn, redeem, with the same
 * checks as the REST API. The sender is the credential the broker authenticated ({@code JMSXUserID}, stamped by
 * the broker) and must hold the {@code merchant} role; the answer goes to the sender's own
 * {@code tapbus.partner.<id>.membership-replies} queue with the request's correlation id. A refused request is
 * answered with the reason and copied to the dead-letter queue with it.
 */
public final class MembershipRequests {
    public static final String QUEUE = "tapbus.membership-requests";
    static final String REPLY_QUEUE = "TapBusReplyQueue";
    static final String CORRELATION_ID = "TapBusCorrelationId";
    static final String DEAD_LETTER_REASON = "TapBusDeadLetterReason";
    static final String ORIGINAL = "TapBusOriginal";
    private static final Logger LOG = LoggerFactory.getLogger(MembershipRequests.class);

    /** One request; {@code operation} is merge, unmerge, earn or redeem, the other fields as on REST. */
    public record Request(String operation, String programmeId, String memberNumber, String cardUid, String tier,
                          String memberSince, Long points, Boolean consent, String holderName, String holderPhone,
                          String holderIdNumber, String convertPointsTo, String idempotencyKey, String reference) {}

    private final Membership membership;
    private final PartnerService partners;
    private final Json json;

    public MembershipRequests(Membership membership, PartnerService partners, Json json) {
        this.membership = membership;
        this.partners = partners;
        this.json = json;
    }

    public void handle(Exchange exchange) throws Exception {
        String original = exchange.getMessage().getBody(String.class);
        exchange.setProperty(ORIGINAL, original);
        String correlation = exchange.getMessage().getHeader("JMSCorrelationID", String.class);
        exchange.setProperty(CORRELATION_ID, correlation != null ? correlation : exchange.getMessage().getHeader("JMSMessageID", String.class));
        String keyId = exchange.getMessage().getHeader("JMSXUserID", String.class);
        Optional<Principal> sender = partners.principalOfKey(keyId).filter(p -> p.has(Principal.MERCHANT) || p.isAdmin());
        if (sender.isEmpty()) {
            exchange.setProperty(DEAD_LETTER_REASON, "sender " + keyId + " is not a retailer with a valid credential");
            LOG.warn("membership request dead-lettered: sender {} is not a retailer with a valid credential", keyId);
            return;
        }
        Principal p = sender.get();
        exchange.setProperty(REPLY_QUEUE, "tapbus.partner." + p.partnerId() + ".membership-replies");
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("correlationId", exchange.getProperty(CORRELATION_ID));
        try {
            Request req = parse(original);
            reply.put("operation", req.operation());
            Object result = execute(p, req);
            reply.put("ok", true);
            reply.put("result", result);
        } catch (ApiProblem | DomainError refused) {
            ApiProblem problem = ProblemResponder.toProblem(refused);
            reply.put("ok", false);
            reply.put("status", problem.status());
            reply.put("detail", problem.getMessage());
            exchange.setProperty(DEAD_LETTER_REASON, problem.status() + " " + problem.getMessage());
            LOG.info("membership request from {} refused: {} {}", p.partnerId(), problem.status(), problem.getMessage());
        }
        exchange.getMessage().setBody(json.mapper().writeValueAsString(reply));
    }

    private Request parse(String body) {
        if (body == null || body.isBlank()) {
            throw DomainError.invalid("the message has no JSON body");
        }
        try {
            return json.mapper().readerFor(Request.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
        } catch (Exception e) {
            throw DomainError.invalid("the body is not a membership request: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private Object execute(Principal p, Request r) {
        String partner = MembershipApi.partner(p);
        String actor = MembershipApi.actor(p);
        return switch (String.valueOf(r.operation())) {
            case "merge" -> membership.merges().merge(new MergeRequest(r.programmeId(), r.memberNumber(), r.cardUid(), r.tier(),
                    r.memberSince(), r.points(), r.consent(), r.holderName(), r.holderPhone(), r.holderIdNumber(),
                    r.convertPointsTo()), partner, actor);
            case "unmerge" -> {
                membership.merges().unmerge(r.programmeId(), r.memberNumber(), partner, actor);
                yield membership.points().view(r.programmeId(), r.memberNumber(), partner);
            }
            case "earn", "redeem" -> {
                if (r.points() == null) {
                    throw DomainError.invalid("points is required");
                }
                yield membership.points().change(r.programmeId(), r.memberNumber(),
                        "earn".equals(r.operation()) ? PointsLedger.EARN : PointsLedger.REDEEM, r.points(),
                        r.idempotencyKey(), r.reference(), partner);
            }
            default -> throw DomainError.invalid("operation must be merge, unmerge, earn or redeem");
        };
    }
}
