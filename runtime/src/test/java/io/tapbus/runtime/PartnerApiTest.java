package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderKeys;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.runtime.demo.DemoSeeder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** REST authentication, roles, partner scoping, problem responses and the OpenAPI document. */
class PartnerApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningBus bus;
    private static String admin;
    private static String shopA;
    private static String shopB;

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus();
        admin = RunningBus.adminToken();
        shopA = merchantWithCredential("shop-a");
        shopB = merchantWithCredential("shop-b");
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    private static String merchantWithCredential(String id) throws Exception {
        HttpResponse<String> created = bus.post("/partners", admin,
                "{\"partnerId\":\"" + id + "\",\"name\":\"Shop " + id + "\",\"kind\":\"MERCHANT\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return bus.partnerToken(id, "merchant");
    }

    @Test
    void missingOrWrongCredentialsGet401ProblemJson() throws Exception {
        HttpResponse<String> none = bus.get("/partners", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(JSON.readTree(none.body()).path("status").asInt()).isEqualTo(401);

        String wrong = admin.substring(0, admin.indexOf('.')) + ".not-the-secret";
        assertThat(bus.get("/partners", wrong).statusCode()).isEqualTo(401);
        assertThat(bus.get("/partners", "garbage").statusCode()).isEqualTo(401);
    }

    @Test
    void everyOperationInTheOpenApiDocumentRefusesAnonymousCallers() throws Exception {
        HttpResponse<String> doc = bus.send(HttpRequest.newBuilder(bus.api("/openapi.json")).GET(), null);
        assertThat(doc.statusCode()).isEqualTo(200);
        JsonNode openapi = JSON.readTree(doc.body());
        assertThat(openapi.path("components").path("securitySchemes").path("partnerToken").path("scheme").asText()).isEqualTo("bearer");
        JsonNode paths = openapi.path("paths");
        assertThat(paths.size()).isGreaterThanOrEqualTo(15);
        List<String> open = new ArrayList<>();
        java.util.Set<String> operationIds = new java.util.HashSet<>();
        Iterator<Map.Entry<String, JsonNode>> it = paths.fields();
        int checked = 0;
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> path = it.next();
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "X1");
            Iterator<String> methods = path.getValue().fieldNames();
            while (methods.hasNext()) {
                String verb = methods.next();
                String operationId = path.getValue().path(verb).path("operationId").asText();
                assertThat(operationId).as(verb + " " + path.getKey() + ": an operation named for what it does")
                        .matches("[a-z][A-Za-z]+").doesNotStartWith("verb");
                assertThat(operationIds.add(operationId)).as("operationId " + operationId + " is unique").isTrue();
                String method = verb.toUpperCase();
                HttpResponse<String> r = bus.send(HttpRequest.newBuilder(bus.api(concrete))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"), null);
                checked++;
                if (r.statusCode() != 401) {
                    open.add(method + " " + concrete + " -> " + r.statusCode());
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(20);
        // the phone app's registration is where a device gets its credential: open, and a body without a number is a 400
        assertThat(open).as("operations reachable without credentials: the public tag scan URL, the document, the"
                        + " phone app's registration and the portal's phone sign-in")
                .containsExactlyInAnyOrder("GET /scan/X1 -> 400", "GET /openapi.json -> 200",
                        "POST /app/registrations -> 400", "POST /app/registrations/X1/verify -> 400",
                        "POST /portal/phone-codes -> 400", "POST /portal/sessions/phone -> 400");
    }

    @Test
    void theServedDocumentIsTheCommittedContract() throws Exception {
        HttpResponse<String> doc = bus.send(HttpRequest.newBuilder(bus.api("/openapi.json")).GET(), null);
        assertThat(doc.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode committed = io.tapbus.runtime.api.ApiDocument.read(RunningBus.HOME.resolve(io.tapbus.runtime.api.ApiDocument.FILE));
        assertThat(JSON.readTree(doc.body())).isEqualTo(committed);
        assertThat(committed.path("openapi").asText()).startsWith("3.1");
    }

    @Test
    void merchantLacksAdminRole() throws Exception {
        HttpResponse<String> r = bus.post("/partners", shopA, "{\"partnerId\":\"x\",\"name\":\"x\",\"kind\":\"MERCHANT\"}");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(r.body()).path("detail").asText()).contains("admin");
    }

    @Test
    void aMerchantSeesOnlyItsOwnReadersAndTransactions() throws Exception {
        HttpResponse<String> noMerchant = bus.post("/readers", admin, "{\"readerId\":\"R-NOBODY\",\"location\":\"till\"}");
        assertThat(noMerchant.statusCode()).as("a reader without its merchant").isEqualTo(400);
        assertThat(JSON.readTree(noMerchant.body()).path("detail").asText()).contains("merchantId");
        HttpResponse<String> reg = bus.post("/readers", admin, "{\"readerId\":\"R-SHOP-A\",\"merchantId\":\"shop-a\",\"location\":\"till\"}");
        assertThat(reg.statusCode()).as(reg.body()).isEqualTo(201);
        String keyHex = JSON.readTree(reg.body()).path("keyHex").asText();
        assertThat(HexFormat.of().parseHex(keyHex)).isEqualTo(ReaderKeys.diversify(RunningBus.readerMasterKey(), "R-SHOP-A"));

        TapResponse tap;
        try (ReaderClient reader = new ReaderClient("127.0.0.1", bus.readerPort, "R-SHOP-A", HexFormat.of().parseHex(keyHex))) {
            tap = TapResponse.parse(reader.tap(new TapRequest(DemoSeeder.ACTIVE_CARD, 300, "CNY", Instant.now().toString(), null)).body());
        }
        assertThat(tap.verdict()).isEqualTo(TapResponse.Verdict.APPROVED);

        assertThat(bus.get("/readers/R-SHOP-A", shopA).statusCode()).isEqualTo(200);
        assertThat(bus.get("/readers/R-SHOP-A", shopB).statusCode()).as("another merchant's reader").isEqualTo(404);
        assertThat(JSON.readTree(bus.get("/readers", shopB).body()).toString()).doesNotContain("R-SHOP-A");

        assertThat(bus.get("/transactions/" + tap.transactionId(), shopA).statusCode()).isEqualTo(200);
        assertThat(bus.get("/transactions/" + tap.transactionId(), shopB).statusCode()).isEqualTo(404);
        assertThat(bus.get("/decisions/" + tap.decisionId(), shopB).statusCode()).isEqualTo(404);
        assertThat(bus.get("/transactions", shopB).body()).doesNotContain(tap.transactionId());
        assertThat(bus.get("/transactions", shopA).body()).contains(tap.transactionId());

        JsonNode seenByB = JSON.readTree(bus.get("/cards/" + DemoSeeder.ACTIVE_CARD + "/history", shopB).body()).path("transactions");
        assertThat(seenByB.toString()).doesNotContain(tap.transactionId());
        JsonNode seenByA = JSON.readTree(bus.get("/cards/" + DemoSeeder.ACTIVE_CARD + "/history", shopA).body()).path("transactions");
        assertThat(seenByA.toString()).contains(tap.transactionId());
        seenByA.forEach(row -> assertThat(row.path("merchantId").asText()).isEqualTo("shop-a"));

        assertThat(bus.get("/accounts/M-shop-a", shopA).statusCode()).isEqualTo(200);
        assertThat(bus.get("/accounts/M-shop-a", shopB).statusCode()).isEqualTo(404);
        assertThat(bus.get("/partners/shop-a", shopB).statusCode()).isEqualTo(404);
    }

    @Test
    void malformedJsonAndInvalidFieldsGet400WithAReason() throws Exception {
        HttpResponse<String> bad = bus.post("/users", admin, "{\"msisdn\": ");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("detail").asText()).startsWith("malformed JSON");
        assertThat(bad.body()).doesNotContain("at com.").doesNotContain("Exception");

        HttpResponse<String> invalid = bus.post("/users", admin, "{\"msisdn\":\"12ab\",\"name\":\"x\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("msisdn");

        HttpResponse<String> unknownField = bus.post("/users", admin, "{\"msisdn\":\"+8613811112222\",\"nmae\":\"typo\"}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("nmae");
    }

    @Test
    void cardLifecycleIsEnforcedAndAudited() throws Exception {
        assertThat(bus.post("/users", admin, "{\"msisdn\":\"+8613855556666\",\"name\":\"Li\"}").statusCode()).isEqualTo(201);
        assertThat(bus.post("/cards", admin, "{\"cardUid\":\"04CAFE00000001\"}").statusCode()).isEqualTo(201);
        assertThat(bus.post("/cards/04CAFE00000001/unblock", admin, null).statusCode()).as("unblock an ISSUED card").isEqualTo(409);
        assertThat(bus.post("/cards/04CAFE00000001/bind", admin, "{\"msisdn\":\"+8613855556666\"}").statusCode()).isEqualTo(200);
        assertThat(bus.post("/cards/04CAFE00000001/block", admin, null).statusCode()).isEqualTo(200);
        HttpResponse<String> replaced = bus.post("/cards/04CAFE00000001/replace", admin, "{\"newCardUid\":\"04CAFE00000002\"}");
        assertThat(replaced.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(replaced.body()).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(JSON.readTree(bus.get("/cards/04CAFE00000001", admin).body()).path("status").asText()).isEqualTo("REPLACED");
        String audit = bus.get("/admin/audit", admin).body();
        assertThat(audit).contains("card.replace").contains("card.bind");
        assertThat(audit).doesNotContain("04CAFE00000001");
    }

    @Test
    void moneyIsExactAFractionAnExponentAStringOrAnOverflowIsRefusedNamingTheFieldAndNothingMoves() throws Exception {
        String account = JSON.readTree(bus.get("/cards/" + DemoSeeder.ACTIVE_CARD, admin).body()).path("accountId").asText();
        long before = JSON.readTree(bus.get("/accounts/" + account, admin).body()).path("balanceMinor").asLong();
        int n = 0;
        for (String amount : new String[] {"12.5", "1e3", "\"100\"", "true", "99999999999999999999", "1.0"}) {
            HttpResponse<String> refused = bus.send(HttpRequest.newBuilder(bus.api("/accounts/" + account + "/topups"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", "inexact-" + n++)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"amountMinor\":" + amount + "}")), admin);
            assertThat(refused.statusCode()).as(amount + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
            String detail = JSON.readTree(refused.body()).path("detail").asText();
            assertThat(detail).as(amount).contains("amountMinor").doesNotContain("java", "Long", "DeserializationFeature");
        }
        HttpResponse<String> unknown = bus.send(HttpRequest.newBuilder(bus.api("/accounts/" + account + "/topups"))
                .header("Content-Type", "application/json").header("Idempotency-Key", "inexact-unknown")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":100}")), admin);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).path("detail").asText()).contains("unknown field \"amount\"", "amountMinor")
                .doesNotContain("io.tapbus", "$");
        assertThat(JSON.readTree(bus.get("/accounts/" + account, admin).body()).path("balanceMinor").asLong())
                .as("nothing was rounded and added").isEqualTo(before);
    }

    @Test
    void topUpIsIdempotent() throws Exception {
        String account = JSON.readTree(bus.get("/cards/" + DemoSeeder.ACTIVE_CARD, admin).body()).path("accountId").asText();
        java.util.function.Supplier<HttpRequest.Builder> req = () -> HttpRequest.newBuilder(bus.api("/accounts/" + account + "/topups"))
                .header("Content-Type", "application/json").header("Idempotency-Key", "test-topup-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amountMinor\":700}"));
        HttpResponse<String> first = bus.send(req.get(), admin);
        HttpResponse<String> second = bus.send(req.get(), admin);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(second.body()).path("transactionId").asText())
                .isEqualTo(JSON.readTree(first.body()).path("transactionId").asText());
        JsonNode entries = JSON.readTree(bus.get("/accounts/" + account + "/entries", admin).body()).path("entries");
        long lines = 0;
        for (JsonNode e : entries) {
            if (e.path("txnId").asText().equals(JSON.readTree(first.body()).path("transactionId").asText())) {
                lines++;
            }
        }
        assertThat(lines).isEqualTo(1);
    }

    @Test
    void topUpKeysBelongToOneAccountAndOneAmount() throws Exception {
        String a = JSON.readTree(bus.get("/cards/" + DemoSeeder.ACTIVE_CARD, admin).body()).path("accountId").asText();
        String b = JSON.readTree(bus.get("/cards/" + DemoSeeder.BLOCKED_CARD, admin).body()).path("accountId").asText();
        java.util.function.BiFunction<String, Long, HttpRequest.Builder> req = (account, amount) -> HttpRequest
                .newBuilder(bus.api("/accounts/" + account + "/topups")).header("Content-Type", "application/json")
                .header("Idempotency-Key", "shared-key").POST(HttpRequest.BodyPublishers.ofString("{\"amountMinor\":" + amount + "}"));
        HttpResponse<String> onA = bus.send(req.apply(a, 100L), admin);
        HttpResponse<String> onB = bus.send(req.apply(b, 100L), admin);
        assertThat(onA.statusCode()).isEqualTo(201);
        assertThat(onB.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(onB.body()).path("transactionId").asText())
                .as("the same key on another account is another top-up").isNotEqualTo(JSON.readTree(onA.body()).path("transactionId").asText());
        HttpResponse<String> otherAmount = bus.send(req.apply(a, 999L), admin);
        assertThat(otherAmount.statusCode()).isEqualTo(409);
    }

    @Test
    void badParametersAndOversizedFieldsGet400NotAServerError() throws Exception {
        assertThat(bus.get("/transactions?limit=abc", admin).statusCode()).isEqualTo(400);
        assertThat(bus.post("/partners", admin, "{\"partnerId\":\"acme.eu\",\"name\":\"x\",\"kind\":\"MERCHANT\"}").statusCode())
                .as("dots would break JMS address ownership").isEqualTo(400);
        assertThat(bus.post("/partners", admin, "{\"partnerId\":\"longname\",\"name\":\"" + "n".repeat(300) + "\",\"kind\":\"MERCHANT\"}")
                .statusCode()).isEqualTo(400);
        assertThat(bus.post("/partners/shop-a/credentials", admin, "{\"roles\":[null]}").statusCode()).isEqualTo(400);
        assertThat(bus.post("/cards", admin, "{\"cardUid\":\"04DD000000FFEE\",\"currency\":\"EURO\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> huge = bus.post("/users", admin, "{\"msisdn\":\"+8613800009999\",\"name\":\"" + "x".repeat(200_000) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
    }

    @Test
    void healthAndMetricsAreServed() throws Exception {
        HttpResponse<String> health = bus.management("/observe/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        HttpResponse<String> metrics = bus.management("/observe/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("camel_exchanges_total");
    }

    @Test
    void everyHealthAndMetricsPathTheDocsNameIsServed() throws Exception {
        java.util.Set<String> named = DocPaths.managementPaths(RunningBus.HOME);
        assertThat(named).contains("/observe/health", "/observe/health/live", "/observe/health/ready", "/observe/metrics");
        for (String path : named) {
            assertThat(bus.management(path).statusCode()).as(path + ", named in the docs, on the management port").isEqualTo(200);
        }
    }
}
