package io.tapbus.runtime.portal;

import static io.tapbus.runtime.portal.PortalClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.runtime.phone.AppPhones;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The portal's sessions against a real bus and a loopback SMSC, over HTTP as a browser calls: the pages come with a
 * strict Content-Security-Policy; a session cookie acts as exactly its credential (a merchant's cannot do an
 * administrator's work, a revoked credential ends its session, one phone user's cookie sees only that user's cards);
 * calls that change something need the session's CSRF token; wrong codes lock a number's sign-in; sign-out ends the
 * session.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalSessionTest {
    private static final String USER = "+8613800000001";
    private static final String OTHER = "+8613800000003";
    private static final String LOCKED = "+8613800000002";
    private final HttpClient raw = HttpClient.newHttpClient();
    private AppPhones phones;
    private RunningBus bus;

    @BeforeAll
    void start() throws Exception {
        phones = new AppPhones();
        Map<String, String> settings = new HashMap<>(phones.busSettings());
        settings.put("tapbus.portal.failures-before-lock", "3");
        bus = new RunningBus(settings);
        phones.awaitBound();
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
        phones.close();
    }

    @Test
    void thePagesComeWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = raw.send(HttpRequest.newBuilder(bus.api("/").resolve("/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/portal/app.js\"></script>").doesNotContain("style=");
        HttpResponse<String> script = raw.send(HttpRequest.newBuilder(bus.api("/").resolve("/portal/app.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(script.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(script.body()).doesNotContain("innerHTML");
        for (String bad : new String[] {"/portal/nothing.js", "/portal/%2e%2e/application.properties", "/portal/App.JS"}) {
            HttpResponse<String> missing = raw.send(HttpRequest.newBuilder(bus.api("/").resolve(bad)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).as(bad).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
    }

    @Test
    void aPartnerSessionActsAsItsCredentialAndEndsWhenItIsRevoked() throws Exception {
        PortalClient.Session admin = PortalClient.partner(bus, RunningBus.adminToken());
        String setCookie = admin.response().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("tapbus_session=").contains("HttpOnly", "SameSite=Strict", "Path=/")
                .doesNotContain("Secure");
        assertThat(admin.response().body()).doesNotContain(RunningBus.adminToken().substring(RunningBus.adminToken().indexOf('.') + 1));
        assertThat(admin.body().path("roles").toString()).contains("admin");
        JsonNode me = JSON.readTree(PortalClient.get(bus, admin.cookie(), "/partners/me").body());
        assertThat(me.path("roles").toString()).contains("admin");

        assertThat(PortalClient.post(bus, admin.cookie(), admin.csrf(), "/partners",
                "{\"partnerId\":\"portal-shop\",\"name\":\"Portal Shop\",\"kind\":\"MERCHANT\"}").statusCode()).isEqualTo(201);
        JsonNode credential = JSON.readTree(PortalClient.post(bus, admin.cookie(), admin.csrf(),
                "/partners/portal-shop/credentials", "{\"roles\":[\"merchant\"]}").body());
        PortalClient.Session merchant = PortalClient.partner(bus, credential.path("token").asText());
        assertThat(PortalClient.get(bus, merchant.cookie(), "/partners/me").body()).contains("portal-shop");
        assertThat(PortalClient.get(bus, merchant.cookie(), "/partners").statusCode()).as("admin only").isEqualTo(403);
        assertThat(PortalClient.get(bus, merchant.cookie(), "/admin/audit").statusCode()).isEqualTo(403);
        assertThat(PortalClient.get(bus, merchant.cookie(), "/admin/links").statusCode()).isEqualTo(403);
        JsonNode health = JSON.readTree(PortalClient.get(bus, admin.cookie(), "/admin/links").body());
        assertThat(health.path("checks").findValues("details").toString()).contains("\"smsc.local\":\"BOUND\"")
                .doesNotContain("invocation.");
        assertThat(PortalClient.get(bus, merchant.cookie(), "/app/cards").statusCode()).as("not a phone").isEqualTo(401);

        HttpRequest.Builder revoke = HttpRequest.newBuilder(bus.api("/credentials/" + credential.path("keyId").asText()))
                .header("Cookie", admin.cookie()).header("X-CSRF-Token", admin.csrf()).DELETE();
        assertThat(bus.send(revoke, null).statusCode()).isEqualTo(200);
        assertThat(PortalClient.get(bus, merchant.cookie(), "/partners/me").statusCode()).isEqualTo(401);
        assertThat(PortalClient.partner(bus, RunningBus.adminToken()).cookie()).as("a new id each time").isNotEqualTo(admin.cookie());
        assertThat(bus.post("/portal/sessions/partner", null, "{\"credential\":\"demo-admin.wrong\"}").statusCode()).isEqualTo(401);
        assertThat(PortalClient.get(bus, "tapbus_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "/partners/me")
                .statusCode()).as("a made-up session").isEqualTo(401);
    }

    @Test
    void theAdministratorSeesEachReadersKeyCheckValueNeverTheKey() throws Exception {
        PortalClient.Session admin = PortalClient.partner(bus, RunningBus.adminToken());
        HttpResponse<String> r = PortalClient.get(bus, admin.cookie(), "/admin/reader-keys");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        byte[] key = io.tapbus.connector.reader.ReaderKeys.diversify(RunningBus.readerMasterKey(), "R-DEMO-1");
        JsonNode demo = null;
        for (JsonNode reader : JSON.readTree(r.body()).path("readers")) {
            demo = reader.path("readerId").asText().equals("R-DEMO-1") ? reader : demo;
        }
        assertThat(demo).as(r.body()).isNotNull();
        assertThat(demo.path("keyCheckValue").asText()).isEqualTo(io.tapbus.connector.reader.ReaderKeys.checkValue(key))
                .matches("[0-9A-F]{10}");
        assertThat(r.body()).doesNotContainIgnoringCase(java.util.HexFormat.of().formatHex(key)).doesNotContain("key_encrypted");
        String merchantToken = JSON.readTree(PortalClient.post(bus, admin.cookie(), admin.csrf(),
                "/partners/demo-shop/credentials", "{\"roles\":[\"merchant\"]}").body()).path("token").asText();
        assertThat(bus.get("/admin/reader-keys", merchantToken).statusCode()).as("admin only").isEqualTo(403);

        assertThat(bus.post("/readers", RunningBus.adminToken(), "{\"readerId\":\"R-KCV-BAD\",\"merchantId\":\"demo-shop\"}")
                .statusCode()).isEqualTo(201);
        bus.app().context().getRegistry().lookupByNameAndType("database", io.tapbus.runtime.db.Database.class).jdbi()
                .useHandle(h -> h.execute("UPDATE reader SET key_encrypted = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE reader_id = 'R-KCV-BAD'"));
        String all = PortalClient.get(bus, admin.cookie(), "/admin/reader-keys").body();
        assertThat(all).as("one key this bus cannot open spoils none of the others")
                .contains("\"readerId\":\"R-KCV-BAD\"", "UNREADABLE", io.tapbus.connector.reader.ReaderKeys.checkValue(key));
    }

    @Test
    void aCallThatChangesSomethingNeedsTheSessionsCsrfToken() throws Exception {
        PortalClient.Session admin = PortalClient.partner(bus, RunningBus.adminToken());
        PortalClient.Session other = PortalClient.partner(bus, RunningBus.adminToken());
        String body = "{\"partnerId\":\"csrf-shop\",\"name\":\"CSRF\",\"kind\":\"MERCHANT\"}";
        HttpResponse<String> none = PortalClient.post(bus, admin.cookie(), null, "/partners", body);
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.body()).contains("CSRF");
        assertThat(PortalClient.post(bus, admin.cookie(), "forged-token", "/partners", body).statusCode()).isEqualTo(403);
        assertThat(PortalClient.post(bus, admin.cookie(), other.csrf(), "/partners", body).statusCode())
                .as("another session's token").isEqualTo(403);
        assertThat(PortalClient.get(bus, admin.cookie(), "/partners/csrf-shop").statusCode()).as("nothing was created").isEqualTo(404);
        assertThat(PortalClient.post(bus, admin.cookie(), admin.csrf(), "/partners", body).statusCode()).isEqualTo(201);
    }

    @Test
    void aPhoneUsersSessionSeesOnlyTheirOwnCardsAndBlocksOneWithTheToken() throws Exception {
        PortalClient.Session user = PortalClient.phone(bus, phones, USER);
        assertThat(user.body().path("kind").asText()).isEqualTo("phone");
        assertThat(user.body().path("subject").asText()).doesNotContain("80000000").endsWith("0001");
        PortalClient.Session other = PortalClient.phone(bus, phones, OTHER);
        JsonNode mine = JSON.readTree(PortalClient.get(bus, user.cookie(), "/app/cards").body()).path("cards");
        assertThat(mine.findValuesAsText("cardUid")).contains(DemoSeeder.ACTIVE_CARD).doesNotContain(DemoSeeder.BANK_CARD);
        JsonNode theirs = JSON.readTree(PortalClient.get(bus, other.cookie(), "/app/cards").body()).path("cards");
        assertThat(theirs.findValuesAsText("cardUid")).contains(DemoSeeder.BANK_CARD).doesNotContain(DemoSeeder.ACTIVE_CARD);
        assertThat(PortalClient.get(bus, other.cookie(), "/app/cards/" + DemoSeeder.ACTIVE_CARD + "/history").statusCode())
                .isEqualTo(404);
        assertThat(PortalClient.get(bus, user.cookie(), "/partners/me").statusCode()).as("not a partner").isEqualTo(401);

        String block = "/app/cards/" + DemoSeeder.ACTIVE_CARD + "/block";
        assertThat(PortalClient.post(bus, user.cookie(), null, block, null).statusCode()).isEqualTo(403);
        assertThat(PortalClient.post(bus, other.cookie(), other.csrf(), block, null).statusCode()).as("not theirs").isEqualTo(404);
        assertThat(PortalClient.get(bus, user.cookie(), "/app/cards").body()).doesNotContain("BLOCKED");
        HttpResponse<String> blocked = PortalClient.post(bus, user.cookie(), user.csrf(), block, null);
        assertThat(blocked.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(blocked.body()).path("status").asText()).isEqualTo("BLOCKED");
    }

    @Test
    void wrongCodesLockTheNumbersSignInForAWhile() throws Exception {
        String[] started = PortalClient.code(bus, phones, LOCKED);
        String wrong = started[1].equals("000000") ? "000001" : "000000";
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> refused = PortalClient.phoneSignIn(bus, started[0], wrong);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("code-wrong");
        }
        HttpResponse<String> locked = PortalClient.phoneSignIn(bus, started[0], started[1]);
        assertThat(locked.statusCode()).as("locked, even with the right code").isEqualTo(429);
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isGreaterThan(60);
        assertThat(bus.post("/portal/phone-codes", null, "{\"msisdn\":\"" + LOCKED + "\"}").statusCode()).isEqualTo(429);
        assertThat(PortalClient.phoneSignIn(bus, "REG-0000000000000000", "123456").statusCode()).isEqualTo(400);
        assertThat(bus.post("/portal/phone-codes", null, "{\"msisdn\":\"<script>\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void signingOutNeedsTheTokenAndEndsTheSession() throws Exception {
        PortalClient.Session admin = PortalClient.partner(bus, RunningBus.adminToken());
        assertThat(PortalClient.get(bus, admin.cookie(), "/portal/session").body()).contains(admin.csrf());
        HttpRequest.Builder noToken = HttpRequest.newBuilder(bus.api("/portal/session")).header("Cookie", admin.cookie()).DELETE();
        assertThat(bus.send(noToken, null).statusCode()).isEqualTo(403);
        HttpResponse<String> out = bus.send(HttpRequest.newBuilder(bus.api("/portal/session")).header("Cookie", admin.cookie())
                .header("X-CSRF-Token", admin.csrf()).DELETE(), null);
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(PortalClient.get(bus, admin.cookie(), "/portal/session").statusCode()).isEqualTo(401);
        assertThat(PortalClient.get(bus, admin.cookie(), "/partners/me").statusCode()).isEqualTo(401);
    }
}
