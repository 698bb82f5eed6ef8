package io.tapbus.runtime.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.card.pcsc.CardTap;
import io.tapbus.connector.reader.PaymentResponse;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.samples.bank.BankSimulator;
import io.tapbus.samples.bank.SimulatorOptions;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the card-and-ledger tests share: a bank host simulator and a running bus chained to it, the demo stored-value
 * and bank-funded cards at a simulated reader (holding what their accounts hold), and the checks that card, account
 * and history agree.
 */
abstract class CardAndLedgerFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HexFormat HEX = HexFormat.of().withUpperCase();
    static final AtomicInteger IDS = new AtomicInteger();
    static final AtomicInteger STAN = new AtomicInteger(100);
    static BankSimulator bank;
    static RunningBus bus;
    static int posPort;
    static String admin;
    static String issuer;
    static CardAtReader card;
    static CardAtReader bankCard;

    @BeforeAll
    static void start() throws Exception {
        bank = new BankSimulator(SimulatorOptions.parse(new String[] {"--port", "0", "--control-port", "off", "--amount-limit", "250000"}),
                line -> { }).start();
        posPort = RunningBus.freePort();
        bus = new RunningBus(Map.of("tapbus.bank.enabled", "true", "tapbus.bank.port", String.valueOf(bank.port()),
                "tapbus.bank.timeout-ms", "1000", "tapbus.bank.reversal-retry-seconds", "1", "tapbus.pos.port", String.valueOf(posPort)));
        admin = RunningBus.adminToken();
        issuer = bus.partnerToken("demo-bank", "issuer");
        long deadline = System.currentTimeMillis() + 10_000;
        while (bank.journal().entries().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50); // the gateway signs on first
        }
        // the cards start as issued: holding what their accounts hold
        card = new CardAtReader(bus, DemoSeeder.ACTIVE_CARD_PAN, 0x0200, ledger(DemoSeeder.ACTIVE_CARD), "Counter 0");
        bankCard = new CardAtReader(bus, DemoSeeder.BANK_CARD_PAN, 0x0200, ledger(DemoSeeder.BANK_CARD), "Counter 1");
    }

    @AfterAll
    static void stop() throws Exception {
        if (bus != null) {
            bus.close();
        }
        if (bank != null) {
            bank.close();
        }
    }

    static String id(String what) {
        return what + "-" + IDS.incrementAndGet();
    }

    static long ledger(String cardUid) throws Exception {
        JsonNode found = JSON.readTree(bus.get("/cards/" + cardUid, admin).body());
        return JSON.readTree(bus.get("/accounts/" + found.path("accountId").asText(), admin).body()).path("balanceMinor").asLong();
    }

    static JsonNode history(String cardUid) throws Exception {
        return JSON.readTree(bus.get("/cards/" + cardUid + "/history", admin).body()).path("transactions");
    }

    /** The card's history entry of {@code kind} for the payment (a PAYMENT's correlationId is the payment id). */
    static JsonNode entry(String cardUid, String kind, String paymentId) throws Exception {
        String correlation = kind.equals("REVERSAL") ? "reversal:" + paymentId : paymentId;
        for (JsonNode e : history(cardUid)) {
            if (kind.equals(e.path("kind").asText()) && correlation.equals(e.path("correlationId").asText())) {
                return e;
            }
        }
        throw new AssertionError("no " + kind + " of " + paymentId + " in " + history(cardUid));
    }

    static void assertCardAgrees(String cardUid, CardAtReader onCard, long expected) throws Exception {
        assertThat(ledger(cardUid)).as("the account").isEqualTo(expected);
        assertThat(onCard.balance()).as("the card holds what the account holds").isEqualTo(expected);
    }

    static JsonNode confirm(String paymentId, String msisdn) throws Exception {
        HttpResponse<String> r = bus.post("/payments/" + paymentId + "/confirm", issuer, "{\"msisdn\":\"" + msisdn + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static Iterable<String> codes(PaymentResponse response) {
        return response.reasons().stream().map(TapResponse.Reason::code).toList();
    }

    /** A POS 0200 for this tap at demo-shop's terminal, field 55 as a terminal builds it. */
    static Iso8583Message purchase(CardTap tap, long amountMinor) {
        String stan = String.format("%06d", STAN.getAndIncrement());
        Map<Integer, String> f = new TreeMap<>();
        f.put(2, tap.card().pan());
        f.put(3, "000000");
        f.put(4, String.format("%012d", amountMinor));
        f.put(7, "0612" + stan);
        f.put(11, stan);
        f.put(22, "071");
        f.put(23, "000");
        f.put(41, DemoSeeder.POS_TERMINAL);
        f.put(42, "DEMOSHOP0000001");
        f.put(49, "156");
        f.put(55, HEX.formatHex(tap.iccData()));
        return Iso8583Message.of("0200", f);
    }
}
