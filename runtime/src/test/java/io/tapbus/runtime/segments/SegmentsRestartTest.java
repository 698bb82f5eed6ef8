package io.tapbus.runtime.segments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Segments held by the write path: racing changes of one segment count its size exactly (every person once, however
 * often they are added), and a restart on the same data gives the same segments, sizes and pricing.
 */
class SegmentsRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PERSONS = 12;

    @Test
    void racingChangesCountOnceAndSegmentsSurviveARestart() throws Exception {
        String admin = RunningBus.adminToken();
        String issuer;
        String dataDir;
        List<String> persons = new ArrayList<>();
        try (RunningBus bus = new RunningBus()) {
            dataDir = bus.dataDir.toString();
            issuer = JSON.readTree(bus.post("/partners/demo-bank/credentials", admin, "{\"roles\":[\"issuer\"]}").body())
                    .path("token").asText();
            for (int i = 0; i < PERSONS; i++) {
                HttpResponse<String> user = bus.post("/users", issuer, "{\"msisdn\":\"+86139000003" + String.format("%02d", i) + "\"}");
                assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
                persons.add(JSON.readTree(user.body()).path("userId").asText());
            }
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<HttpResponse<String>>> puts = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    for (String person : persons) {
                        String token = issuer;
                        puts.add(pool.submit(() -> bus.send(HttpRequest.newBuilder(bus.api("/segments/vip/members/" + person))
                                .PUT(HttpRequest.BodyPublishers.noBody()), token)));
                    }
                }
                for (Future<HttpResponse<String>> put : puts) {
                    assertThat(put.get().statusCode()).as(put.get().body()).isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(size(bus, issuer, "vip")).as("each person counted once").isEqualTo(PERSONS);
            JsonNode out = JSON.readTree(bus.post("/segments/vip/members", issuer, "{\"remove\":[\"" + persons.get(0) + "\"]}").body());
            assertThat(out.path("size").asLong()).isEqualTo(PERSONS - 1);
            assertThat(bus.send(HttpRequest.newBuilder(bus.api("/segments/commuters/members/" + persons.get(1)))
                    .PUT(HttpRequest.BodyPublishers.noBody()), issuer).statusCode()).isEqualTo(200);
        }
        try (RunningBus bus = new RunningBus(Map.of("tapbus.data.dir", dataDir))) {
            assertThat(size(bus, issuer, "vip")).isEqualTo(PERSONS - 1);
            assertThat(size(bus, issuer, "commuters")).isEqualTo(1);
            assertThat(segmentsOf(bus, issuer, persons.get(0))).isEmpty();
            assertThat(segmentsOf(bus, issuer, persons.get(1))).containsExactly("commuters", "vip");
            JsonNode again = JSON.readTree(bus.post("/segments/vip/members", issuer, "{\"add\":[\"" + persons.get(0) + "\",\""
                    + persons.get(1) + "\"]}").body());
            assertThat(List.of(again.path("added").asInt(), again.path("unchanged").asInt(), again.path("size").asInt()))
                    .as("after the restart the writer knows who is in").containsExactly(1, 1, PERSONS);
        }
    }

    private static long size(RunningBus bus, String token, String segment) throws Exception {
        HttpResponse<String> r = bus.get("/segments/" + segment, token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("size").asLong();
    }

    private static List<String> segmentsOf(RunningBus bus, String token, String userId) throws Exception {
        HttpResponse<String> r = bus.get("/users/" + userId + "/segments", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        JSON.readTree(r.body()).path("segments").forEach(n -> out.add(n.asText()));
        return out;
    }
}
