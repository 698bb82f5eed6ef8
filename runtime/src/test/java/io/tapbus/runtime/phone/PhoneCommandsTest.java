package io.tapbus.runtime.phone;

import static io.tapbus.runtime.phone.SmsOutboxFlowTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Phones text commands to the bus through a jSMPP SMSC on loopback, and get their replies through the outbox: balance in
 * English and Chinese (UCS-2, concatenated when long), transactions, help, a step-up prompt answered Y and N, blocking
 * a card, and one refusal for a number no one registered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhoneCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "+8613800000001";
    private final int port = RunningBus.freePort();
    private LoopbackSmsc smsc;
    private RunningBus bus;
    private String admin;
    private String issuer;

    @BeforeAll
    void start() throws Exception {
        smsc = new LoopbackSmsc(port);
        bus = new RunningBus(Map.of("tapbus.smsc.local.port", String.valueOf(port), "tapbus.phone.poll-ms", "50",
                "tapbus.smsc.local.reconnect-first-ms", "100", "tapbus.events.relay-period-ms", "100"));
        admin = RunningBus.adminToken();
        HttpResponse<String> cred = bus.post("/partners/demo-bank/credentials", admin, "{\"roles\":[\"issuer\"]}");
        issuer = JSON.readTree(cred.body()).path("token").asText();
        await(() -> smsc.binds.get() > 0);
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
        smsc.close();
    }

    private String ask(String from, String text) throws Exception {
        int before = smsc.partsTo(from);
        smsc.incoming(from, text);
        await(() -> smsc.partsTo(from) > before);
        Thread.sleep(300); // the other parts of a long reply
        return smsc.textTo(from, before);
    }

    @Test
    @Order(1)
    void balanceInEnglishAndChinese() throws Exception {
        assertThat(ask(USER, "BAL")).contains("Card ****E5F6: ").contains(" CNY");
        assertThat(ask(USER, " bal ")).contains("****E5F6");
        String zh = ask(USER, "余额");
        assertThat(zh).contains("卡****E5F6 余额：").contains("元");
        LoopbackSmsc.Accepted last = smsc.accepted.get(smsc.accepted.size() - 1);
        assertThat(last.dataCoding()).isEqualTo(8);
    }

    @Test
    @Order(2)
    void helpAndUnknownCommandsGetTheCommandList() throws Exception {
        assertThat(ask(USER, "HELP")).contains("BAL").contains("TX").contains("BLOCK").contains("HELP");
        assertThat(ask(USER, "WHAT?")).contains("BAL");
        int before = smsc.partsTo(USER);
        String zh = ask(USER, "帮助");
        assertThat(zh).contains("余额").contains("明细").contains("挂失");
        assertThat(smsc.partsTo(USER) - before).as("UCS-2 in concatenated parts").isGreaterThanOrEqualTo(1);
        assertThat(ask(USER, "明细")).contains("卡****E5F6");
    }

    @Test
    @Order(3)
    void aStepUpPromptIsAnsweredWithYAndAnotherWithNo() throws Exception {
        int before = smsc.partsTo(USER);
        String paymentId = stepUp("sms-y-1");
        await(() -> smsc.textTo(USER, before).contains("Reply Y or N"));
        String prompt = smsc.textTo(USER, before);
        assertThat(prompt).contains("350.00");
        assertThat(ask(USER, "Y")).contains("Payment confirmed");
        assertThat(payment(paymentId).path("status").asText()).isEqualTo("APPROVED");
        JsonNode sms = JSON.readTree(bus.get("/sms?correlation=stepup:" + paymentId, admin).body()).get("messages");
        assertThat(sms).hasSize(1);

        String refused = stepUp("sms-n-1");
        await(() -> payment(refused) != null);
        await(() -> {
            try {
                return JSON.readTree(bus.get("/sms?correlation=stepup:" + refused, admin).body()).get("messages").size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(ask(USER, "否")).contains("已拒绝");
        JsonNode declined = payment(refused);
        assertThat(declined.path("status").asText()).isEqualTo("DECLINED");
        assertThat(declined.path("reasons").toString()).contains("STEP_UP_REFUSED");
        assertThat(ask(USER, "Y")).contains("No payment waits");
    }

    @Test
    @Order(4)
    void anUnregisteredNumberGetsOnePoliteRefusal() throws Exception {
        String stranger = "+8613700000099";
        assertThat(ask(stranger, "BAL")).contains("not registered");
        smsc.incoming(stranger, "BAL");
        smsc.incoming(stranger, "HELP");
        Thread.sleep(1000);
        assertThat(smsc.partsTo(stranger)).isEqualTo(1);
    }

    @Test
    @Order(5)
    void blockBlocksTheCardsOfTheNumber() throws Exception {
        assertThat(ask("+8613800000003", "BLOCK")).contains("is blocked");
        JsonNode card = JSON.readTree(bus.get("/cards/" + DemoSeeder.BANK_CARD, admin).body());
        assertThat(card.path("status").asText()).isEqualTo("BLOCKED");
        assertThat(ask("+8613800000003", "挂失")).contains("没有可挂失的卡");
    }

    private String stepUp(String key) throws Exception {
        HttpResponse<String> r = bus.post("/payments", issuer, "{\"msisdn\":\"" + USER
                + "\",\"merchantId\":\"demo-cafe\",\"amountMinor\":35000,\"currency\":\"CNY\",\"idempotencyKey\":\"" + key
                + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode outcome = JSON.readTree(r.body());
        assertThat(outcome.path("status").asText()).as(r.body()).isEqualTo("STEP_UP");
        return outcome.path("paymentId").asText();
    }

    private JsonNode payment(String id) {
        try {
            return JSON.readTree(bus.get("/payments/" + id, issuer).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
