package io.tapbus.runtime.segments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The REST calls the segment tests make on a running bus: credentials, users, segment changes and reads. */
final class SegmentCalls {
    static final ObjectMapper JSON = new ObjectMapper();
    private final RunningBus bus;

    SegmentCalls(RunningBus bus) {
        this.bus = bus;
    }

    /** The answer's body, after checking its status. */
    static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    /** A new credential of the partner with one role, issued by the administrator. */
    String token(String partner, String role) throws Exception {
        return ok(bus.post("/partners/" + partner + "/credentials", RunningBus.adminToken(), "{\"roles\":[\"" + role + "\"]}"), 201)
                .path("token").asText();
    }

    /** Registers a phone user; answers its userId. */
    String newUser(String msisdn, String token) throws Exception {
        return ok(bus.post("/users", token, "{\"msisdn\":\"" + msisdn + "\",\"name\":\"Test person\"}"), 201).path("userId").asText();
    }

    /** PUT (add) or DELETE (remove) one person's membership of a segment. */
    HttpResponse<String> member(String method, String segment, String userId, String token) throws Exception {
        return bus.send(HttpRequest.newBuilder(bus.api("/segments/" + segment + "/members/" + userId))
                .method(method, HttpRequest.BodyPublishers.noBody()), token);
    }

    HttpResponse<String> bulk(String segment, String body, String token) throws Exception {
        return bus.post("/segments/" + segment + "/members", token, body);
    }

    long size(String segment, String token) throws Exception {
        return ok(bus.get("/segments/" + segment, token), 200).path("size").asLong();
    }

    List<String> segmentsOf(String userId, String token) throws Exception {
        List<String> out = new ArrayList<>();
        ok(bus.get("/users/" + userId + "/segments", token), 200).path("segments").forEach(n -> out.add(n.asText()));
        return out;
    }
}
