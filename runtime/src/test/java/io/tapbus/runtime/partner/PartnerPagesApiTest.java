package io.tapbus.runtime.partner;

import static io.tapbus.runtime.partner.PartnerWorld.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.runtime.RunningBus;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The REST operations behind the partner pages against a running bus: a merchant sees its own readers with their
 * health, its taps and payments per minute, its events and its campaigns with budget and redemptions; a manufacturer
 * its batches and scans with their positions. Partner A never sees partner B's readers, campaigns, batches or scans.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerPagesApiTest {
    private RunningBus bus;
    private PartnerWorld world;

    @BeforeAll
    void start() throws Exception {
        bus = new RunningBus();
        world = new PartnerWorld(bus);
        world.tap("pp-tap-1");
        world.campaigns();
        world.scans();
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
    }

    private static List<String> ids(JsonNode list, String field) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    @Test
    void aMerchantSeesItsOwnReadersWithTheirHealthAndNotAnothers() throws Exception {
        JsonNode mine = ok(bus.get("/partners/me/readers", world.shop), 200);
        assertThat(mine.path("merchantId").asText()).isEqualTo("demo-shop");
        assertThat(ids(mine.path("readers"), "readerId")).contains("R-DEMO-1").doesNotContain("R-B-1");
        JsonNode demo = mine.path("readers").get(ids(mine.path("readers"), "readerId").indexOf("R-DEMO-1"));
        assertThat(demo.path("health").asText()).isEqualTo("OK");
        assertThat(demo.path("tapsLastHour").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(demo.path("lastTapAt").isNull()).isFalse();
        assertThat(demo.path("lastSeenAt").asText()).isNotEmpty();

        JsonNode theirs = ok(bus.get("/partners/me/readers", world.shopB), 200);
        assertThat(ids(theirs.path("readers"), "readerId")).containsExactly("R-B-1");
        assertThat(theirs.path("readers").get(0).path("health").asText()).isEqualTo("NEVER_SEEN");
        assertThat(theirs.path("readers").get(0).path("tapsLastHour").asLong()).isZero();

        assertThat(bus.get("/partners/me/readers", world.maker).statusCode()).as("not a merchant").isEqualTo(403);
        assertThat(bus.get("/partners/me/readers", null).statusCode()).isEqualTo(401);
    }

    @Test
    void tapsAndPaymentsPerMinuteAreTheMerchantsOwn() throws Exception {
        JsonNode mine = ok(bus.get("/partners/me/activity?minutes=30", world.shop), 200);
        assertThat(mine.path("minutes")).hasSize(30);
        long taps = 0;
        long payments = 0;
        for (JsonNode m : mine.path("minutes")) {
            taps += m.path("taps").asLong();
            payments += m.path("payments").asLong();
        }
        assertThat(taps).as("the tap at R-DEMO-1").isGreaterThanOrEqualTo(1);
        assertThat(payments).as("the basket payment").isGreaterThanOrEqualTo(1);
        JsonNode theirs = ok(bus.get("/partners/me/activity", world.shopB), 200);
        assertThat(theirs.path("minutes")).hasSize(60);
        theirs.path("minutes").forEach(m -> assertThat(m.path("taps").asLong() + m.path("payments").asLong()).isZero());
        assertThat(ok(bus.get("/partners/me/activity?minutes=1440", world.shop), 200).path("minutes")).hasSize(1440);
        for (String bad : new String[] {"99999", "0", "-5"}) {
            HttpResponse<String> r = bus.get("/partners/me/activity?minutes=" + bad, world.shop);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.body()).contains("from 1 to 1440");
        }
        assertThat(bus.get("/partners/me/activity?minutes=lots", world.shop).statusCode()).isEqualTo(400);
    }

    @Test
    void aMerchantSeesItsOwnEvents() throws Exception {
        long end = System.currentTimeMillis() + 15_000;
        JsonNode events = ok(bus.get("/partners/me/events", world.shop), 200).path("events");
        while (!ids(events, "type").contains("tap.decided") && System.currentTimeMillis() < end) {
            Thread.sleep(100);
            events = ok(bus.get("/partners/me/events", world.shop), 200).path("events");
        }
        assertThat(ids(events, "type")).as(events.toString()).contains("tap.decided", "coupon.redeemed", "payment.approved");
        assertThat(events.toString()).contains("pp-tap-1", world.campaign).doesNotContain(world.campaignB);
        assertThat(ok(bus.get("/partners/me/events", world.shopB), 200).path("events")).as("shop-b had no business").isEmpty();
    }

    @Test
    void aPublisherSeesItsCampaignsWithBudgetAndRedemptionsAndNotAnothers() throws Exception {
        JsonNode mine = ok(bus.get("/campaigns", world.shop), 200).path("campaigns");
        assertThat(mine).hasSize(1);
        JsonNode c = mine.get(0);
        assertThat(c.path("campaign").path("campaignId").asText()).isEqualTo(world.campaign);
        assertThat(c.path("campaign").path("redemptions").asLong()).isEqualTo(1);
        assertThat(c.path("campaign").path("spentMinor").asLong()).isEqualTo(500);
        assertThat(c.path("budgetLeftUnits").asLong()).isEqualTo(9);
        assertThat(c.path("budgetLeftMinor").isNull()).isTrue();
        assertThat(c.path("coupons").path("REDEEMED").asLong()).isEqualTo(1);
        assertThat(c.path("coupons").path("ISSUED").asLong()).isEqualTo(1);

        JsonNode theirs = ok(bus.get("/campaigns", world.shopB), 200).path("campaigns");
        assertThat(ids(theirs, "budgetLeftUnits")).hasSize(1);
        assertThat(theirs.get(0).path("campaign").path("campaignId").asText()).isEqualTo(world.campaignB);
        assertThat(ok(bus.get("/campaigns", world.media), 200).path("campaigns")).as("demo-media published none here").isEmpty();
        assertThat(bus.get("/campaigns/" + world.campaign, world.shopB).statusCode()).isEqualTo(404);
        assertThat(bus.get("/campaigns", world.maker).statusCode()).isEqualTo(403);
        JsonNode all = ok(bus.get("/campaigns", RunningBus.adminToken()), 200).path("campaigns");
        assertThat(all.size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aManufacturerSeesItsBatchesAndScansWithPositionsAndNotAnothers() throws Exception {
        JsonNode batches = ok(bus.get("/tag-batches", world.maker), 200);
        assertThat(ids(batches, "batchId")).contains(PartnerWorld.BATCH);
        assertThat(batches.get(ids(batches, "batchId").indexOf(PartnerWorld.BATCH)).path("tags").asLong()).isEqualTo(1);
        assertThat(ok(bus.get("/tag-batches", world.otherMaker), 200)).as("other-maker has none").isEmpty();
        assertThat(bus.get("/tag-batches/" + PartnerWorld.BATCH + "/scans", world.otherMaker).statusCode()).isEqualTo(404);
        assertThat(bus.get("/tag-batches", world.shop).statusCode()).isEqualTo(403);

        JsonNode scans = ok(bus.get("/tag-batches/" + PartnerWorld.BATCH + "/scans", world.maker), 200);
        assertThat(ids(scans, "verdict")).containsExactly("COUNTERFEIT", "GENUINE");
        assertThat(scans.get(0).path("latitude").asDouble()).isEqualTo(31.23);
        assertThat(scans.get(0).path("longitude").asDouble()).isEqualTo(121.47);
        assertThat(scans.get(1).path("latitude").asDouble()).isEqualTo(39.9);
        assertThat(scans.get(1).path("longitude").asDouble()).isEqualTo(116.41);
    }
}
