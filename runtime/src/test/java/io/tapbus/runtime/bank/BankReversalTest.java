package io.tapbus.runtime.bank;

import static io.tapbus.runtime.bank.BankBench.PAN;
import static io.tapbus.runtime.bank.BankBench.eventually;
import static io.tapbus.runtime.bank.BankBench.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.runtime.bank.BankResult.Outcome;
import io.tapbus.samples.bank.JournalEntry;
import io.tapbus.samples.bank.Mode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Money never left in doubt: timeouts, dropped links, late approvals and restarts end in exactly one reversal. */
class BankReversalTest {
    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static final Duration SOON = Duration.ofSeconds(10);

    @Test
    void aTimeoutIsReversedUntilTheBankAcknowledgesExactlyOnce() throws Exception {
        try (BankBench bench = BankBench.h2()) {
            BankGateway gateway = bench.signedOnGateway(bench.settings(TIMEOUT));
            bench.mode(Mode.TIMEOUT);

            BankResult result = gateway.authorize(purchase("pay-t", PAN, 1250));

            assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(result.reversalQueued()).isTrue();
            assertThat(bench.message("pay-t")).containsEntry("state", "TIMED_OUT");
            assertThat(bench.reversalState("pay-t")).isEqualTo("PENDING");
            // the 0400 went out at once; the bank reversed it but its 0410 is lost like the 0210
            eventually(SOON, () -> bench.journal(JournalEntry.Kind.REVERSED).size() == 1, "0400 reached the bank");
            assertThat(bench.reversalState("pay-t")).isEqualTo("PENDING");

            bench.mode(Mode.ANSWER);
            eventually(SOON, () -> "ACKNOWLEDGED".equals(bench.reversalState("pay-t")), "reversal acknowledged");

            Map<String, Object> reversal = bench.reversal("pay-t").orElseThrow();
            assertThat(reversal).containsEntry("response_code", "00").containsEntry("original_stan", result.stan());
            assertThat((Integer) reversal.get("attempts")).isGreaterThanOrEqualTo(2);
            assertThat(bench.journal(JournalEntry.Kind.REVERSED)).as("reversed exactly once").hasSize(1)
                    .allSatisfy(e -> assertThat(e.mti()).isEqualTo("0400"));
            assertThat(bench.journal(JournalEntry.Kind.REVERSAL_REPEATED)).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.mti()).isEqualTo("0401"));
            assertThat(gateway.pendingReversals()).isZero();
            assertThat(gateway.authorize(purchase("pay-t", PAN, 1250)).outcome())
                    .as("a retry of the payment gets the recorded outcome, not a second charge").isEqualTo(Outcome.TIMED_OUT);
        }
    }

    @Test
    void aBalanceInquiryThatTimesOutHasNothingToReverse() throws Exception {
        try (BankBench bench = BankBench.h2()) {
            BankGateway gateway = bench.signedOnGateway(bench.settings(TIMEOUT));
            bench.mode(Mode.TIMEOUT);

            BankResult result = gateway.authorize(new BankRequest(BankRequest.Kind.BALANCE_INQUIRY, "pay-bi", PAN, null,
                    null, 0, "156", "demo-shop", "R-001", null));

            assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(result.reversalQueued()).isFalse();
            assertThat(bench.reversal("pay-bi")).isEmpty();
        }
    }

    @Test
    void aLinkThatDropsAfterTheSendTimesOutAndIsReversedAfterReconnecting() throws Exception {
        try (BankBench bench = BankBench.h2()) {
            BankGateway gateway = bench.signedOnGateway(bench.settings(Duration.ofSeconds(3)));
            bench.mode(Mode.DISCONNECT); // the bank decides, then closes instead of answering

            long started = System.nanoTime();
            BankResult result = gateway.authorize(purchase("pay-d", PAN, 990));

            assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the dropped link ends the wait")
                    .isLessThan(Duration.ofSeconds(3));
            assertThat(bench.journal(JournalEntry.Kind.APPROVED)).as("the bank did approve it").hasSize(1);
            assertThat(bench.reversalState("pay-d")).isEqualTo("PENDING");

            bench.mode(Mode.ANSWER);
            eventually(SOON, () -> "ACKNOWLEDGED".equals(bench.reversalState("pay-d")), "reversed after sign-on");
            assertThat(bench.journal(JournalEntry.Kind.REVERSED)).hasSize(1);
            assertThat(bench.reversal("pay-d").orElseThrow()).containsEntry("response_code", "00");
        }
    }

    @Test
    void aReversalPendingAcrossARestartIsRepeatedAndAcknowledged() throws Exception {
        try (BankBench bench = BankBench.h2()) {
            BankGateway before = bench.signedOnGateway(bench.settings(TIMEOUT));
            bench.mode(Mode.TIMEOUT);
            assertThat(before.authorize(purchase("pay-r", PAN, 4200)).outcome()).isEqualTo(Outcome.TIMED_OUT);
            eventually(SOON, () -> bench.journal(JournalEntry.Kind.REVERSED).size() == 1, "0400 sent before the stop");
            before.close();
            assertThat(bench.reversalState("pay-r")).isEqualTo("PENDING");

            bench.mode(Mode.ANSWER);
            BankGateway after = bench.gateway(bench.settings(TIMEOUT));

            eventually(SOON, () -> "ACKNOWLEDGED".equals(bench.reversalState("pay-r")), "repeated after the restart");
            assertThat(after.pendingReversals()).isZero();
            assertThat(bench.journal(JournalEntry.Kind.REVERSED)).hasSize(1);
            assertThat(bench.journal(JournalEntry.Kind.REVERSAL_REPEATED)).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.mti()).isEqualTo("0401"));
        }
    }

    @Test
    void aLateApprovalIsRecordedAndTheMoneyIsReversed() throws Exception {
        try (BankBench bench = BankBench.h2()) {
            BankGateway gateway = bench.signedOnGateway(bench.settings(TIMEOUT));
            bench.bank().behaviour().delayMillis(1200); // the 0210 arrives 0.8 s after the gateway gave up

            BankResult result = gateway.authorize(purchase("pay-late", PAN, 3300));

            assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
            eventually(SOON, () -> "LATE_ANSWER".equals(bench.message("pay-late").get("state")), "late 0210 recorded");
            assertThat(bench.message("pay-late")).containsEntry("response_code", "00").containsEntry("mti_received", "0210");
            eventually(SOON, () -> "ACKNOWLEDGED".equals(bench.reversalState("pay-late")), "reversal acknowledged");
            assertThat(bench.journal(JournalEntry.Kind.APPROVED)).hasSize(1);
            assertThat(bench.journal(JournalEntry.Kind.REVERSED)).as("the late approval is undone once").hasSize(1);
            assertThat(gateway.authorize(purchase("pay-late", PAN, 3300)).outcome())
                    .as("never an approval afterwards").isEqualTo(Outcome.TIMED_OUT);
        }
    }

    @Test
    void aRequestLeftInFlightByAStoppedBusIsReversedAtTheNextStart() throws Exception {
        try (BankBench bench = BankBench.h2()) {
            Instant long_ago = Instant.now().minus(1, ChronoUnit.HOURS);
            // what a bus killed between the send and the answer leaves behind
            bench.jdbi().useHandle(h -> h.createUpdate("INSERT INTO bank_message(payment_id, kind, mti_sent, stan, terminal_id, "
                            + "merchant_id, rrn, transmission_time, processing_code, amount_minor, currency, masked_pan, state, "
                            + "created_at) VALUES ('pay-crash', 'FINANCIAL', '0200', '000777', 'TBR-001 ', 'demo-shop      ', "
                            + "'512345000777', '0101120000', '000000', 500, '156', '476173******0010', 'SENT', :at)")
                    .bind("at", long_ago).execute());

            bench.gateway(bench.settings(TIMEOUT));

            eventually(SOON, () -> "ACKNOWLEDGED".equals(bench.reversalState("pay-crash")), "reversed at start");
            assertThat(bench.message("pay-crash")).containsEntry("state", "TIMED_OUT");
            assertThat(bench.reversal("pay-crash").orElseThrow()).as("this bank never saw it: 25, unknown original")
                    .containsEntry("response_code", "25");
            assertThat(bench.journal(JournalEntry.Kind.REVERSAL_UNKNOWN)).hasSize(1);
        }
    }
}
