package io.tapbus.runtime.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.reader.CardWrite;
import io.tapbus.connector.reader.CardWriteAck;
import io.tapbus.connector.reader.CardWriteResult;
import io.tapbus.connector.reader.PaymentResponse;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.runtime.pos.PosClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Card and platform agree after what happens once a payment is decided: a card write that fails or is reported late,
 * the reader's reply lost, a new tap whose cryptogram does not check out, a chained POS purchase reversed. After each,
 * the balance on the card is the balance of its account and money moved at most once.
 */
class CardWriteAgreesTest extends CardAndLedgerFixture {
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
}
