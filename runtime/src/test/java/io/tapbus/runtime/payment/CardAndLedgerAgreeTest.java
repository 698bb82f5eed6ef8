package io.tapbus.runtime.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.connector.reader.PaymentResponse;
import io.tapbus.runtime.db.Database;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.runtime.write.WritePath;
import io.tapbus.samples.bank.Mode;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Card and platform agree (issue #11 item 4): the ways a payment of docs/payments.md is decided (approved, declined,
 * step-up confirmed or expired, the bank timing out), with a simulated TapBus card whose balance lives on between
 * taps. After each, the balance on the card is the balance of its account, money moved at most once, and the card's
 * history says why. Card writes that fail and reversals: CardWriteAgreesTest.
 */
class CardAndLedgerAgreeTest extends CardAndLedgerFixture {
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
}
