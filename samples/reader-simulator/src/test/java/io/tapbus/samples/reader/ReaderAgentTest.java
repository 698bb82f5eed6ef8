package io.tapbus.samples.reader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.connector.card.pcsc.CardReaderAgent;
import io.tapbus.connector.card.sim.SimulatedCard;
import io.tapbus.connector.card.sim.TapBusSimProvider;
import io.tapbus.connector.reader.CardWrite;
import io.tapbus.connector.reader.CardWriteResult;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderKeys;
import io.tapbus.connector.reader.ReasonCode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.Test;

/**
 * The reader agent end to end: a simulated TapBus card behind the real javax.smartcardio API (TapBusSim provider),
 * the agent's card commands, reader protocol frames over a socket with real MACs, and a test issuer that verifies the
 * ARQC and computes the ARPC with connectors/card under the issuer master key the card was personalised from. The
 * command line ({@code agent}, {@code pay}): {@link ReaderAgentCommandTest}.
 */
class ReaderAgentTest extends ReaderAgentFixture {
    @Test
    void anApprovedPaymentEndsWithTheArpcAcceptedAndTheNewBalanceOnTheCard() throws Exception {
        readers.terminal(ReaderAgent.SIM_TERMINAL).insert(SimulatedCard.withApplet(applet));

        int exit = agent(1250, false).tapOnce(Duration.ofSeconds(2), "pay-1");

        assertThat(exit).as(stderr()).isZero();
        JsonNode line = onlyLine();
        assertThat(line.path("status").asText()).isEqualTo("TAPPED");
        assertThat(line.path("verdict").asText()).isEqualTo("APPROVED");
        assertThat(line.path("pan").asText()).isEqualTo("621234******0001");
        assertThat(line.path("atc").asText()).isEqualTo("0042");
        assertThat(line.path("arpc").asText()).isEqualTo("ACCEPTED");
        assertThat(line.path("writes")).hasSize(1);
        JsonNode write = line.path("writes").get(0);
        assertThat(write.path("kind").asText()).isEqualTo("BALANCE");
        assertThat(write.path("valueMinor").asLong()).isEqualTo(3_750);
        assertThat(write.path("ok").asBoolean()).isTrue();
        assertThat(write.path("sw").asText()).isEqualTo("9000");
        assertThat(write.path("ack").asText()).isEqualTo("RECORDED");

        assertThat(applet.balance()).as("the card holds the balance the issuer sent").isEqualTo(3_750);
        assertThat(server.payments()).singleElement().satisfies(request -> {
            assertThat(request.correlationId()).isEqualTo("pay-1");
            assertThat(request.card().pan()).isEqualTo(PAN);
            assertThat(request.card().expiry()).isEqualTo("3012");
            assertThat(request.transaction().amountMinor()).isEqualTo(1250);
            assertThat(request.transaction().currencyNumeric()).isEqualTo("156");
            assertThat(request.aid()).isEqualTo("F054415042555301");
            assertThat(request.offline()).isFalse();
        });
        String transactionId = line.path("transactionId").asText();
        assertThat(server.writeResults()).containsExactly(
                new CardWriteResult(transactionId, CardWrite.Kind.BALANCE, null, true, "9000", null));
        assertThat(stdout() + stderr()).doesNotContain(PAN);
    }

