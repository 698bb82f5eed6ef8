package io.tapbus.runtime.membership;

import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.broker.PartnerRequests;
import io.tapbus.runtime.api.Principal;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.platform.PartnerService;
import org.apache.camel.Exchange;

/**
 * Retailers' membership requests over JMS (queue {@value #QUEUE}): merge, unmerge, earn, redeem, with the same
 * checks as the REST API. The sender is the credential the broker authenticated ({@code JMSXUserID}, stamped by
 * the broker) and must hold the {@code merchant} role; the answer goes to the sender's own
 * {@code tapbus.partner.<id>.membership-replies} queue with the request's correlation id. A refused request is
 * answered with the reason and copied to the dead-letter queue with it.
 */
public final class MembershipRequests {
    public static final String QUEUE = "tapbus.membership-requests";

    /** One request; {@code operation} is merge, unmerge, earn or redeem, the other fields as on REST. */
    public record Request(String operation, String programmeId, String memberNumber, String cardUid, String tier,
                          String memberSince, Long points, Boolean consent, String holderName, String holderPhone,
                          String holderIdNumber, String convertPointsTo, String idempotencyKey, String reference) {}

    private final Membership membership;
    private final PartnerRequests<Request> requests;

    public MembershipRequests(Membership membership, PartnerService partners, Json json) {
        this.membership = membership;
        this.requests = new PartnerRequests<>("membership request", Request.class, "membership-replies",
                p -> p.has(Principal.MERCHANT) || p.isAdmin(), "a retailer", Request::operation, this::execute, partners, json);
    }

    public void handle(Exchange exchange) throws Exception {
        requests.handle(exchange);
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
