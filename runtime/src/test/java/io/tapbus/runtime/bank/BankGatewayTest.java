package io.tapbus.runtime.bank;

import static io.tapbus.runtime.bank.BankBench.DECLINED_PAN;
import static io.tapbus.runtime.bank.BankBench.PAN;
import static io.tapbus.runtime.bank.BankBench.eventually;
import static io.tapbus.runtime.bank.BankBench.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.runtime.bank.BankResult.Outcome;
import io.tapbus.samples.bank.JournalEntry;
import io.tapbus.samples.bank.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The gateway against the bank host simulator over loopback, with a real embedded database: answers. */
class BankGatewayTest {
    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    @Test
    void signsOnAtConnectAndApproves() throws Exception {
        try (BankBench bench = BankBench.h2()) {
            BankGateway gateway = bench.signedOnGateway(bench.settings(TIMEOUT));
            assertThat(bench.bank().journal().entries(JournalEntry.Kind.NETWORK)).as("one sign-on").hasSize(1);

            BankResult result = gateway.authorize(purchase("pay-1", PAN, 1250));

            assertThat(result.outcome()).isEqualTo(Outcome.APPROVED);
            assertThat(result.responseCode()).isEqualTo("00");
            assertThat(result.authCode()).matches("\\d{6}");
            assertThat(result.stan()).matches("\\d{6}");
            assertThat(result.rrn()).hasSize(12).endsWith(result.stan());
            Map<String, Object> row = bench.message("pay-1");
            assertThat(row).containsEntry("state", "ANSWERED").containsEntry("mti_sent", "0200")
                    .containsEntry("mti_received", "0210").containsEntry("response_code", "00")
                    .containsEntry("auth_code", result.authCode()).containsEntry("stan", result.stan())
                    .containsEntry("rrn", result.rrn()).containsEntry("terminal_id", "TBR-001 ")
                    .containsEntry("masked_pan", "476173******0010");
            assertThat(row.get("answered_at")).isNotNull();
            JournalEntry approved = bench.journal(JournalEntry.Kind.APPROVED).get(0);
            assertThat(approved.mti()).isEqualTo("0200");
            assertThat(approved.amount()).isEqualTo("000000001250");
            assertThat(approved.stanKey()).isEqualTo("stan=" + result.stan() + ";terminal=TBR-001 ");
            assertThat(bench.reversal("pay-1")).as("nothing to reverse").isEmpty();
        }
    }

    @Test
    void declinesByAmountAndByCardWithTheBanksResponseCode() throws Exception {
        try (BankBench bench = BankBench.h2("--over-limit-code", "51", "--decline-pan", DECLINED_PAN,
                "--declined-card-code", "14")) {
            BankGateway gateway = bench.signedOnGateway(bench.settings(TIMEOUT));

            BankResult overLimit = gateway.authorize(purchase("pay-big", PAN, 100_001));
            BankResult badCard = gateway.authorize(purchase("pay-card", DECLINED_PAN, 100));
            BankResult atLimit = gateway.authorize(purchase("pay-limit", PAN, 100_000));

            assertThat(overLimit.outcome()).isEqualTo(Outcome.DECLINED);
            assertThat(overLimit.responseCode()).isEqualTo("51");
            assertThat(overLimit.authCode()).isNull();
            assertThat(badCard.outcome()).isEqualTo(Outcome.DECLINED);
            assertThat(badCard.responseCode()).isEqualTo("14");
            assertThat(atLimit.outcome()).isEqualTo(Outcome.APPROVED);
            assertThat(bench.message("pay-card")).containsEntry("state", "ANSWERED").containsEntry("response_code", "14");
        }
    }

    @Test
    void authorizationAndBalanceInquiryUseTheirMessages() throws Exception {
        try (BankBench bench = BankBench.h2("--balance", "123456")) {
            BankGateway gateway = bench.signedOnGateway(bench.settings(TIMEOUT));

            BankResult auth = gateway.authorize(new BankRequest(BankRequest.Kind.AUTHORIZATION, "pay-a", PAN, null, null,
                    500, "156", "demo-cafe", "R-2", null));
            BankResult balance = gateway.authorize(new BankRequest(BankRequest.Kind.BALANCE_INQUIRY, "pay-b", PAN, "1",
                    "2812", 0, "156", "demo-cafe", "R-2", null));

            assertThat(auth.outcome()).isEqualTo(Outcome.APPROVED);
            assertThat(bench.message("pay-a")).containsEntry("mti_sent", "0100").containsEntry("processing_code", "000000");
            assertThat(balance.outcome()).isEqualTo(Outcome.APPROVED);
            assertThat(balance.availableBalanceMinor()).contains(123_456L);
            assertThat(bench.message("pay-b")).containsEntry("mti_sent", "0100").containsEntry("processing_code", "310000");
            assertThat(bench.journal(JournalEntry.Kind.BALANCE)).hasSize(1);
        }
    }

    @Test
    void theSamePaymentIdGetsTheFirstAnswerWithoutASecondMessage() throws Exception {
        try (BankBench bench = BankBench.h2()) {
            BankGateway gateway = bench.signedOnGateway(bench.settings(TIMEOUT));

            BankResult first = gateway.authorize(purchase("pay-twice", PAN, 700));
            BankResult again = gateway.authorize(purchase("pay-twice", PAN, 700));

            assertThat(again).isEqualTo(first);
            assertThat(bench.journal(JournalEntry.Kind.APPROVED)).hasSize(1);
        }
    }

