package io.tapbus.runtime.bank;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tapbus.connector.bank.Iso8583Codec;
import io.tapbus.connector.bank.Iso8583Exception;
import io.tapbus.connector.bank.Iso8583FrameDecoder;
import io.tapbus.connector.bank.Iso8583FrameEncoder;
import io.tapbus.connector.bank.Iso8583Matching;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.bank.RejectedMessage;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP connection to the bank host: connect, sign on (0800/001), echo (0800/301) on a timer, reconnect with
 * backoff when the connection drops or an echo goes unanswered. Requests wait for their answer under the key
 * "response MTI | STAN | terminal", so any number can be in flight on the one connection and each answer reaches
 * its caller. An answer nobody waits for any more goes to {@link Listener#unsolicited}.
 *
 * <p>Netty directly rather than camel-netty: the link is a long-lived, multiplexed, stateful session (sign-on, echo,
 * answers in any order, late answers that must be recorded), which a request-reply producer endpoint does not model.
 */
final class BankLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BankLink.class);
    private static final long FIRST_RECONNECT_MILLIS = 200;
    private static final String APPROVED = ResponseCodes.APPROVED;

    /** What the link tells the gateway. Called on a worker thread, never on the I/O thread. */
    interface Listener {
        void signedOn();

        void unsolicited(Iso8583Message response);
    }

    /** Nothing was sent: no connection, not signed on, or the write failed. */
    static final class LinkUnavailable extends Exception {
        LinkUnavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A request on the wire, waiting for its answer. */
    record Sent(String key, CompletableFuture<Iso8583Message> answer) {
    }

    private final BankSettings settings;
    private final Iso8583Codec codec;
    private final Iso8583FrameEncoder encoder;
    private final StanCounter stans;
    private final BankMessages messages;
    private final ScheduledExecutorService worker;
    private final Listener listener;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("tapbus-bank-io", true), NioIoHandler.newFactory());
    private final ConcurrentHashMap<String, CompletableFuture<Iso8583Message>> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean signedOn = new AtomicBoolean();
    private final AtomicInteger failedConnections = new AtomicInteger();
    private volatile Channel channel;
    private volatile boolean closing;
    private Bootstrap bootstrap;
    private ScheduledFuture<?> echoTask;

    BankLink(BankSettings settings, StanCounter stans, BankMessages messages, ScheduledExecutorService worker,
             Listener listener) {
        this.settings = settings;
        this.codec = Iso8583Codec.named(settings.packager());
        this.encoder = new Iso8583FrameEncoder(codec);
        this.stans = stans;
        this.messages = messages;
        this.worker = worker;
        this.listener = listener;
    }

    void start() {
        bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1000, settings.timeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Iso8583FrameDecoder(codec), encoder, new Inbound());
                    }
                });
        connect();
        long echoMillis = settings.echoInterval().toMillis();
        echoTask = worker.scheduleWithFixedDelay(this::echo, echoMillis, echoMillis, TimeUnit.MILLISECONDS);
    }

    boolean signedOn() {
        Channel ch = channel;
        return signedOn.get() && ch != null && ch.isActive();
    }

    /**
     * Writes a request on the signed-on link. Returns once the bytes are handed to the operating system (or the write
     * is still pending after the timeout: then it may have gone, and counts as sent).
     *
     * @throws LinkUnavailable when nothing was sent
     * @throws Iso8583Exception when the request does not encode (nothing was sent)
     */
    Sent send(Iso8583Message request) throws LinkUnavailable, Iso8583Exception {
        Channel ch = channel;
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
    Optional<Iso8583Message> await(Sent sent, Duration timeout) {
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

    private void connect() {
        if (closing) {
            return;
        }
        bootstrap.connect(settings.host(), settings.port()).addListener((ChannelFuture connected) -> {
            if (!connected.isSuccess()) {
                LOG.warn("Bank host {}:{} not reachable: {}", settings.host(), settings.port(),
                        connected.cause().getClass().getSimpleName());
                scheduleReconnect();
                return;
            }
            Channel ch = connected.channel();
            if (closing) {
                ch.close();
                return;
            }
            channel = ch;
            ch.closeFuture().addListener(closed -> linkDown(ch));
            LOG.info("Connected to bank host {}:{}, signing on", settings.host(), settings.port());
            runOnWorker(() -> signOn(ch));
        });
    }

    private void linkDown(Channel ch) {
        signedOn.set(false);
        if (channel == ch) {
            channel = null;
        }
        pending.forEach((key, answer) -> {
            if (pending.remove(key, answer)) {
                answer.completeExceptionally(new LinkUnavailable("connection to the bank lost"));
            }
        });
        if (!closing) {
            LOG.warn("Bank link to {}:{} is down", settings.host(), settings.port());
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        if (closing) {
            return;
        }
        int failures = failedConnections.getAndIncrement();
        long delay = Math.min(settings.reconnectMax().toMillis(), FIRST_RECONNECT_MILLIS << Math.min(failures, 16));
        try {
            group.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // closing
        }
    }

    private void signOn(Channel ch) {
        Optional<Iso8583Message> answer = networkExchange(ch, BankMessages.SIGN_ON);
        if (answer.isPresent() && APPROVED.equals(answer.get().field(39))) {
            signedOn.set(true);
            failedConnections.set(0);
            LOG.info("Signed on to bank host {}:{}", settings.host(), settings.port());
            listener.signedOn();
        } else {
            LOG.warn("Bank sign-on {}: closing the connection",
                    answer.map(a -> "refused with response code " + a.field(39)).orElse("unanswered"));
            ch.close();
        }
    }

    private void echo() {
        Channel ch = channel;
        if (ch == null || !signedOn.get()) {
            return;
        }
        Optional<Iso8583Message> answer = networkExchange(ch, BankMessages.ECHO);
        if (answer.isEmpty() || !APPROVED.equals(answer.get().field(39))) {
            LOG.warn("Bank echo {}: closing the connection to reconnect",
                    answer.map(a -> "answered with response code " + a.field(39)).orElse("unanswered"));
            ch.close();
        }
    }

    private Optional<Iso8583Message> networkExchange(Channel ch, String code) {
        try {
            Sent sent = send(ch, messages.network(code, stans.next(), Instant.now()));
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

    /** Reads what the bank sends: answers to our requests, its own network management requests. */
    private final class Inbound extends SimpleChannelInboundHandler<Object> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof RejectedMessage rejected) {
                LOG.warn("Unreadable message from the bank ignored: {}", rejected.reason());
                return;
            }
            Iso8583Message message = (Iso8583Message) msg;
            if (Iso8583Matching.isRequest(message.mti())) {
                answerBankRequest(ctx, message);
                return;
            }
            CompletableFuture<Iso8583Message> waiting = pending.remove(pendingKey(message.mti(), message));
            if (waiting != null) {
                waiting.complete(message);
            } else {
                runOnWorker(() -> listener.unsolicited(message));
            }
        }

        /** The bank may echo us too: answer its 0800; nothing else is served on this side. */
        private void answerBankRequest(ChannelHandlerContext ctx, Iso8583Message request) {
            if (!request.mti().equals("0800")) {
                LOG.warn("Bank sent a request the gateway does not serve, ignored: {}", request);
                return;
            }
            Iso8583Message answer = Iso8583Message.of("0810");
            for (int field : new int[] {7, 11, 70}) {
                if (request.has(field)) {
                    answer = answer.with(field, request.field(field));
                }
            }
            ctx.writeAndFlush(answer.with(39, APPROVED)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("Bank connection error, closing: {}", cause.getClass().getSimpleName());
            ctx.close();
        }
    }

    @Override
    public void close() {
        closing = true;
        if (echoTask != null) {
            echoTask.cancel(false);
        }
        Channel ch = channel;
        if (ch != null) {
            ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
