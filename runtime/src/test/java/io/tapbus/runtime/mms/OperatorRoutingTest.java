package io.tapbus.runtime.mms;

import static io.tapbus.runtime.mms.MmsOutboxFlowTest.JSON;
import static io.tapbus.runtime.mms.MmsOutboxFlowTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.runtime.RunningBus;
import io.tapbus.samples.mmsc.MmscSimulator;
import io.tapbus.samples.operator.OperatorSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Per-operator routing of the MMSC and of the operator APIs, with two simulated operators on loopback: operator A
 * (prefix 86138; the default MMSC and the default CAMARA APIs) and operator B (prefix 86139, and the ported number
 * +8613800000003), each with its own MMSC simulator and report receiver and B with its own operator simulator. Each
 * MMS reaches the MMSC of its number's operator and its delivery report comes back; a carrier-billed payment is
 * charged by the operator of the paying line, and only there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorRoutingTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final int mmscA = RunningBus.freePort();
    private final int mmscB = RunningBus.freePort();
    private final int reportsA = RunningBus.freePort();
    private final int reportsB = RunningBus.freePort();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private MmscSimulator simA;
    private MmscSimulator simB;
    private OperatorSimulator operatorA;
    private OperatorSimulator operatorB;
    private RunningBus bus;
    private String admin;
    private String issuer;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "routing");
        Files.writeString(dir.resolve("prefixes.txt"), "86138 opa\n86139 opb\n");
        Files.writeString(dir.resolve("ported.txt"), "+8613800000003 opb   # moved from A to B\n");
        simA = MmsOutboxFlowTest.simulator(mmscA, reportsA, dir.resolve("store-a").toAbsolutePath(), log);
        simB = MmsOutboxFlowTest.simulator(mmscB, reportsB, dir.resolve("store-b").toAbsolutePath(), log);
        operatorA = OperatorSimulator.start("127.0.0.1", 0);
        operatorB = OperatorSimulator.start("127.0.0.1", 0);

        Map<String, String> s = new HashMap<>();
        Map<String, String> a = MmsOutboxFlowTest.settings(mmscA, reportsA);
        Map<String, String> b = MmsOutboxFlowTest.settings(mmscB, reportsB);
        a.forEach((k, v) -> s.put(k.replace("tapbus.mmsc.sim.", "tapbus.mmsc.ma."), v));
        b.forEach((k, v) -> {
            if (k.startsWith("tapbus.mmsc.sim.")) {
                s.put(k.replace("tapbus.mmsc.sim.", "tapbus.mmsc.mb."), v);
            }
        });
        s.put("tapbus.mms.mmsc", "ma");
        s.put("tapbus.mms.mmscs", "ma, mb");
        s.put("tapbus.mms.route.opb", "mb");
        s.put("tapbus.mmsc.mb.reports.port", String.valueOf(reportsB));
        s.put("tapbus.phone.operators", "opa, opb");
        s.put("tapbus.phone.prefixes-file", dir.resolve("prefixes.txt").toString());
        s.put("tapbus.phone.ported-file", dir.resolve("ported.txt").toString());
        s.put("tapbus.operator.api-root", operatorA.apiRoot().toString());
        s.put("tapbus.operator.opb.api-root", operatorB.apiRoot().toString());
        s.put("tapbus.operator.opb.client-id", OperatorSimulator.DEMO_CLIENT_ID);
        s.put("tapbus.operator.opb.client-secret", OperatorSimulator.DEMO_CLIENT_SECRET);
        s.put("tapbus.operator.timeout-ms", "1000");
        bus = new RunningBus(s);
        admin = RunningBus.adminToken();
        HttpResponse<String> cred = bus.post("/partners/demo-bank/credentials", admin, "{\"roles\":[\"issuer\"]}");
        issuer = JSON.readTree(cred.body()).path("token").asText();
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
        simA.close();
        simB.close();
        operatorA.close();
        operatorB.close();
    }

    @Test
    void eachMmsGoesToTheMmscOfItsNumbersOperatorAndItsReportComesBack() throws Exception {
        Map<String, String> expected = Map.of("+8613800000001", "ma", "+8613800000003", "mb", "+8613900000009", "mb",
                "+442071838750", "ma");
        Map<String, String> ids = new HashMap<>();
        for (String msisdn : expected.keySet()) {
            ids.put(msisdn, queue(msisdn));
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String id = ids.get(e.getKey());
            JsonNode m = awaitDelivered(id);
            assertThat(m.get("mmsc").asText()).as(e.getKey()).isEqualTo(e.getValue());
            MmscSimulator there = e.getValue().equals("ma") ? simA : simB;
            MmscSimulator other = e.getValue().equals("ma") ? simB : simA;
            assertThat(there.accepted().stream().filter(x -> x.submit().transactionId().equals("tb-" + id))).hasSize(1);
            assertThat(other.accepted().stream().filter(x -> x.submit().transactionId().equals("tb-" + id))).isEmpty();
        }
        JsonNode health = JSON.readTree(bus.management("/observe/health?exposureLevel=full&data=true").body());
        assertThat(health.toString()).contains("mmsc.reports").contains("mmsc.mb.reports").contains("LISTENING");
    }

    @Test
    void aCarrierBilledPaymentIsChargedByThePayingLinesOperator() throws Exception {
        String onA = pay("+8613800000001");
        assertThat(atOperator(operatorA, onA)).extracting(p -> p.path("paymentStatus").asText()).containsExactly("succeeded");
        assertThat(atOperator(operatorB, onA)).isEmpty();

        String onB = pay("+8613800000003"); // its prefix is A's, but the number moved to B
        assertThat(atOperator(operatorB, onB)).extracting(p -> p.path("paymentStatus").asText()).containsExactly("succeeded");
        assertThat(atOperator(operatorA, onB)).isEmpty();
    }

    private String pay(String msisdn) throws Exception {
        HttpResponse<String> r = bus.post("/payments", issuer, "{\"msisdn\":\"" + msisdn + "\",\"merchantId\":\"demo-cafe\","
                + "\"amountMinor\":1250,\"currency\":\"CNY\",\"fundingSource\":\"CARRIER_BILLING\",\"idempotencyKey\":\""
                + UUID.randomUUID() + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode paid = JSON.readTree(r.body());
        assertThat(paid.path("status").asText()).as(paid.toString()).isEqualTo("APPROVED");
        return paid.path("paymentId").asText();
    }

    private String queue(String msisdn) throws Exception {
        HttpResponse<String> r = bus.post("/mms", admin, JSON.writeValueAsString(Map.of("kind", "TICKET", "msisdn", msisdn,
                "text", "Gate 5", "qrPayload", "TB1|ticket=R-" + msisdn, "correlation", "route:" + msisdn)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).get("messageId").asText();
    }

    private JsonNode awaitDelivered(String id) throws Exception {
        JsonNode[] last = new JsonNode[1];
        await(() -> {
            try {
                last[0] = JSON.readTree(bus.get("/mms/" + id, admin).body());
                return last[0].get("state").asText().equals("DELIVERED");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return last[0];
    }

    /** The operator's payments made for this TapBus payment (clientCorrelator = the payment id). */
    private static List<JsonNode> atOperator(OperatorSimulator operator, String paymentId) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operator.port()
                + "/control/payments")).build(), HttpResponse.BodyHandlers.ofString());
        List<JsonNode> mine = new ArrayList<>();
        JSON.readTree(r.body()).forEach(p -> {
            if (paymentId.equals(p.path("amountTransaction").path("clientCorrelator").asText())) {
                mine.add(p);
            }
        });
        return mine;
    }
}