    @Test
    void withoutALinkNothingIsSentAndTheLinkComesBack() throws Exception {
        try (BankBench bench = BankBench.h2()) {
            BankGateway gateway = bench.signedOnGateway(bench.settings(TIMEOUT));

            bench.stopBank();
            eventually(Duration.ofSeconds(5), () -> !gateway.signedOn(), "link down");
            BankResult down = gateway.authorize(purchase("pay-down", PAN, 100));

            assertThat(down.outcome()).isEqualTo(Outcome.UNAVAILABLE);
            assertThat(down.stan()).isNull();
            assertThat(bench.reversal("pay-down")).isEmpty();
            long sent = bench.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM bank_message WHERE payment_id = 'pay-down' AND state <> 'NOT_SENT'")
                    .mapTo(Long.class).one());
            assertThat(sent).isZero();

            bench.startBankAgain();
            eventually(Duration.ofSeconds(10), gateway::signedOn, "reconnected and signed on");
            assertThat(gateway.authorize(purchase("pay-down", PAN, 100)).outcome())
                    .as("the payment may be tried again: nothing went out the first time").isEqualTo(Outcome.APPROVED);
        }
    }

    @Test
    void stansArePersistedAcrossRestartsAndWrap() throws Exception {
        try (BankBench bench = BankBench.h2()) {
            BankGateway first = bench.signedOnGateway(bench.settings(TIMEOUT));
            String one = first.authorize(purchase("pay-s1", PAN, 100)).stan();
            first.close();

            BankGateway second = bench.signedOnGateway(bench.settings(TIMEOUT));
            String two = second.authorize(purchase("pay-s2", PAN, 100)).stan();
            assertThat(Integer.parseInt(two)).as("a restart continues, it does not reuse").isGreaterThan(Integer.parseInt(one));

            StanCounter counter = new StanCounter(bench.jdbi(), "wrap-test");
            bench.jdbi().useHandle(h -> h.execute("UPDATE bank_stan SET last_stan = 999998 WHERE link_id = 'wrap-test'"));
            assertThat(List.of(counter.next(), counter.next(), counter.next())).containsExactly("999999", "000001", "000002");
        }
    }

    @Test
    void twentyConcurrentAuthorizationsEachGetTheirOwnAnswer() throws Exception {
        try (BankBench bench = BankBench.h2()) {
            BankGateway gateway = bench.signedOnGateway(bench.settings(Duration.ofSeconds(5)));
            bench.bank().behaviour().delayMillis(200); // all twenty are in flight together
            ExecutorService callers = Executors.newFixedThreadPool(20);
            try {
                List<Future<BankResult>> results = new ArrayList<>();
                for (int i = 1; i <= 20; i++) {
                    long amount = i * 10_000L; // the simulator approves up to 100000: callers 1-10 approved, 11-20 declined
                    String paymentId = "pay-c" + i;
                    Callable<BankResult> call = () -> gateway.authorize(purchase(paymentId, PAN, amount));
                    results.add(callers.submit(call));
                }
                List<String> stans = new ArrayList<>();
                for (int i = 1; i <= 20; i++) {
                    BankResult result = results.get(i - 1).get();
                    assertThat(result.paymentId()).isEqualTo("pay-c" + i);
                    assertThat(result.outcome()).as("caller %d", i).isEqualTo(i <= 10 ? Outcome.APPROVED : Outcome.DECLINED);
                    assertThat(result.responseCode()).isEqualTo(i <= 10 ? "00" : "61");
                    Map<String, Object> row = bench.message("pay-c" + i);
                    assertThat(row).containsEntry("stan", result.stan()).containsEntry("rrn", result.rrn())
                            .containsEntry("amount_minor", i * 10_000L).containsEntry("state", "ANSWERED");
                    stans.add(result.stan());
                }
                assertThat(stans).doesNotHaveDuplicates();
                assertThat(bench.bank().journal().entries()).filteredOn(e -> e.mti().equals("0200"))
                        .allSatisfy(e -> assertThat(Long.parseLong(e.amount()) <= 100_000)
                                .isEqualTo(e.kind() == JournalEntry.Kind.APPROVED));
            } finally {
                callers.shutdownNow();
            }
        }
    }

    @Test
    void anUnansweredEchoDropsTheLinkAndItSignsOnAgain() throws Exception {
        try (BankBench bench = BankBench.h2()) {
            BankSettings s = bench.settings(Duration.ofMillis(300));
            BankGateway gateway = bench.signedOnGateway(new BankSettings(s.host(), s.port(), s.packager(), s.timeout(),
                    Duration.ofSeconds(1), s.reversalRetry(), s.reconnectMax(), s.acquirerId(), s.terminalIdPrefix()));

            bench.mode(Mode.TIMEOUT);
            eventually(Duration.ofSeconds(5), () -> !gateway.signedOn(), "echo unanswered: link dropped");
            bench.mode(Mode.ANSWER);
            eventually(Duration.ofSeconds(10), gateway::signedOn, "signed on again");
            assertThat(gateway.authorize(purchase("pay-after-echo", PAN, 100)).outcome()).isEqualTo(Outcome.APPROVED);
        }
    }
}
