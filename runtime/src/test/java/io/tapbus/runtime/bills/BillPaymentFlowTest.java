package io.tapbus.runtime.bills;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.phone.AppPhones;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Utility bills against a whole bus: a biller's inquiry service on loopback (JDK HttpServer, the biller's side of
 * docs/bills.md), registered as a biller; the payer asks for a bill in the app, pays it from the stored value (the biller's
 * settlement account gets it, the biller a bill.paid event by JMS, the payer a receipt SMS at the loopback SMSC), and a
 * second payment of the same bill is refused with its reason, also when two race.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BillPaymentFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAYER = "+8613800000001";
    private final Map<String, String> bills = new ConcurrentHashMap<>();
    private final AtomicInteger inquiries = new AtomicInteger();
    private HttpServer biller;
    private AppPhones phones;
    private RunningBus bus;
    private String admin;
    private String token;

    @BeforeAll
    void start() throws Exception {
        biller = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        biller.createContext("/power/bills/", exchange -> {
            inquiries.incrementAndGet();
            String ref = exchange.getRequestURI().getPath().substring("/power/bills/".length());
            String bill = bills.get(ref);
            byte[] body = (bill == null ? "{}" : bill).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(bill == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        biller.start();
        bills.put("EL-1", "{\"billRef\":\"EL-1\",\"amountMinor\":18650,\"currency\":\"CNY\",\"dueDate\":\"2026-12-20\",\"status\":\"UNPAID\"}");
        bills.put("EL-2", "{\"billRef\":\"EL-2\",\"amountMinor\":1000,\"currency\":\"CNY\",\"status\":\"UNPAID\"}");
        bills.put("EL-OLD", "{\"billRef\":\"EL-OLD\",\"amountMinor\":500,\"currency\":\"CNY\",\"status\":\"PAID\"}");
        bills.put("EL-BIG", "{\"billRef\":\"EL-BIG\",\"amountMinor\":9000000,\"currency\":\"CNY\",\"status\":\"UNPAID\"}");
        phones = new AppPhones();
        bus = new RunningBus(phones.busSettings());
        phones.awaitBound();
        admin = RunningBus.adminToken();
        token = phones.register(bus, PAYER);
        assertThat(bus.post("/partners", admin, "{\"partnerId\":\"city-power\",\"name\":\"City Power\",\"kind\":\"MERCHANT\"}").statusCode())
                .isEqualTo(201);
        HttpResponse<String> registered = bus.post("/bills/billers", admin, "{\"billerId\":\"city-power\",\"category\":\"ELECTRICITY\","
                + "\"inquiryUrl\":\"http://127.0.0.1:" + biller.getAddress().getPort() + "/power\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
        phones.close();
        biller.stop(0);
    }

    private long balance(String accountId) throws Exception {
        return JSON.readTree(bus.get("/accounts/" + accountId, admin).body()).path("balanceMinor").asLong();
    }

    @Test
    @Order(1)
    void aBillIsAskedForPaidOnceAndReceipted() throws Exception {
        String power = bus.partnerToken("city-power", "merchant");
        int dot = power.indexOf('.');
        try (jakarta.jms.Connection jms = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort)
                .createConnection(power.substring(0, dot), power.substring(dot + 1))) {
            jakarta.jms.Session session = jms.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.MessageConsumer events = session.createConsumer(session.createTopic("tapbus.partner.city-power.events"));
            jms.start();

            assertThat(JSON.readTree(bus.get("/app/bills/billers", token).body()).path("billers").findValuesAsText("billerId"))
                    .contains("city-power");
            JsonNode bill = JSON.readTree(bus.get("/app/bills/city-power/EL-1", token).body());
            assertThat(bill.path("amountMinor").asLong()).isEqualTo(18650);
            assertThat(bill.path("status").asText()).isEqualTo("UNPAID");
            String account = JSON.readTree(bus.get("/app/accounts", token).body()).path("accounts").get(0).path("accountId").asText();
            long before = balance(account);
            long billerBefore = balance("M-city-power");
            int smsBefore = phones.messagesTo(PAYER);

            HttpResponse<String> paid = bus.post("/app/bills/city-power/EL-1/payments", token, null);
            assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
            JsonNode receipt = JSON.readTree(paid.body());
            assertThat(receipt.path("balanceMinor").asLong()).isEqualTo(before - 18650);
            assertThat(balance(account)).isEqualTo(before - 18650);
            assertThat(balance("M-city-power")).isEqualTo(billerBefore + 18650);

            HttpResponse<String> twice = bus.post("/app/bills/city-power/EL-1/payments", token, null);
            assertThat(twice.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(twice.body()).path("type").asText()).isEqualTo("https://tapbus.io/problems/bill-already-paid");
            assertThat(twice.body()).contains(receipt.path("billPaymentId").asText());
            assertThat(balance(account)).as("nothing paid twice").isEqualTo(before - 18650);
            JsonNode after = JSON.readTree(bus.get("/app/bills/city-power/EL-1", token).body());
            assertThat(after.path("status").asText()).isEqualTo("PAID");
            assertThat(after.path("billPaymentId").asText()).isEqualTo(receipt.path("billPaymentId").asText());

            String id = receipt.path("billPaymentId").asText();
            JsonNode event = null;
            for (int i = 0; i < 20 && event == null; i++) {
                jakarta.jms.TextMessage m = (jakarta.jms.TextMessage) events.receive(1000);
                if (m != null && m.getText().contains(id)) {
                    event = JSON.readTree(m.getText());
                }
            }
            assertThat(event).as("the biller's bill.paid event").isNotNull();
            assertThat(event.path("type").asText()).isEqualTo("bill.paid");
            assertThat(event.path("data").path("billRef").asText()).isEqualTo("EL-1");
            long until = System.currentTimeMillis() + 20_000;
            while (phones.messagesTo(PAYER) <= smsBefore && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
            assertThat(phones.textTo(PAYER, smsBefore)).contains(id).contains("186.50 CNY").contains("EL-1");
        }
    }

    @Test
    @Order(2)
    void twoPaymentsOfOneBillRacingPayItOnce() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.List<java.util.concurrent.Callable<Integer>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> bus.post("/app/bills/city-power/EL-2/payments", token, null).statusCode());
        }
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<Integer> f : pool.invokeAll(calls)) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(7);
    }

    @Test
    @Order(3)
    void billsTheBusCannotPayAreRefusedWithTheirReason() throws Exception {
        assertThat(bus.get("/app/bills/city-power/EL-NONE", token).body()).contains("bill-not-found");
        assertThat(bus.get("/app/bills/city-gas/EL-1", token).body()).contains("biller-unknown");
        HttpResponse<String> paidElsewhere = bus.post("/app/bills/city-power/EL-OLD/payments", token, null);
        assertThat(paidElsewhere.statusCode()).isEqualTo(409);
        assertThat(paidElsewhere.body()).contains("bill-already-paid");
        HttpResponse<String> big = bus.post("/app/bills/city-power/EL-BIG/payments", token, null);
        assertThat(big.statusCode()).isEqualTo(409);
        assertThat(big.body()).contains("insufficient-funds");
        assertThat(bus.post("/bills/billers", admin, "{\"billerId\":\"demo-maker\",\"category\":\"WATER\",\"inquiryUrl\":\"http://127.0.0.1:1\"}")
                .statusCode()).as("a manufacturer is no biller").isEqualTo(409);
        assertThat(bus.post("/bills/billers", admin, "{\"billerId\":\"city-power\",\"category\":\"STEAM\",\"inquiryUrl\":\"http://127.0.0.1:1\"}")
                .statusCode()).isEqualTo(400);
        biller.stop(0);
        HttpResponse<String> down = bus.get("/app/bills/city-power/EL-2", token);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("biller-unavailable");
    }
}