    @Test
    void aDeclinedPaymentWritesNothing() throws Exception {
        readers.terminal(ReaderAgent.SIM_TERMINAL).insert(SimulatedCard.withApplet(applet));

        int exit = agent(6_000, false).tapOnce(Duration.ofSeconds(2), null);

        assertThat(exit).isZero();
        JsonNode line = onlyLine();
        assertThat(line.path("verdict").asText()).isEqualTo("DECLINED");
        assertThat(line.path("reasons").get(0).path("code").asText()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(line.path("arpc").asText()).as("the card learns the issuer's answer").isEqualTo("ACCEPTED");
        assertThat(line.has("writes")).isFalse();
        assertThat(applet.balance()).isEqualTo(5_000);
        assertThat(server.writeResults()).isEmpty();
    }

    @Test
    void aCardWithoutTheTapBusApplicationSendsNothing() throws Exception {
        readers.terminal(ReaderAgent.SIM_TERMINAL).insert(SimulatedCard.withoutTapBusApplication());

        int exit = agent(1250, false).tapOnce(Duration.ofSeconds(2), null);

        assertThat(exit).isEqualTo(ReaderAgent.EXIT_CARD_UNUSABLE);
        JsonNode line = onlyLine();
        assertThat(line.path("status").asText()).isEqualTo("APP_NOT_FOUND");
        assertThat(line.path("sw").asText()).isEqualTo("6A82");
        assertThat(server.payments()).isEmpty();
    }

    @Test
    void aForgedArqcIsDeclinedAsAnInvalidCryptogramAndNothingIsWritten() throws Exception {
        readers.terminal(ReaderAgent.SIM_TERMINAL).insert(SimulatedCard.withApplet(applet));

        int exit = agent(1250, true).tapOnce(Duration.ofSeconds(2), null);

        assertThat(exit).isZero();
        JsonNode line = onlyLine();
        assertThat(line.path("forgedArqc").asBoolean()).isTrue();
        assertThat(line.path("verdict").asText()).isEqualTo("DECLINED");
        assertThat(line.path("reasons").get(0).path("code").asText()).isEqualTo(ReasonCode.CRYPTOGRAM_INVALID.name());
        assertThat(line.path("arpc").asText()).isEqualTo("NONE");
        assertThat(applet.balance()).isEqualTo(5_000);
        assertThat(server.writeResults()).isEmpty();
    }

    @Test
    void aTicketIsStoredOnTheCardAndAWriteTheCardCannotStoreIsReportedAsFailed() throws Exception {
        server.alsoWriteTicket(true);
        readers.terminal(ReaderAgent.SIM_TERMINAL).insert(SimulatedCard.withApplet(applet));

        assertThat(agent(1250, false).tapOnce(Duration.ofSeconds(2), null)).isZero();

        JsonNode ticket = onlyLine().path("writes").get(1);
        assertThat(ticket.path("kind").asText()).isEqualTo("TICKET");
        assertThat(ticket.path("ok").asBoolean()).isTrue();
        assertThat(ticket.path("sw").asText()).isEqualTo("9000");
        JsonNode coupon = onlyLine().path("writes").get(2);
        assertThat(coupon.path("kind").asText()).isEqualTo("COUPON");
        assertThat(coupon.path("ok").asBoolean()).isFalse();
        assertThat(coupon.has("sw")).as("no command was sent for it").isFalse();
        assertThat(server.writeResults()).extracting(CardWriteResult::kind, CardWriteResult::ok)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CardWrite.Kind.BALANCE, true),
                        org.assertj.core.groups.Tuple.tuple(CardWrite.Kind.TICKET, true),
                        org.assertj.core.groups.Tuple.tuple(CardWrite.Kind.COUPON, false));
        assertThat(applet.balance()).isEqualTo(3_750);
        assertThat(applet.tickets()).singleElement().isEqualTo(new byte[] {1, 2});
    }

    @Test
    void noCardInTimeIsReported() {
        assertThat(agent(1250, false).tapOnce(Duration.ofMillis(100), null)).isEqualTo(ReaderAgent.EXIT_CARD_UNUSABLE);
        assertThat(onlyLine().path("status").asText()).isEqualTo("NO_CARD");
        assertThat(server.payments()).isEmpty();
    }

    @Test
    void watchingTapsEveryPresentationWithARisingAtc() throws Exception {
        ReaderAgent agent = agent(1000, false);
        readers.terminal(ReaderAgent.SIM_TERMINAL).insert(SimulatedCard.withApplet(applet));
        int[] taps = {0};
        Thread watching = new Thread(() -> {
            try {
                agent.watch(() -> {
                    readers.terminal(ReaderAgent.SIM_TERMINAL).remove();
                    if (++taps[0] == 2) {
                        Thread.currentThread().interrupt();
                    } else {
                        readers.terminal(ReaderAgent.SIM_TERMINAL).insert(SimulatedCard.withApplet(applet));
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "agent-watch");
        watching.start();
        watching.join(20_000);
        assertThat(watching.isAlive()).as("the agent stops when interrupted").isFalse();

        List<JsonNode> lines = lines();
        assertThat(lines).extracting(l -> l.path("atc").asText()).containsExactly("0042", "0043");
        assertThat(lines).extracting(l -> l.path("verdict").asText()).containsExactly("APPROVED", "APPROVED");
        assertThat(applet.balance()).isEqualTo(3_000);
    }

    private ReaderAgent agent(long amountMinor, boolean forgeArqc) {
        try {
            TerminalFactory factory = TerminalFactory.getInstance(TapBusSimProvider.TYPE, readers, new TapBusSimProvider());
            CardReaderAgent cards = CardReaderAgent.forTerminal(factory, null);
            byte[] key = ReaderKeys.diversify(ReaderKeys.parseHexKey(MASTER_HEX), READER);
            PaymentExchange exchange = new PaymentExchange(new PaymentExchange.Terminal(amountMinor, "CNY", 156, 156, null),
                    () -> new ReaderClient("127.0.0.1", server.port(), READER, key, Duration.ofSeconds(5)),
                    Clock.systemUTC(), forgeArqc, false);
            return new ReaderAgent(cards, exchange, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
