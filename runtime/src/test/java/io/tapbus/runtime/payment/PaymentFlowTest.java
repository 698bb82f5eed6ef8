package io.tapbus.runtime.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.card.pcsc.CardReaderAgent;
import io.tapbus.connector.card.pcsc.CardSession;
import io.tapbus.connector.card.pcsc.CardTap;
import io.tapbus.connector.card.pcsc.TapResult;
import io.tapbus.connector.card.sim.CardProfile;
import io.tapbus.connector.card.sim.SimulatedCard;
import io.tapbus.connector.card.sim.SimulatedReaders;
import io.tapbus.connector.card.sim.TapBusPaymentApplet;
import io.tapbus.connector.card.sim.TapBusSimProvider;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Payments in a running bus: a simulated TapBus card (through javax.smartcardio) makes real ARQCs with the demo
 * issuer key; the bus checks them, decides with the payment-authorize rules, settles stored value, answers with an
 * ARPC the card accepts; step-ups are confirmed over the phone API; repeats answer the same and post once.
 */
class PaymentFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] DEMO_IMK = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
    private static final String READER = "TapBus Sim Reader 0";
    private static final AtomicInteger UN = new AtomicInteger(1);
    private static RunningBus bus;
    private static PaymentService payments;
    private static String admin;
    private static String issuer;
    private static SimulatedReaders readers;
    private static TapBusPaymentApplet applet;
    private static CardReaderAgent agent;

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus();
        payments = bus.app().context().getRegistry().lookupByNameAndType("paymentService", PaymentService.class);
        admin = RunningBus.adminToken();
        issuer = bus.partnerToken("demo-bank", "issuer");
        readers = new SimulatedReaders(READER);
        applet = new TapBusPaymentApplet(CardProfile.personalise(DEMO_IMK, new CardId(DemoSeeder.ACTIVE_CARD_PAN, "00"),
                YearMonth.of(2030, 12)), 0x0010, 0);
        readers.terminal(READER).insert(SimulatedCard.withApplet(applet));
        agent = CardReaderAgent.forTerminal(TerminalFactory.getInstance(TapBusSimProvider.TYPE, readers, new TapBusSimProvider()), READER);
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    /** The card in the simulated reader answers GENERATE AC for this amount. */
    private static CardTap tap(CardSession session, long amountMinor) {
        byte[] un = HEX.parseHex(String.format("%08X", UN.getAndIncrement()));
        TapResult result = session.pay(TransactionData.purchase(amountMinor, 156, 156, LocalDate.now(), un));
        assertThat(result.status()).as(result.toString()).isEqualTo(TapResult.Status.TAPPED);
        return result.tap();
    }

    private static PaymentCommand command(String key, CardTap tap, long amountMinor) {
        return new PaymentCommand("READER", "reader:R-DEMO-1:" + key, "demo-shop", "R-DEMO-1", null, tap.card().pan(), tap.card().psn(),
                tap.atc(), tap.arqc(), tap.arqcInput().bytes(), null, amountMinor, "CNY", false);
    }

    private static long accountBalance() throws Exception {
        JsonNode card = JSON.readTree(bus.get("/cards/" + DemoSeeder.ACTIVE_CARD, admin).body());
        return JSON.readTree(bus.get("/accounts/" + card.path("accountId").asText(), admin).body()).path("balanceMinor").asLong();
    }

    @Test
    void anApprovedCardPaymentSettlesOnceAndTheCardAcceptsTheArpc() throws Exception {
        try (CardSession session = agent.awaitCard(Duration.ofSeconds(2)).orElseThrow()) {
            long before = accountBalance();
            CardTap tap = tap(session, 1250);
            PaymentOutcome first = payments.pay(command("approve-1", tap, 1250));
            PaymentOutcome repeat = payments.pay(command("approve-1", tap, 1250));

            assertThat(first.status()).as(first.reasons().toString()).isEqualTo(PaymentStatus.APPROVED);
            assertThat(repeat.paymentId()).isEqualTo(first.paymentId());
            assertThat(repeat.arpc()).isEqualTo(first.arpc());
            assertThat(accountBalance()).as("posted once").isEqualTo(before - 1250);
            assertThat(first.balanceMinor()).isEqualTo(before - 1250);
            assertThat(session.sendArpc(HEX.parseHex(first.arpc()), HEX.parseHex(first.csu()))).isEqualTo(0x9000);
            assertThat(session.writeBalance(first.balanceMinor())).isEqualTo(0x9000);
            assertThat(session.readBalance()).contains(before - 1250);
        }
    }

    @Test
    void aPaymentToAnUnknownMerchantIsRefusedWithADomainErrorAndRecordsNothing() throws Exception {
        try (CardSession session = agent.awaitCard(Duration.ofSeconds(2)).orElseThrow()) {
            CardTap tap = tap(session, 500);
            PaymentCommand toNobody = new PaymentCommand("READER", "reader:R-DEMO-1:nobody-1", "no-such-shop", "R-DEMO-1", null,
                    tap.card().pan(), tap.card().psn(), tap.atc(), tap.arqc(), tap.arqcInput().bytes(), null, 500, "CNY", false);
            assertThatThrownBy(() -> payments.pay(toNobody))
                    .isInstanceOfSatisfying(io.tapbus.runtime.domain.DomainError.class, e -> {
                        assertThat(e.code()).isEqualTo(io.tapbus.runtime.domain.DomainError.Code.NOT_FOUND);
                        assertThat(e.getMessage()).isEqualTo("merchant no-such-shop not found");
                    });
            // nothing recorded: the card's ATC is still unused, so the same tap pays at a real merchant
            PaymentOutcome paid = payments.pay(command("nobody-2", tap, 500));
            assertThat(paid.status()).as(paid.reasons().toString()).isEqualTo(PaymentStatus.APPROVED);
        }
    }

    @Test
    void forgedReplayedAndAlteredCryptogramsAreDeclinedAndMoveNoMoney() throws Exception {
        try (CardSession session = agent.awaitCard(Duration.ofSeconds(2)).orElseThrow()) {
            long before = accountBalance();
            CardTap tap = tap(session, 800);
            byte[] forged = tap.arqc().clone();
            forged[7] ^= 0x01;
            PaymentCommand genuine = command("forgery-0", tap, 800);
            PaymentOutcome forgedOutcome = payments.pay(new PaymentCommand("READER", "reader:R-DEMO-1:forgery-1", "demo-shop", "R-DEMO-1",
                    null, genuine.pan(), genuine.psn(), genuine.atc(), forged, genuine.arqcInput(), null, 800, "CNY", false));
            PaymentOutcome altered = payments.pay(command("forgery-2", tap, 80));
            PaymentOutcome accepted = payments.pay(genuine);
            PaymentOutcome replayed = payments.pay(command("forgery-3", tap, 800));

            assertThat(forgedOutcome.reasons()).extracting(r -> r.code()).containsExactly("CRYPTOGRAM_INVALID");
            assertThat(altered.reasons()).extracting(r -> r.code()).as("the card MACed 8.00, not 0.80").containsExactly("CRYPTOGRAM_INVALID");
            assertThat(accepted.status()).isEqualTo(PaymentStatus.APPROVED);
            assertThat(replayed.status()).isEqualTo(PaymentStatus.DECLINED);
            assertThat(replayed.reasons()).extracting(r -> r.code()).containsExactly("ATC_REPLAYED");
            assertThat(accountBalance()).isEqualTo(before - 800);
        }
    }

    @Test
    void aPaymentOverTheStepUpLimitWaitsForThePhoneThenTheReaderGetsTheApproval() throws Exception {
        try (CardSession session = agent.awaitCard(Duration.ofSeconds(2)).orElseThrow()) {
            long before = accountBalance();
            CardTap tap = tap(session, 35_000);
            PaymentOutcome waiting = payments.pay(command("stepup-1", tap, 35_000));
            assertThat(waiting.status()).isEqualTo(PaymentStatus.STEP_UP);
            assertThat(waiting.arpc()).as("no ARPC before the confirmation").isNull();
            assertThat(accountBalance()).isEqualTo(before);

            HttpResponse<String> wrongPhone = bus.post("/payments/" + waiting.paymentId() + "/confirm", issuer, "{\"msisdn\":\"+8613800000002\"}");
            assertThat(wrongPhone.statusCode()).as("another user's phone").isEqualTo(404);
            HttpResponse<String> confirmed = bus.post("/payments/" + waiting.paymentId() + "/confirm", issuer, "{\"msisdn\":\"+8613800000001\"}");
            assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
            assertThat(JSON.readTree(confirmed.body()).path("status").asText()).isEqualTo("APPROVED");

            PaymentOutcome readerAsksAgain = payments.pay(command("stepup-1", tap, 35_000));
            assertThat(readerAsksAgain.status()).isEqualTo(PaymentStatus.APPROVED);
            assertThat(readerAsksAgain.paymentId()).isEqualTo(waiting.paymentId());
            assertThat(accountBalance()).isEqualTo(before - 35_000);
            assertThat(session.sendArpc(HEX.parseHex(readerAsksAgain.arpc()), HEX.parseHex(readerAsksAgain.csu()))).isEqualTo(0x9000);
        }
    }

    @Test
    void thePhonePaysByQrOnceAndTheMerchantSeesIt() throws Exception {
        String cafe = bus.partnerToken("demo-cafe", "merchant");
        int dot = cafe.indexOf('.');
        jakarta.jms.Connection jms = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort)
                .createConnection(cafe.substring(0, dot), cafe.substring(dot + 1));
        jakarta.jms.Session session = jms.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
        jakarta.jms.MessageConsumer merchantEvents = session.createConsumer(session.createTopic("tapbus.partner.demo-cafe.events"));
        jms.start();
        long before = accountBalance();
        String body = "{\"msisdn\":\"+8613800000001\",\"qr\":\"tapbus://pay?merchant=demo-cafe&amount=1800&currency=CNY\",\"idempotencyKey\":\"qr-1\"}";
        HttpResponse<String> first = bus.post("/payments", issuer, body);
        HttpResponse<String> again = bus.post("/payments", issuer, body);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode paid = JSON.readTree(first.body());
        assertThat(paid.path("status").asText()).isEqualTo("APPROVED");
        assertThat(JSON.readTree(again.body()).path("paymentId").asText()).isEqualTo(paid.path("paymentId").asText());
        assertThat(accountBalance()).isEqualTo(before - 1800);
        JsonNode history = JSON.readTree(bus.get("/cards/" + DemoSeeder.ACTIVE_CARD + "/history", admin).body());
        assertThat(history.toString()).contains(paid.path("paymentId").asText());
        JsonNode event = null;
        for (int i = 0; i < 20 && event == null; i++) {
            jakarta.jms.TextMessage m = (jakarta.jms.TextMessage) merchantEvents.receive(2000);
            if (m != null && m.getText().contains(paid.path("paymentId").asText())) {
                event = JSON.readTree(m.getText());
            }
        }
        jms.close();
        assertThat(event).as("the merchant's own event for the payment").isNotNull();
        assertThat(event.path("type").asText()).isEqualTo("payment.approved");
        assertThat(event.path("data").path("amountMinor").asLong()).isEqualTo(1800);
        assertThat(event.toString()).doesNotContain(DemoSeeder.ACTIVE_CARD_PAN);

        assertThat(bus.post("/payments", issuer, "{\"msisdn\":\"+8613800000001\",\"qr\":\"https://evil.example/pay\",\"idempotencyKey\":\"qr-2\"}")
                .statusCode()).isEqualTo(400);
        assertThat(bus.post("/payments", issuer, "{\"msisdn\":\"+8613800000001\",\"merchantId\":\"demo-cafe\",\"amountMinor\":100}")
                .statusCode()).as("no idempotency key").isEqualTo(400);
        HttpResponse<String> notACurrency = bus.post("/payments", issuer,
                "{\"msisdn\":\"+8613800000001\",\"merchantId\":\"demo-cafe\",\"amountMinor\":100,\"currency\":\"XYZ\",\"idempotencyKey\":\"qr-3\"}");
        assertThat(notACurrency.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notACurrency.body()).path("detail").asText()).contains("ISO 4217");
        HttpResponse<String> fraction = bus.post("/payments", issuer,
                "{\"msisdn\":\"+8613800000001\",\"merchantId\":\"demo-cafe\",\"amountMinor\":12.5,\"idempotencyKey\":\"qr-4\"}");
        assertThat(fraction.statusCode()).as("a phone payment of 12.5 is refused, not rounded to 12").isEqualTo(400);
        assertThat(JSON.readTree(fraction.body()).path("detail").asText()).contains("amountMinor");
        for (String amount : new String[] {"0", "-100"}) {
            HttpResponse<String> notPositive = bus.post("/payments", issuer,
                    "{\"msisdn\":\"+8613800000001\",\"merchantId\":\"demo-cafe\",\"amountMinor\":" + amount + ",\"idempotencyKey\":\"qr-5" + amount + "\"}");
            assertThat(notPositive.statusCode()).as("a payment of %s is refused, not declined", amount).isEqualTo(400);
            assertThat(JSON.readTree(notPositive.body()).path("detail").asText()).contains("amountMinor").contains("positive");
        }
    }

    @Test
    void eightConcurrentRepeatsOfOnePaymentGetOneAnswerAndMoveMoneyOnce() throws Exception {
        long before = accountBalance();
        PaymentCommand phone = new PaymentCommand("PHONE", "phone:test:concurrent-1", "demo-cafe", null, null, null, null, null, null, null,
                "+8613800000001", 700, "CNY", false);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<PaymentOutcome>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> payments.pay(phone)));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (java.util.concurrent.Future<PaymentOutcome> answer : answers) {
                PaymentOutcome outcome = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(outcome.status()).as(outcome.reasons().toString()).isEqualTo(PaymentStatus.APPROVED);
                ids.add(outcome.paymentId());
            }
            assertThat(ids).as("one payment, whoever asked").hasSize(1);
        } finally {
            pool.shutdown();
        }
        assertThat(accountBalance()).isEqualTo(before - 700);
    }

    @Test
    void aBankFundedCardIsDeclinedWhenNoBankLinkIsConfigured() throws Exception {
        TapBusPaymentApplet bankCard = new TapBusPaymentApplet(CardProfile.personalise(DEMO_IMK, new CardId(DemoSeeder.BANK_CARD_PAN, "00"),
                YearMonth.of(2030, 12)), 0x0001, 0);
        SimulatedReaders other = new SimulatedReaders("Bank Card Reader");
        other.terminal("Bank Card Reader").insert(SimulatedCard.withApplet(bankCard));
        CardReaderAgent bankAgent = CardReaderAgent.forTerminal(
                TerminalFactory.getInstance(TapBusSimProvider.TYPE, other, new TapBusSimProvider()), "Bank Card Reader");
        try (CardSession session = bankAgent.awaitCard(Duration.ofSeconds(2)).orElseThrow()) {
            CardTap tap = tap(session, 2000);
            PaymentOutcome outcome = payments.pay(command("bank-1", tap, 2000));
            assertThat(outcome.status()).isEqualTo(PaymentStatus.DECLINED);
            assertThat(outcome.reasons()).extracting(r -> r.code()).containsExactly("BANK_LINK_DOWN");
            assertThat(outcome.arpc()).as("a declining ARPC still authenticates the issuer to the card").isNotNull();
            assertThat(outcome.csu()).isEqualTo("00000000");
        }
    }
}
