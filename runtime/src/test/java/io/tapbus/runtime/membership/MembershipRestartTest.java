package io.tapbus.runtime.membership;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the write path held for membership (merged cards, balances, idempotency keys) is the same after a restart on
 * the same data: the balance, a repeated earn answered from its first entry, a repeated merge a duplicate.
 */
class MembershipRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MERGE = "{\"programmeId\":\"demo-shop-club\",\"memberNumber\":\"SC-R1\",\"cardUid\":\"04A1B2C3D4E5F6\","
            + "\"points\":500,\"consent\":true,\"holderName\":\"Demo user\"}";
    private static final String EARN = "{\"points\":10,\"idempotencyKey\":\"restart-1\"}";

    @Test
    void membershipStateSurvivesARestart() throws Exception {
        String admin = RunningBus.adminToken();
        String shop;
        String dataDir;
        try (RunningBus bus = new RunningBus()) {
            dataDir = bus.dataDir.toString();
            shop = JSON.readTree(bus.post("/partners/demo-shop/credentials", admin, "{\"roles\":[\"merchant\"]}").body())
                    .path("token").asText();
            assertThat(bus.post("/memberships", shop, MERGE).statusCode()).isEqualTo(201);
            assertThat(bus.post("/memberships/demo-shop-club/SC-R1/points/earn", shop, EARN).statusCode()).isEqualTo(201);
        }
        try (RunningBus bus = new RunningBus(Map.of("tapbus.data.dir", dataDir))) {
            JsonNode view = JSON.readTree(bus.get("/memberships/demo-shop-club/SC-R1", shop).body());
            assertThat(view.path("points").asLong()).isEqualTo(510);
            assertThat(view.path("status").asText()).isEqualTo("ACTIVE");
            HttpResponse<String> repeat = bus.post("/memberships/demo-shop-club/SC-R1/points/earn", shop, EARN);
            assertThat(repeat.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(repeat.body()).path("balance").asLong()).isEqualTo(510);
            JsonNode again = JSON.readTree(bus.post("/memberships", shop, MERGE).body());
            assertThat(again.path("verdict").asText()).isEqualTo("DECLINED");
            assertThat(again.path("reasons").get(0).path("code").asText()).isEqualTo("ALREADY_MERGED");
        }
    }
}
