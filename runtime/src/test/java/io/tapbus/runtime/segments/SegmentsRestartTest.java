package io.tapbus.runtime.segments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.runtime.RunningBus;
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
 * often they are added), and a restart on the same data gives the same segments and sizes, and the writer
 * knows them (adding a person already in changes nothing).
 */
class SegmentsRestartTest {
    private static final int PERSONS = 12;

    @Test
    void racingChangesCountOnceAndSegmentsSurviveARestart() throws Exception {
        String issuer;
        String dataDir;
        List<String> persons = new ArrayList<>();
        try (RunningBus bus = new RunningBus()) {
            dataDir = bus.dataDir.toString();
            SegmentCalls calls = new SegmentCalls(bus);
            issuer = calls.token("demo-bank", "issuer");
            for (int i = 0; i < PERSONS; i++) {
                persons.add(calls.newUser("+86139000003" + String.format("%02d", i), issuer));
            }
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<HttpResponse<String>>> puts = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    for (String person : persons) {
                        String token = issuer;
                        puts.add(pool.submit(() -> calls.member("PUT", "vip", person, token)));
                    }
                }
                for (Future<HttpResponse<String>> put : puts) {
                    assertThat(put.get().statusCode()).as(put.get().body()).isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(calls.size("vip", issuer)).as("each person counted once").isEqualTo(PERSONS);
            JsonNode out = SegmentCalls.ok(calls.bulk("vip", "{\"remove\":[\"" + persons.get(0) + "\"]}", issuer), 200);
            assertThat(out.path("size").asLong()).isEqualTo(PERSONS - 1);
            SegmentCalls.ok(calls.member("PUT", "commuters", persons.get(1), issuer), 200);
        }
        try (RunningBus bus = new RunningBus(Map.of("tapbus.data.dir", dataDir))) {
            SegmentCalls calls = new SegmentCalls(bus);
            assertThat(calls.size("vip", issuer)).isEqualTo(PERSONS - 1);
            assertThat(calls.size("commuters", issuer)).isEqualTo(1);
            assertThat(calls.segmentsOf(persons.get(0), issuer)).isEmpty();
            assertThat(calls.segmentsOf(persons.get(1), issuer)).containsExactly("commuters", "vip");
            JsonNode again = SegmentCalls.ok(calls.bulk("vip", "{\"add\":[\"" + persons.get(0) + "\",\""
                    + persons.get(1) + "\"]}", issuer), 200);
            assertThat(List.of(again.path("added").asInt(), again.path("unchanged").asInt(), again.path("size").asInt()))
                    .as("after the restart the writer knows who is in").containsExactly(1, 1, PERSONS);
        }
    }
}
