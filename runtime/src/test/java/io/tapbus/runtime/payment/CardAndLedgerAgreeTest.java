package io.tapbus.runtime.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.card.pcsc.CardTap;
import io.tapbus.connector.reader.CardWrite;
import io.tapbus.connector.reader.CardWriteAck;
import io.tapbus.connector.reader.CardWriteResult;
import io.tapbus.connector.reader.PaymentResponse;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.db.Database;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.runtime.pos.PosClient;
import io.tapbus.runtime.write.WritePath;
import io.tapbus.samples.bank.BankSimulator;
import io.tapbus.samples.bank.Mode;
import io.tapbus.samples.bank.SimulatorOptions;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Card and platform agree (issue #11 item 4): every way a payment of docs/payments.md ends, with a simulated TapBus
 * card whose balance lives on between taps, the reader protocol, the phone API and a chained POS. After each, the
 * balance on the card is the balance of its account, money moved at most once, and the card's history says why.
 */
class CardAndLedgerAgreeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final AtomicInteger STAN = new AtomicInteger(100);
    private static BankSimulator bank;
    private static RunningBus bus;
    private static int posPort;
    private static String admin;
    private static String issuer;
    private static CardAtReader card;
    private static CardAtReader bankCard;

    @BeforeAll
    static void start() throws Exception {
        bank = new BankSimulator(SimulatorOptions.parse(new String[] {"--port", "0", "--control-port", "off", "--amount-limit", "250000"}),
                line -> { }).start();
        posPort = RunningBus.freePort();
        bus = new RunningBus(Map.of("tapbus.bank.enabled", "true", "tapbus.bank.port", String.valueOf(bank.port()),
                "tapbus.bank.timeout-ms", "1000", "tapbus.bank.reversal-retry-seconds", "1", "tapbus.pos.port", String.valueOf(posPort)));
        admin = RunningBus.adminToken();
        HttpResponse<String> cred = bus.post("/partners/demo-bank/credentials", admin, "{\"roles\":[\"issuer\"]}");
        assertThat(cred.statusCode()).as(cred.body()).isEqualTo(201);
        issuer = JSON.readTree(cred.body()).path("token").asText();
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

    private static String id(String what) {
        return what + "-" + IDS.incrementAndGet();
    }

    private static long ledger(String cardUid) throws Exception {
        JsonNode found = JSON.readTree(bus.get("/cards/" + cardUid, admin).body());
        return JSON.readTree(bus.get("/accounts/" + found.path("accountId").asText(), admin).body()).path("balanceMinor").asLong();
    }

    private static JsonNode history(String cardUid) throws Exception {
        return JSON.readTree(bus.get("/cards/" + cardUid + "/history", admin).body()).path("transactions");
    }

    /** The card's history entry of {@code kind} for the payment (a PAYMENT's correlationId is the payment id). */
    private static JsonNode entry(String cardUid, String kind, String paymentId) throws Exception {
        String correlation = kind.equals("REVERSAL") ? "reversal:" + paymentId : paymentId;
        for (JsonNode e : history(cardUid)) {
            if (kind.equals(e.path("kind").asText()) && correlation.equals(e.path("correlationId").asText())) {
                return e;
            }
        }
        throw new AssertionError("no " + kind + " of " + paymentId + " in " + history(cardUid));
    }

    private static void assertCardAgrees(String cardUid, CardAtReader onCard, long expected) throws Exception {
        assertThat(ledger(cardUid)).as("the account").isEqualTo(expected);
        assertThat(onCard.balance()).as("the card holds what the account holds").isEqualTo(expected);
    }

    private static JsonNode confirm(String paymentId, String msisdn) throws Exception {
        HttpResponse<String> r = bus.post("/payments/" + paymentId + "/confirm", issuer, "{\"msisdn\":\"" + msisdn + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static Iterable<String> codes(PaymentResponse response) {
        return response.reasons().stream().map(TapResponse.Reason::code).toList();
    }

    // ---- the paths of docs/payments.md ----

    @Test
    void approved_theCardTakesTheArpcAndTheAccountsBalance() throws Exception {
        long before = ledger(DemoSeeder.ACTIVE_CARD);
        CardAtReader.Tap tap = card.pay(id("approved"), 1250, null, CardAtReader.Finish.ALL);

        assertThat(tap.response().verdict()).as(tap.response().toString()).isEqualTo(PaymentResponse.Verdict.APPROVED);
        assertThat(tap.arpcSw()).isEqualTo(0x9000);
        assertThat(tap.writeSw()).isEqualTo(0x9000);
        assertThat(tap.ack().recorded()).isTrue();
        assertCardAgrees(DemoSeeder.ACTIVE_CARD, card, before - 1250);
        assertThat(entry(DemoSeeder.ACTIVE_CARD, "PAYMENT", tap.response().transactionId()).path("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void declined_theCardLearnsTheDeclineAndNothingMoves() throws Exception {
        long before = ledger(DemoSeeder.ACTIVE_CARD);
        CardAtReader.Tap tap = card.pay(id("declined"), 900, "7995", CardAtReader.Finish.ALL);

        assertThat(tap.response().verdict()).isEqualTo(PaymentResponse.Verdict.DECLINED);
        assertThat(codes(tap.response())).contains("MERCHANT_CATEGORY_BLOCKED");
        assertThat(tap.response().csu()).as("a declining card status update").isEqualTo("00000000");
        assertThat(tap.arpcSw()).as("the card authenticates the issuer's decline").isEqualTo(0x9000);
        assertThat(tap.response().cardWrites()).isEmpty();
        assertCardAgrees(DemoSeeder.ACTIVE_CARD, card, before);
        assertThat(entry(DemoSeeder.ACTIVE_CARD, "PAYMENT", tap.response().transactionId()).path("reasons").toString())
                .contains("MERCHANT_CATEGORY_BLOCKED");
    }

    /** The reported bug: the repeat after the phone's confirmation is a new card session, and the card took its ARPC. */
    @Test
    void stepUpConfirmed_theRepeatFromANewTapGetsAnArpcTheCardAccepts_andTheAmountIsTakenOnce() throws Exception {
        long before = ledger(DemoSeeder.ACTIVE_CARD);
        String correlationId = id("step-up");
        CardAtReader.Tap first = card.pay(correlationId, 35_000, null, CardAtReader.Finish.CARD_LEAVES);
        assertThat(first.response().verdict()).isEqualTo(PaymentResponse.Verdict.STEP_UP_REQUIRED);
        assertThat(first.response().arpc()).as("no approving ARPC before the confirmation").isNull();
        assertCardAgrees(DemoSeeder.ACTIVE_CARD, card, before);

        String paymentId = first.response().transactionId();
        assertThat(confirm(paymentId, "+8613800000001").path("status").asText()).isEqualTo("APPROVED");
        assertThat(ledger(DemoSeeder.ACTIVE_CARD)).as("taken at the confirmation").isEqualTo(before - 35_000);

        // the card holder taps again: new ATC, new unpredictable number, new ARQC; the reader's reply is lost once
        CardAtReader.Tap again = card.pay(correlationId, 35_000, null, CardAtReader.Finish.REPLY_LOST_THEN_ALL);
        assertThat(again.request().atc()).isNotEqualTo(first.request().atc());
        assertThat(again.response().verdict()).isEqualTo(PaymentResponse.Verdict.APPROVED);
        assertThat(again.response().transactionId()).isEqualTo(paymentId);
        assertThat(again.arpcSw()).as("the ARPC is over the new ARQC: the card accepts it").isEqualTo(0x9000);
        assertThat(again.writeSw()).isEqualTo(0x9000);
        assertThat(again.ack().recorded()).isTrue();
        assertCardAgrees(DemoSeeder.ACTIVE_CARD, card, before - 35_000);

        // the new tap's ATC was taken: the same cryptogram as another payment is a replay
        PaymentResponse replayed = card.ask(CardAtReader.withCorrelationId(again.request(), id("replay")));
        assertThat(replayed.verdict()).isEqualTo(PaymentResponse.Verdict.DECLINED);
        assertThat(codes(replayed)).contains("ATC_REPLAYED");
        assertCardAgrees(DemoSeeder.ACTIVE_CARD, card, before - 35_000);
    }

    @Test
    void stepUpNotConfirmedInTime_theNewTapIsDeclinedAndNothingMoves() throws Exception {
        long before = ledger(DemoSeeder.ACTIVE_CARD);
        String correlationId = id("expired");
        CardAtReader.Tap first = card.pay(correlationId, 40_000, null, CardAtReader.Finish.CARD_LEAVES);
        String paymentId = first.response().transactionId();
        assertThat(first.response().verdict()).isEqualTo(PaymentResponse.Verdict.STEP_UP_REQUIRED);
        HttpResponse<String> otherPhone = bus.post("/payments/" + paymentId + "/confirm", issuer, "{\"msisdn\":\"+8613800000002\"}");
        assertThat(otherPhone.statusCode()).as("only the card holder's phone confirms").isEqualTo(404);
        // the card holder lets the time run out
        bus.app().context().getRegistry().lookupByNameAndType("writePath", WritePath.class).catchUp();
        bus.app().context().getRegistry().lookupByNameAndType("database", Database.class).jdbi().useHandle(h -> h.execute(
                "UPDATE payment SET step_up_expires_at = ? WHERE payment_id = ?", Timestamp.from(Instant.now().minusSeconds(1)), paymentId));

        CardAtReader.Tap again = card.pay(correlationId, 40_000, null, CardAtReader.Finish.ALL);
        assertThat(again.response().verdict()).isEqualTo(PaymentResponse.Verdict.DECLINED);
        assertThat(codes(again.response())).contains("STEP_UP_EXPIRED");
        assertThat(again.arpcSw()).as("the decline is authenticated to the card").isEqualTo(0x9000);
        assertThat(again.response().cardWrites()).isEmpty();
        assertThat(confirm(paymentId, "+8613800000001").path("status").asText()).as("too late").isEqualTo("EXPIRED");
        assertCardAgrees(DemoSeeder.ACTIVE_CARD, card, before);
    }

    @Test
    void aFailedCardWrite_isReportedAndThePaymentReversed_soTheCardsOldBalanceIsRightAgain() throws Exception {
        long before = ledger(DemoSeeder.ACTIVE_CARD);
        CardAtReader.Tap torn = card.pay(id("torn"), 2000, null, CardAtReader.Finish.CARD_LEAVES_BEFORE_WRITE);
        assertThat(torn.response().verdict()).isEqualTo(PaymentResponse.Verdict.APPROVED);
        assertThat(torn.arpcSw()).isEqualTo(0x9000);
        assertThat(torn.ack().recorded()).isTrue();
        assertCardAgrees(DemoSeeder.ACTIVE_CARD, card, before);
        JsonNode reversal = entry(DemoSeeder.ACTIVE_CARD, "REVERSAL", torn.response().transactionId());
        assertThat(reversal.path("reasons").toString()).contains("CARD_WRITE_FAILED").contains("the card left");
        assertThat(reversal.path("amountMinor").asLong()).isEqualTo(2000);

        // the report again (a reader that repeats itself), and the same payment asked again: nothing moves twice
        CardWriteAck repeated = card.report(new CardWriteResult(torn.response().transactionId(), CardWrite.Kind.BALANCE, null, false, null,
                "not written: the card left"));
        assertThat(repeated.recorded()).isTrue();
        PaymentResponse askedAgain = card.ask(torn.request());
        assertThat(askedAgain.verdict()).as("reversed").isEqualTo(PaymentResponse.Verdict.DECLINED);
        assertThat(askedAgain.cardWrites()).isEmpty();
        assertCardAgrees(DemoSeeder.ACTIVE_CARD, card, before);
    }

    @Test
    void aStaleFailureReportAfterTheCardWasWritten_reversesNothing() throws Exception {
        long before = ledger(DemoSeeder.ACTIVE_CARD);
        CardAtReader.Tap tap = card.pay(id("written"), 600, null, CardAtReader.Finish.ALL);
        assertThat(tap.writeSw()).isEqualTo(0x9000);
        CardWriteAck stale = card.report(new CardWriteResult(tap.response().transactionId(), CardWrite.Kind.BALANCE, null, false, "6985",
                null));
        assertThat(stale.recorded()).isTrue();
        assertCardAgrees(DemoSeeder.ACTIVE_CARD, card, before - 600);
        assertThat(history(DemoSeeder.ACTIVE_CARD).toString()).doesNotContain("reversal:" + tap.response().transactionId());
    }

    @Test
    void theReadersReplyLost_theCardComesBack_andGetsTheApprovalItCanCheck() throws Exception {
        long before = ledger(DemoSeeder.ACTIVE_CARD);
        String correlationId = id("lost");
        CardAtReader.Tap gone = card.pay(correlationId, 700, null, CardAtReader.Finish.CARD_LEAVES);
        assertThat(gone.response().verdict()).isEqualTo(PaymentResponse.Verdict.APPROVED);
        assertThat(ledger(DemoSeeder.ACTIVE_CARD)).isEqualTo(before - 700);

        CardAtReader.Tap back = card.pay(correlationId, 700, null, CardAtReader.Finish.ALL);
        assertThat(back.response().transactionId()).isEqualTo(gone.response().transactionId());
        assertThat(back.response().arpc()).isNotEqualTo(gone.response().arpc());
        assertThat(back.arpcSw()).isEqualTo(0x9000);
        assertThat(back.writeSw()).isEqualTo(0x9000);
        assertCardAgrees(DemoSeeder.ACTIVE_CARD, card, before - 700);
    }

    @Test
    void aNewTapWhoseCryptogramDoesNotCheckOut_getsNoArpc_andTheFailedWriteIsReconciled() throws Exception {
        long before = ledger(DemoSeeder.ACTIVE_CARD);
        String correlationId = id("other-amount");
        CardAtReader.Tap gone = card.pay(correlationId, 800, null, CardAtReader.Finish.CARD_LEAVES);
        assertThat(gone.response().verdict()).isEqualTo(PaymentResponse.Verdict.APPROVED);

        // the same correlationId for another amount: not the payment that was approved
        CardAtReader.Tap other = card.pay(correlationId, 8000, null, CardAtReader.Finish.ALL);
        assertThat(other.response().verdict()).isEqualTo(PaymentResponse.Verdict.APPROVED);
        assertThat(other.response().arpc()).isNull();
        assertThat(other.ack().recorded()).isTrue();
        assertCardAgrees(DemoSeeder.ACTIVE_CARD, card, before);
        assertThat(entry(DemoSeeder.ACTIVE_CARD, "REVERSAL", gone.response().transactionId()).path("reasons").toString())
                .contains("CARD_WRITE_FAILED");
    }

    @Test
    void reversed_aChainedPosPurchaseAndItsReversal_leaveTheCardsBalanceRight() throws Exception {
        long before = ledger(DemoSeeder.ACTIVE_CARD);
        Iso8583Message purchase = purchase(card.generateAc(1500), 1500);
        try (PosClient pos = new PosClient(posPort)) {
            assertThat(pos.send(purchase).field(39)).isEqualTo("00");
            assertThat(ledger(DemoSeeder.ACTIVE_CARD)).isEqualTo(before - 1500);
            String field90 = purchase.mti() + purchase.field(11) + purchase.field(7) + "0".repeat(22);
            Iso8583Message reversal = Iso8583Message.of("0400", Map.of(3, "000000", 4, purchase.field(4), 7, "0613000000",
                    11, String.format("%06d", STAN.getAndIncrement()), 41, purchase.field(41), 49, "156", 90, field90));
            assertThat(pos.send(reversal).field(39)).isEqualTo("00");
        }
        assertCardAgrees(DemoSeeder.ACTIVE_CARD, card, before);
        JsonNode reversalEntry = null;
        for (JsonNode e : history(DemoSeeder.ACTIVE_CARD)) {
            if ("REVERSAL".equals(e.path("kind").asText()) && reversalEntry == null) {
                reversalEntry = e;
            }
        }
        assertThat(reversalEntry).isNotNull();
        assertThat(reversalEntry.path("reasons").toString()).contains("REVERSED_BY_TERMINAL");
    }

    @Test
    void timedOut_theBankDidNotAnswer_theCardLearnsTheDecline_andTheHistorySaysWhy() throws Exception {
        long before = ledger(DemoSeeder.BANK_CARD);
        bank.behaviour().mode(Mode.TIMEOUT);
        CardAtReader.Tap tap;
        try {
            tap = bankCard.pay(id("timeout"), 2400, null, CardAtReader.Finish.ALL);
        } finally {
            bank.behaviour().mode(Mode.ANSWER);
        }
        assertThat(tap.response().verdict()).isEqualTo(PaymentResponse.Verdict.DECLINED);
        assertThat(codes(tap.response())).contains("ISSUER_TIMEOUT");
        assertThat(tap.arpcSw()).isEqualTo(0x9000);
        assertThat(tap.response().cardWrites()).isEmpty();
        assertCardAgrees(DemoSeeder.BANK_CARD, bankCard, before);
        assertThat(entry(DemoSeeder.BANK_CARD, "PAYMENT", tap.response().transactionId()).path("reasons").toString())
                .as("the bank's timeout, not the rules' empty approval").contains("ISSUER_TIMEOUT");
    }

    @Test
    void everyHistoryEntryOfAPaymentThatHadReasonsCarriesThem() throws Exception {
        card.pay(id("reasons-declined"), 300, "4829", CardAtReader.Finish.ALL);
        card.pay(id("reasons-torn"), 400, null, CardAtReader.Finish.CARD_LEAVES_BEFORE_WRITE);
        for (JsonNode e : history(DemoSeeder.ACTIVE_CARD)) {
            boolean shouldExplain = "DECLINED".equals(e.path("status").asText()) || "REVERSAL".equals(e.path("kind").asText());
            if (shouldExplain) {
                assertThat(e.path("reasons").isArray() && !e.path("reasons").isEmpty()).as(e.toString()).isTrue();
                for (JsonNode r : e.path("reasons")) {
                    assertThat(r.path("code").asText()).as(e.toString()).isNotBlank();
                    assertThat(r.path("message").asText()).as(e.toString()).isNotBlank();
                }
            }
        }
    }

    /** A POS 0200 for this tap at demo-shop's terminal, field 55 as a terminal builds it. */
    private static Iso8583Message purchase(CardTap tap, long amountMinor) {
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
