package io.tapbus.runtime.segments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.db.Database;
import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.write.WritePath;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Campaign audiences fed by real data in a running bus: a campaign for segment "students" applies to a student's
 * payment and is refused AUDIENCE_NOT_MATCHED for another person; putting persons in and out of the segment over REST
 * (one by one and in bulk) changes the outcome and is audited; a new-member campaign (newMemberDays, over REST and JMS)
 * applies to a person registered today and not to one registered long ago; bad input gets 4xx problems.
 */
class AudienceFlowTest {
    private static final String PHONE = "+8613800000001"; // the demo user, with a card
    private static RunningBus bus;
    private static SegmentCalls calls;
    private static String advertiser;
    private static String issuer;

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus();
        calls = new SegmentCalls(bus);
        advertiser = calls.token("demo-media", "advertiser");
        issuer = calls.token("demo-bank", "issuer");
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    private static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        return SegmentCalls.ok(r, status);
    }

    private static String newUser(String msisdn) throws Exception {
        return calls.newUser(msisdn, issuer);
    }

    private static String demoUser() {
        return bus.app().context().getRegistry().lookupByNameAndType("userService", UserService.class)
                .findUserByMsisdn(PHONE).orElseThrow().userId();
    }

    private static HttpResponse<String> member(String method, String segment, String userId) throws Exception {
        return calls.member(method, segment, userId, issuer);
    }

    private static HttpResponse<String> bulk(String segment, String body) throws Exception {
        return calls.bulk(segment, body, issuer);
    }

    private static String publish(String body) throws Exception {
        return ok(bus.post("/campaigns", advertiser, body), 201).path("campaignId").asText();
    }

    /** Quotes one line of 50.00 in the category for the person (by MSISDN). */
    private static JsonNode quote(String msisdn, String category) throws Exception {
        return ok(bus.post("/pricing/quote", issuer, "{\"msisdn\":\"" + msisdn + "\",\"storeId\":\"demo-shop\",\"lines\":[{\"sku\":\"SKU-"
                + category + "\",\"category\":\"" + category + "\",\"quantity\":1,\"unitPriceMinor\":5000}]}"), 200);
    }

    private static String reasonOf(JsonNode priced, String campaignId) {
        for (JsonNode n : priced.path("notApplied")) {
            if (n.path("campaignId").asText().equals(campaignId)) {
                return n.path("reason").asText();
            }
        }
        return null;
    }

    private static List<String> audit(String userId) {
        bus.app().context().getRegistry().lookupByNameAndType("writePath", WritePath.class).catchUp();
        return database().jdbi().withHandle(h -> h.createQuery("SELECT action || ':' || details FROM audit_log WHERE target = ?"
                + " AND details IN ('segment=students', 'segment=commuters') ORDER BY audit_id").bind(0, userId).mapTo(String.class).list());
    }

    private static Database database() {
        return bus.app().context().getRegistry().lookupByNameAndType("database", Database.class);
    }

    @Test
    void aStudentsCampaignFollowsTheSegmentAsItIsChangedOverRest() throws Exception {
        String student = demoUser();
        String other = newUser("+8613900000102");
        String campaign = publish("{\"name\":\"10% off for students\",\"kind\":\"PERCENT\",\"percent\":10,\"categories\":[\"seg-s1\"],"
                + "\"segments\":[\"students\"]}");
        assertThat(reasonOf(quote(PHONE, "seg-s1"), campaign)).as("nobody is a student yet").isEqualTo("AUDIENCE_NOT_MATCHED");

        assertThat(ok(member("PUT", "students", student), 200).path("segments").toString()).isEqualTo("[\"students\"]");
        ok(member("PUT", "commuters", student), 200);
        assertThat(ok(member("PUT", "students", student), 200).path("segments").toString())
                .as("again: the same, in name order").isEqualTo("[\"commuters\",\"students\"]");
        assertThat(calls.size("students", issuer)).isEqualTo(1);

        String basket = "[{\"sku\":\"BOOK-S1\",\"category\":\"seg-s1\",\"quantity\":1,\"unitPriceMinor\":5000}]";
        JsonNode paid = ok(bus.post("/payments", issuer, "{\"msisdn\":\"" + PHONE + "\",\"merchantId\":\"demo-shop\",\"basket\":" + basket
                + ",\"idempotencyKey\":\"segment-s1\"}"), 200);
        assertThat(paid.path("status").asText()).as(paid.toString()).isEqualTo("APPROVED");
        assertThat(paid.path("pricing").path("payableMinor").asLong()).isEqualTo(4500);
        assertThat(paid.path("pricing").path("applied").path(0).path("campaignId").asText()).isEqualTo(campaign);
        JsonNode notStudent = quote("+8613900000102", "seg-s1");
        assertThat(notStudent.path("payableMinor").asLong()).isEqualTo(5000);
        assertThat(reasonOf(notStudent, campaign)).isEqualTo("AUDIENCE_NOT_MATCHED");

        assertThat(ok(member("DELETE", "students", student), 200).path("segments").toString()).isEqualTo("[\"commuters\"]");
        assertThat(reasonOf(quote(PHONE, "seg-s1"), campaign)).as("taken out: refused again").isEqualTo("AUDIENCE_NOT_MATCHED");
        assertThat(calls.segmentsOf(student, issuer)).containsExactly("commuters");
        assertThat(calls.size("students", issuer)).isZero();

        JsonNode both = ok(bulk("students", "{\"add\":[\"" + student + "\",\"" + other + "\"]}"), 200);
        assertThat(both.path("added").asInt()).isEqualTo(2);
        assertThat(both.path("size").asLong()).isEqualTo(2);
        assertThat(quote("+8613900000102", "seg-s1").path("payableMinor").asLong()).as("added in bulk: applies").isEqualTo(4500);
        JsonNode again = ok(bulk("students", "{\"add\":[\"" + student + "\"],\"remove\":[\"" + other + "\"]}"), 200);
        assertThat(List.of(again.path("added").asInt(), again.path("removed").asInt(), again.path("unchanged").asInt()))
                .containsExactly(0, 1, 1);
        assertThat(reasonOf(quote("+8613900000102", "seg-s1"), campaign)).isEqualTo("AUDIENCE_NOT_MATCHED");
        assertThat(calls.size("students", issuer)).isEqualTo(1);

        assertThat(audit(student)).as("every change audited, none for a change that changed nothing").containsExactly(
                "segment.add:segment=students", "segment.add:segment=commuters", "segment.remove:segment=students",
                "segment.add:segment=students");
        long rows = database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM person_segment WHERE segment = 'students'"
                + " AND member").mapTo(Long.class).one());
        assertThat(rows).as("the table follows the journal").isEqualTo(1);
    }

    @Test
    void badSegmentRequestsGetProblemsAndChangeNothing() throws Exception {
        String student = demoUser();
        HttpResponse<String> unknown = member("PUT", "vip", "U-no-such-person");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(unknown.body()).contains("U-no-such-person");
        assertThat(ok(member("PUT", "%20", student), 400).path("detail").asText()).contains("segment name is required");
        assertThat(ok(member("PUT", "v".repeat(65), student), 400).path("detail").asText()).contains("1 to 64");
        assertThat(ok(member("PUT", "vip!", student), 400).path("detail").asText()).as("other characters").contains("letters, digits");
        assertThat(ok(bus.get("/segments/" + "x".repeat(65), issuer), 400).path("detail").asText()).contains("1 to 64");
        assertThat(ok(bus.get("/users/U-nobody/segments", issuer), 404).path("detail").asText()).contains("U-nobody");

        assertThat(ok(bulk("vip", "{\"add\":[\"" + student + "\",\"U-ghost-1\"]}"), 404).path("detail").asText())
                .contains("U-ghost-1").doesNotContain(student);
        assertThat(ok(bulk("vip", "{\"add\":[]}"), 400).path("detail").asText()).contains("1 to 1000");
        assertThat(ok(bulk("vip", "{\"add\":[\"" + student + "\"],\"remove\":[\"" + student + "\"]}"), 400).path("detail").asText())
                .contains("both added and removed");
        assertThat(calls.size("vip", issuer)).as("nothing was changed").isZero();
        assertThat(member("PUT", "vip", student).statusCode()).isEqualTo(200);
        assertThat(calls.member("DELETE", "vip", student, advertiser).statusCode())
                .as("an advertiser does not manage segments").isEqualTo(403);
        assertThat(ok(bus.post("/campaigns", advertiser, "{\"name\":\"x\",\"kind\":\"AMOUNT\",\"amountMinor\":100,\"newMemberDays\":0}"), 400)
                .path("detail").asText()).contains("newMemberDays");
    }

    @Test
    void aNewMemberCampaignAppliesToAPersonRegisteredTodayAndNotToOneRegisteredLongAgo() throws Exception {
        newUser("+8613900000201");
        String longAgo = newUser("+8613900000202");
        String tenDays = newUser("+8613900000203");
        registered(longAgo, Duration.ofDays(400));
        registered(tenDays, Duration.ofDays(10));
        String firstWeek = publishOverJms("{\"name\":\"First week 5.00 off\",\"kind\":\"AMOUNT\",\"amountMinor\":500,"
                + "\"categories\":[\"nm-n1\"],\"newMemberDays\":7}");
        assertThat(ok(bus.get("/campaigns/" + firstWeek, advertiser), 200).path("definition").path("newMemberDays").asInt()).isEqualTo(7);
        String welcome = publish("{\"name\":\"Welcome 1.00 off\",\"kind\":\"AMOUNT\",\"amountMinor\":100,\"categories\":[\"nm-n1\"],"
                + "\"newMembersOnly\":true}");

        JsonNode today = quote("+8613900000201", "nm-n1");
        assertThat(today.path("payableMinor").asLong()).as(today.toString()).isEqualTo(4400);
        JsonNode old = quote("+8613900000202", "nm-n1");
        assertThat(old.path("payableMinor").asLong()).isEqualTo(5000);
        assertThat(reasonOf(old, firstWeek)).isEqualTo("AUDIENCE_NOT_MATCHED");
        assertThat(reasonOf(old, welcome)).isEqualTo("AUDIENCE_NOT_MATCHED");
        JsonNode recent = quote("+8613900000203", "nm-n1");
        assertThat(reasonOf(recent, firstWeek)).as("10 days: past the campaign's own 7").isEqualTo("AUDIENCE_NOT_MATCHED");
        assertThat(recent.path("payableMinor").asLong()).as("within new-members.csv's 30 days for CNY").isEqualTo(4900);
    }

    /** Sets when the user registered (as if they had registered that long ago), before anything priced for them. */
    private static void registered(String userId, Duration ago) {
        database().jdbi().useHandle(h -> h.createUpdate("UPDATE app_user SET created_at = ? WHERE user_id = ?")
                .bind(0, Timestamp.from(Instant.now().minus(ago))).bind(1, userId).execute());
    }

    /** Publishes over JMS, after the same campaign with newMemberDays 0, which is refused with status 400. */
    private static String publishOverJms(String campaign) throws Exception {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort);
        int dot = advertiser.indexOf('.');
        try (Connection jms = cf.createConnection(advertiser.substring(0, dot), advertiser.substring(dot + 1))) {
            jms.start();
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer replies = session.createConsumer(session.createQueue("tapbus.partner.demo-media.campaign-replies"));
            MessageProducer requests = session.createProducer(session.createQueue("tapbus.campaign-requests"));
            requests.send(session.createTextMessage("{\"operation\":\"publish\",\"campaign\":"
                    + campaign.replaceFirst("\"newMemberDays\":\\d+", "\"newMemberDays\":0") + "}"));
            JsonNode refused = SegmentCalls.JSON.readTree(((TextMessage) replies.receive(10_000)).getText());
            assertThat(List.of(refused.path("ok").asBoolean(), refused.path("status").asInt())).as(refused.toString())
                    .containsExactly(false, 400);
            assertThat(refused.path("detail").asText()).contains("newMemberDays");
            requests.send(session.createTextMessage("{\"operation\":\"publish\",\"campaign\":" + campaign + "}"));
            JsonNode reply = SegmentCalls.JSON.readTree(((TextMessage) replies.receive(10_000)).getText());
            assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
            return reply.path("result").path("campaignId").asText();
        }
    }
}
