package io.tapbus.runtime.pos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.samples.bank.JournalEntry;
import org.junit.jupiter.api.Test;

/**
 * A chained POS terminal with a bank-funded TapBus card (approved or declined by the bank host simulator in its own
 * codes, step-up above the confirmation limit) and reversals of stored-value and bank-funded purchases, once each.
 */
class PosBankAndReversalTest extends PosChainingFixture {
    @Test
    void aBankFundedCardIsApprovedOrDeclinedByTheBankInItsOwnCode() throws Exception {
        int approvedBefore = bank.journal().entries(JournalEntry.Kind.APPROVED).size();
        try (PosClient pos = pos()) {
            Iso8583Message approved = pos.send(emvPurchase(TERMINAL, bankCard, DemoSeeder.BANK_CARD_PAN, 2000));
            Iso8583Message overBankLimit = pos.send(emvPurchase(TERMINAL, bankCard, DemoSeeder.BANK_CARD_PAN, 2800));

            assertThat(approved.field(39)).as(approved.toString()).isEqualTo("00");
            assertThat(approved.field(38)).hasSize(6);
            assertThat(approved.has(54)).as("no stored value balance for a bank card").isFalse();
            assertThat(bank.journal().entries(JournalEntry.Kind.APPROVED)).hasSize(approvedBefore + 1);
            assertThat(overBankLimit.field(39)).as("the bank's own code (its over-limit code is 51 here)").isEqualTo("51");
        }
    }

    @Test
    void aBankFundedPurchaseAboveTheConfirmationLimitAsksForStepUp() throws Exception {
        int bankRequests = bank.journal().entries().size();
        try (PosClient pos = pos()) {
            Iso8583Message answer = pos.send(emvPurchase(TERMINAL, bankCard, DemoSeeder.BANK_CARD_PAN, 150_000));

            assertThat(answer.field(39)).as("above 1000.00 at a POS: the card holder confirms on the phone").isEqualTo("1A");
        }
        assertThat(bank.journal().entries()).as("the bank is not asked before the confirmation").hasSize(bankRequests);
    }

    @Test
    void aReversalRefundsTheCardOnceAndAnUnknownOriginalGets25() throws Exception {
        long before = balance(DemoSeeder.ACTIVE_CARD);
        long merchantBefore = merchantBalance("demo-shop");
        Iso8583Message purchase = emvPurchase(TERMINAL, storedValueCard, DemoSeeder.ACTIVE_CARD_PAN, 700);
        try (PosClient pos = pos()) {
            assertThat(pos.send(purchase).field(39)).isEqualTo("00");
            assertThat(balance(DemoSeeder.ACTIVE_CARD)).isEqualTo(before - 700);

            Iso8583Message reversed = pos.send(reversal("0400", purchase));
            assertThat(reversed.mti()).isEqualTo("0410");
            assertThat(reversed.field(39)).isEqualTo("00");
            assertThat(balance(DemoSeeder.ACTIVE_CARD)).as("refunded").isEqualTo(before);

            Iso8583Message repeated = pos.send(reversal("0401", purchase));
            assertThat(repeated.field(39)).isEqualTo("00");
            assertThat(balance(DemoSeeder.ACTIVE_CARD)).as("refunded once").isEqualTo(before);
            assertThat(merchantBalance("demo-shop")).as("the merchant debited back, once").isEqualTo(merchantBefore);
            JsonNode history = JSON.readTree(bus.get("/cards/" + DemoSeeder.ACTIVE_CARD + "/history", admin).body()).path("transactions");
            JsonNode reversal = null;
            for (JsonNode entry : history) {
                if ("REVERSAL".equals(entry.path("kind").asText()) && reversal == null) {
                    reversal = entry;
                }
            }
            assertThat(reversal).as("the reversal in the card's history").isNotNull();
            assertThat(reversal.path("reasons").toString()).as("with its reasons").contains("REVERSED_BY_TERMINAL");

            Iso8583Message unknown = pos.send(reversal("0400", purchase(TERMINAL, "999999", DemoSeeder.ACTIVE_CARD_PAN, 700, null)));
            assertThat(unknown.field(39)).isEqualTo("25");
        }
    }

    @Test
    void aBankFundedPaymentIsReversedAtTheBank() throws Exception {
        int reversedBefore = bank.journal().entries(JournalEntry.Kind.REVERSED).size();
        Iso8583Message purchase = emvPurchase(TERMINAL, bankCard, DemoSeeder.BANK_CARD_PAN, 1500);
        try (PosClient pos = pos()) {
            assertThat(pos.send(purchase).field(39)).isEqualTo("00");
            assertThat(pos.send(reversal("0400", purchase)).field(39)).isEqualTo("00");
            assertThat(pos.send(reversal("0401", purchase)).field(39)).isEqualTo("00");
        }
        long deadline = System.currentTimeMillis() + 15_000;
        while (bank.journal().entries(JournalEntry.Kind.REVERSED).size() == reversedBefore && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1500); // a second reversal would have been sent by now
        assertThat(bank.journal().entries(JournalEntry.Kind.REVERSED)).as("reversed at the bank, once").hasSize(reversedBefore + 1);
    }
}
