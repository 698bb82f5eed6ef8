package io.tapbus.connector.bank.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.tapbus.connector.bank.Iso8583Exception;
import io.tapbus.connector.bank.Iso8583Matching;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.bank.ResponseCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ISO 8583 session with a bank host over one {@link BankConnection}: sign on (0800/001) at every connect, echo
 * (0800/301) on a timer, close to reconnect when an echo goes unanswered. Requests wait for their answer under the
 * key "response MTI | STAN | terminal", so any number can be in flight on the one connection and each answer reaches
 * its caller. An answer nobody waits for any more goes to {@link Listener#unsolicited}.
 */
public final class BankSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BankSession.class);
    private static final String APPROVED = ResponseCodes.APPROVED;

    /** What the session tells its owner. Called on a worker thread, never on the I/O thread. */
    public interface Listener {
        void signedOn();

        void unsolicited(Iso8583Message response);
    }

    /** Nothing was sent: no connection, not signed on, or the write failed. */
    public static final class LinkUnavailable extends Exception {
        public LinkUnavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A request on the wire, waiting for its answer. */
    public record Sent(String key, CompletableFuture<Iso8583Message> answer) {
    }

    private final LinkSettings settings;
    private final Supplier<String> stans;
    private final ScheduledExecutorService worker;
    private final Listener listener;
    private final BankConnection connection;
    private final ConcurrentHashMap<String, CompletableFuture<Iso8583Message>> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean signedOn = new AtomicBoolean();
    private ScheduledFuture<?> echoTask;

    /**
     * @param stans  the next STAN (field 11) for the session's own sign-on and echo messages
     * @param worker runs sign-on, echo and the listener's calls
     */
    public BankSession(LinkSettings settings, Supplier<String> stans, ScheduledExecutorService worker,
                       Listener listener) {
        this.settings = settings;
        this.stans = stans;
        this.worker = worker;
        this.listener = listener;
        this.connection = new BankConnection(settings, new ConnectionEvents());
    }

    /** Connects (and keeps reconnecting) and starts the echo timer. */
    public void start() {
        connection.start();
        long echoMillis = settings.echoInterval().toMillis();
        echoTask = worker.scheduleWithFixedDelay(this::echo, echoMillis, echoMillis, TimeUnit.MILLISECONDS);
    }

    public boolean signedOn() {
        Channel ch = connection.channel();
        return signedOn.get() && ch != null && ch.isActive();
    }

    /**
     * Writes a request on the signed-on link. Returns once the bytes are handed to the operating system (or the write
     * is still pending after the timeout: then it may have gone, and counts as sent).
     *
     * @throws LinkUnavailable when nothing was sent
     * @throws Iso8583Exception when the request does not encode (nothing was sent)
     */
    public Sent send(Iso8583Message request) throws LinkUnavailable, Iso8583Exception {
        Channel ch = connection.channel();
        if (!signedOn.get()) {
            throw new LinkUnavailable("not signed on to the bank");
        }
        return send(ch, request);
    }

    private Sent send(Channel ch, Iso8583Message request) throws LinkUnavailable, Iso8583Exception {
        if (ch == null || !ch.isActive()) {
            throw new LinkUnavailable("no connection to the bank");
        }
        String key = pendingKey(Iso8583Matching.responseMti(request.mti()).orElseThrow(), request);
        CompletableFuture<Iso8583Message> answer = new CompletableFuture<>();
        if (pending.putIfAbsent(key, answer) != null) {
            throw new IllegalStateException("a request with " + key + " already waits for its answer");
        }
        ChannelFuture written = ch.writeAndFlush(request);
        if (written.awaitUninterruptibly(settings.timeout().toMillis()) && !written.isSuccess()) {
            pending.remove(key, answer);
            if (written.cause() instanceof Iso8583Exception unencodable) {
                throw unencodable;
            }
            throw new LinkUnavailable("write failed: " + written.cause().getClass().getSimpleName());
        }
        return new Sent(key, answer);
    }

    /**
     * The answer, or empty when none came within {@code timeout} or the connection dropped first. Once this returns
     * empty, an answer that arrives later goes to {@link Listener#unsolicited}.
     */
    public Optional<Iso8583Message> await(Sent sent, Duration timeout) {
        try {
            return Optional.of(sent.answer().get(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException noAnswer) {
            if (pending.remove(sent.key(), sent.answer())) {
                return Optional.empty();
            }
            // the answer (or the link failure) completed the future while we gave up: take what it holds
            try {
                return Optional.of(sent.answer().join());
            } catch (RuntimeException linkLost) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.remove(sent.key(), sent.answer());
            return Optional.empty();
        }
    }

    private static String pendingKey(String responseMti, Iso8583Message message) {
        return responseMti + "|" + Iso8583Matching.stanKey(message).orElse("no-stan");
    }

    private void signOn(Channel ch) {
        Optional<Iso8583Message> answer = networkExchange(ch, NetworkMessages.SIGN_ON);
        if (answer.isPresent() && APPROVED.equals(answer.get().field(39))) {
            signedOn.set(true);
            connection.established();
            LOG.info("Signed on to bank host {}:{}", settings.host(), settings.port());
            listener.signedOn();
        } else {
            LOG.warn("Bank sign-on {}: closing the connection",
                    answer.map(a -> "refused with response code " + a.field(39)).orElse("unanswered"));
            ch.close();
        }
    }

    private void echo() {
        Channel ch = connection.channel();
        if (ch == null || !signedOn.get()) {
            return;
        }
        Optional<Iso8583Message> answer = networkExchange(ch, NetworkMessages.ECHO);
        if (answer.isEmpty() || !APPROVED.equals(answer.get().field(39))) {
            LOG.warn("Bank echo {}: closing the connection to reconnect",
                    answer.map(a -> "answered with response code " + a.field(39)).orElse("unanswered"));
            ch.close();
        }
    }

    private Optional<Iso8583Message> networkExchange(Channel ch, String code) {
        try {
            Sent sent = send(ch, NetworkMessages.request(code, stans.get(), Instant.now()));
            return await(sent, settings.timeout());
        } catch (LinkUnavailable | Iso8583Exception e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.warn("Bank network message {} failed: {}", code, e.toString());
            return Optional.empty();
        }
    }

    private void runOnWorker(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            // closing
        }
    }

    /** Matches answers to the requests waiting for them; a lost connection fails every wait. */
    private final class ConnectionEvents implements BankConnection.Events {
        @Override
        public void connected(Channel channel) {
            runOnWorker(() -> signOn(channel));
        }

        @Override
        public void answered(Iso8583Message response) {
            CompletableFuture<Iso8583Message> waiting = pending.remove(pendingKey(response.mti(), response));
            if (waiting != null) {
                waiting.complete(response);
            } else {
                runOnWorker(() -> listener.unsolicited(response));
            }
        }

        @Override
        public void disconnected(Channel channel) {
            signedOn.set(false);
            pending.forEach((key, answer) -> {
                if (pending.remove(key, answer)) {
                    answer.completeExceptionally(new LinkUnavailable("connection to the bank lost"));
                }
            });
        }
    }

    @Override
    public void close() {
        if (echoTask != null) {
            echoTask.cancel(false);
        }
        connection.close();
    }
}
