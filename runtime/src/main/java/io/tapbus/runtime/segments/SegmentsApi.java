package io.tapbus.runtime.segments;

import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.api.ApiSecurity;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.api.Principal;
import io.tapbus.runtime.platform.UserService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * REST for the issuer (the app backend) and administrators (routes/flows/api-segments.camel.yaml, docs/pricing.md):
 * put a person in a segment or take them out, change many persons at once, see a person's segments and a segment's
 * size. Persons are users ({@code userId}); an unknown one is 404, naming it.
 */
public final class SegmentsApi {
    private final Segments segments;
    private final UserService users;
    private final Json json;

    public SegmentsApi(Segments segments, UserService users, Json json) {
        this.segments = segments;
        this.users = users;
        this.json = json;
    }

    /** A person's segments. */
    public record PersonSegments(String userId, List<String> segments) {}

    /** A segment and how many persons it holds. */
    public record SegmentSize(String segment, long size) {}

    /** A bulk change: persons (userIds) to add and to remove. */
    public record BulkChange(List<String> add, List<String> remove) {}

    public void add(Exchange exchange) throws IOException {
        set(exchange, true);
    }

    public void remove(Exchange exchange) throws IOException {
        set(exchange, false);
    }

    public void bulk(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ISSUER, Principal.ADMIN);
        String segment = Segments.checkName(header(exchange, "segment"));
        BulkChange change = json.read(exchange, BulkChange.class);
        if (change == null) {
            throw ApiProblem.badRequest("a body with add and/or remove (lists of userIds) is required");
        }
        List<String> unknown = new ArrayList<>();
        for (List<String> list : List.of(nonNull(change.add()), nonNull(change.remove()))) {
            if (list.size() > Segments.MAX_BULK) {
                throw ApiProblem.badRequest("a bulk change names at most " + Segments.MAX_BULK + " persons");
            }
            for (String userId : list) {
                if (userId == null || userId.isBlank() || userId.length() > 64) {
                    throw ApiProblem.badRequest("every person is a userId of 1 to 64 characters");
                }
                if (unknown.size() < 10 && users.findUser(userId).isEmpty()) {
                    unknown.add(userId);
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiProblem.notFound("users " + String.join(", ", unknown) + " (nothing was changed)");
        }
        json.reply(exchange, 200, segments.bulk(segment, change.add(), change.remove(), actor(p)));
    }

    public void personSegments(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ISSUER, Principal.ADMIN);
        String userId = person(exchange);
        json.reply(exchange, 200, new PersonSegments(userId, segments.of(userId)));
    }

    public void size(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ISSUER, Principal.ADMIN);
        String segment = Segments.checkName(header(exchange, "segment"));
        json.reply(exchange, 200, new SegmentSize(segment, segments.size(segment)));
    }

    private void set(Exchange exchange, boolean member) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ISSUER, Principal.ADMIN);
        String segment = Segments.checkName(header(exchange, "segment"));
        String userId = person(exchange);
        json.reply(exchange, 200, new PersonSegments(userId, segments.set(userId, segment, member, actor(p))));
    }

    private String person(Exchange exchange) {
        String userId = header(exchange, "userId");
        if (userId == null || userId.length() > 64 || users.findUser(userId).isEmpty()) {
            throw ApiProblem.notFound("user " + userId);
        }
        return userId;
    }

    private static List<String> nonNull(List<String> list) {
        return list == null ? List.of() : list;
    }

    private static String actor(Principal p) {
        return p.partnerId() + "/" + p.keyId();
    }

    private static String header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }
}
