package io.tapbus.runtime.membership;

import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.api.AppApi;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.app.AppDevices;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The phone app's membership operations (device token): add one of my retailer cards by its number (the retailer
 * is asked to confirm with its record), and my merged cards with the points of each programme.
 */
public final class AppMembershipApi {
    private final Membership membership;
    private final Json json;

    public AppMembershipApi(Membership membership, Json json) {
        this.membership = membership;
        this.json = json;
    }

    public record AddCard(String programmeId, String memberNumber, String cardUid, String tier, String memberSince) {}

    public void add(Exchange exchange) throws IOException {
        AppDevices.Device device = device(exchange);
        AddCard req = json.read(exchange, AddCard.class);
        Merges.MergeOutcome outcome = membership.merges().requestByHolder(device.userId(), new MergeRequest(req.programmeId(),
                req.memberNumber(), req.cardUid(), req.tier(), req.memberSince(), null, true, null, null, null, null),
                "app:" + device.tokenId());
        json.reply(exchange, outcome.status() != null ? 201 : 200, outcome);
    }

    public void list(Exchange exchange) throws IOException {
        AppDevices.Device device = device(exchange);
        List<Points.MembershipView> views = new ArrayList<>();
        for (MemberCards.Key key : membership.cards().ofUser(device.userId())) {
            views.add(membership.points().view(key.programmeId(), key.memberNumber(), null));
        }
        views.sort(java.util.Comparator.comparing(Points.MembershipView::programmeId)
                .thenComparing(Points.MembershipView::memberNumber));
        json.reply(exchange, 200, Map.of("memberships", views));
    }

    private static AppDevices.Device device(Exchange exchange) {
        AppDevices.Device d = exchange.getProperty(AppApi.DEVICE, AppDevices.Device.class);
        if (d == null) {
            throw ApiProblem.unauthorized("not authenticated");
        }
        return d;
    }
}
