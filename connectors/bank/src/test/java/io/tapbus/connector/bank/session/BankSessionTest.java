package io.tapbus.connector.bank.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.bank.Iso8583Framing;
import io.tapbus.connector.bank.Iso8583Message;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The session against a bank host on a loopback socket: sign-on, echo both ways, matching, timeouts, reconnects. */
class BankSessionTest {
    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    private final AtomicInteger stans = new AtomicInteger();
    private final BlockingQueue<String> signOns = new LinkedBlockingQueue<>();
    private final BlockingQueue<Iso8583Message> unsolicited = new LinkedBlockingQueue<>();
    private ScheduledExecutorService worker;
    private LoopbackBankHost host;
    private BankSession session;

    @BeforeEach
    void host() throws Exception {
        worker = Executors.newScheduledThreadPool(2);
        host = new LoopbackBankHost();
    }

    @AfterEach
    void close() throws Exception {
        if (session != null) {
            session.close();
        }
        host.close();
        worker.shutdownNow();
    }

    private BankSession signedOnSession(Duration echoInterval) throws Exception {
        startSession(echoInterval);
        assertThat(signOns.poll(5, TimeUnit.SECONDS)).as("signed on").isNotNull();
        return session;
    }

    private void startSession(Duration echoInterval) {
        LinkSettings settings = new LinkSettings("127.0.0.1", host.port(), LoopbackBankHost.CODEC,
                Iso8583Framing.DEFAULT, TIMEOUT, echoInterval, Duration.ofSeconds(1));
        session = new BankSession(settings, () -> String.format("%06d", stans.incrementAndGet()), worker,
                new BankSession.Listener() {
                    @Override
                    public void signedOn() {
                        signOns.add("signed on");
                    }

                    @Override
                    public void unsolicited(Iso8583Message response) {
                        unsolicited.add(response);
                    }
                });
        session.start();
    }

    private static Iso8583Message purchase(String stan) {
        return Iso8583Message.of("0200").with(3, "000000").with(4, "000000001250").with(11, stan)
                .with(41, "TBR-001 ");
    }

    @Test
    void signsOnAtConnectAndMatchesAnswersThatComeInAnyOrder() throws Exception {
        AtomicReference<Iso8583Message> held = new AtomicReference<>();
        host.responder = request -> {
            if (!request.mti().equals("0200")) {
                return List.of(LoopbackBankHost.answer(request, "00"));
            }
            if (held.compareAndSet(null, request)) {
                return List.of(); // the first waits until the second is answered
            }
            return List.of(LoopbackBankHost.answer(request, "05"), LoopbackBankHost.answer(held.get(), "00"));
        };
        signedOnSession(Duration.ofMinutes(1));
        Iso8583Message signOn = host.next();
        assertThat(signOn.mti()).isEqualTo("0800");
        assertThat(signOn.fields()).containsOnlyKeys(7, 11, 70).containsEntry(70, NetworkMessages.SIGN_ON);
        assertThat(session.signedOn()).isTrue();

        BankSession.Sent first = session.send(purchase("100001"));
        BankSession.Sent second = session.send(purchase("100002"));

        assertThat(session.await(first, TIMEOUT)).get().satisfies(a -> {
            assertThat(a.field(11)).isEqualTo("100001");
            assertThat(a.field(39)).isEqualTo("00");
        });
        assertThat(session.await(second, TIMEOUT)).get().satisfies(a -> {
            assertThat(a.field(11)).isEqualTo("100002");
            assertThat(a.field(39)).isEqualTo("05");
        });
        host.responder = request -> List.of();
        assertThatThrownBy(() -> {
            session.send(purchase("100003"));
            session.send(purchase("100003"));
        }).as("two requests cannot wait under one key").isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("100003");
    }

    @Test
    void anAnswerAfterTheWaitGoesToTheListenerAndAnUnreadableOneLeavesTheLinkUp() throws Exception {
        signedOnSession(Duration.ofMinutes(1));
        host.responder = request -> List.of();
        BankSession.Sent sent = session.send(purchase("200001"));
        Iso8583Message request = host.next("0200", null);

        assertThat(session.await(sent, Duration.ofMillis(200))).isEmpty();
        host.writeFrame(Iso8583Framing.frame("0210 not a message".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        host.send(LoopbackBankHost.answer(request, "00"));

        Iso8583Message late = unsolicited.poll(5, TimeUnit.SECONDS);
        assertThat(late).isNotNull();
        assertThat(late.field(11)).isEqualTo("200001");
        assertThat(session.signedOn()).as("the unreadable message did not cost the link").isTrue();
    }

    @Test
    void theBanksEchoTestIsAnswered() throws Exception {
        signedOnSession(Duration.ofMinutes(1));
        host.next("0800", NetworkMessages.SIGN_ON);

        host.send(NetworkMessages.request(NetworkMessages.ECHO, "777777", Instant.parse("2026-03-01T23:30:05Z")));

        Iso8583Message answer = host.next("0810", null);
        assertThat(answer.fields()).containsEntry(11, "777777").containsEntry(7, "0301233005")
                .containsEntry(70, "301").containsEntry(39, "00");
    }

    @Test
    void aLostConnectionEndsTheWaitAndTheSessionSignsOnAgain() throws Exception {
        signedOnSession(Duration.ofMinutes(1));
        host.responder = request -> request.mti().equals("0800") ? List.of(LoopbackBankHost.answer(request, "00"))
                : List.of();
        BankSession.Sent sent = session.send(purchase("300001"));
        host.next("0200", null);

        long start = System.nanoTime();
        host.dropConnection();
        Optional<Iso8583Message> answer = session.await(sent, Duration.ofSeconds(10));

        assertThat(answer).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the drop ends the wait, not the timeout")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(signOns.poll(5, TimeUnit.SECONDS)).as("signed on again after reconnecting").isNotNull();
        assertThat(host.connections.get()).isEqualTo(2);
        assertThat(session.await(session.send(purchase("300002")), Duration.ofMillis(100))).isEmpty();
    }

    @Test
    void anUnansweredEchoClosesTheConnectionToReconnect() throws Exception {
        AtomicInteger echoes = new AtomicInteger();
        host.responder = request -> NetworkMessages.ECHO.equals(request.field(70)) && echoes.getAndIncrement() == 0
                ? List.of() : List.of(LoopbackBankHost.answer(request, "00"));
        signedOnSession(Duration.ofMillis(300));

        assertThat(signOns.poll(10, TimeUnit.SECONDS)).as("signed on again after the silent echo").isNotNull();
        assertThat(host.connections.get()).isEqualTo(2);
        assertThat(echoes.get()).isPositive();
    }

    @Test
    void withoutASignedOnLinkNothingIsSent() throws Exception {
        host.responder = request -> List.of(LoopbackBankHost.answer(request, "91"));
        startSession(Duration.ofMinutes(1));
        host.next("0800", NetworkMessages.SIGN_ON);

        assertThat(signOns.poll(500, TimeUnit.MILLISECONDS)).as("a refused sign-on").isNull();
        assertThat(session.signedOn()).isFalse();
        assertThatThrownBy(() -> session.send(purchase("400001"))).isInstanceOf(BankSession.LinkUnavailable.class)
                .hasMessage("not signed on to the bank");
    }
}
