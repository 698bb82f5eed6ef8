package io.tapbus.connector.bank.session;

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
import io.tapbus.connector.bank.Iso8583FrameDecoder;
import io.tapbus.connector.bank.Iso8583FrameEncoder;
import io.tapbus.connector.bank.Iso8583Matching;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.bank.RejectedMessage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP connection to the bank host, framed and coded per {@link LinkSettings}: connects, reconnects with a
 * doubling backoff when the connection drops or cannot be made, answers the bank's own echo tests, and hands every
 * answer it reads to the {@link Events} of the session. Unreadable messages are logged and skipped: the link stays.
 *
 * <p>Netty directly rather than camel-netty: the link is a long-lived, multiplexed, stateful session (sign-on, echo,
 * answers in any order, late answers that must be recorded), which a request-reply producer endpoint does not model.
 */
final class BankConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BankConnection.class);
    private static final long FIRST_RECONNECT_MILLIS = 200;

    /** What the connection tells the session; called on the I/O thread. */
    interface Events {
        void connected(Channel channel);

        void answered(Iso8583Message response);

        void disconnected(Channel channel);
    }

    private final LinkSettings settings;
    private final Events events;
    private final Iso8583FrameEncoder encoder;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("tapbus-bank-io", true), NioIoHandler.newFactory());
    private final AtomicInteger failedConnections = new AtomicInteger();
    private volatile Channel channel;
    private volatile boolean closing;
    private Bootstrap bootstrap;

    BankConnection(LinkSettings settings, Events events) {
        this.settings = settings;
        this.events = events;
        this.encoder = new Iso8583FrameEncoder(settings.codec(), settings.framing());
    }

    void start() {
        bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1000, settings.timeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Iso8583FrameDecoder(settings.codec(), settings.framing()), encoder,
                                new Inbound());
                    }
                });
        connect();
    }

    /** The open connection, or null. */
    Channel channel() {
        return channel;
    }

    /** The session is established (signed on): the next drop reconnects from the shortest wait again. */
    void established() {
        failedConnections.set(0);
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
            LOG.info("Connected to bank host {}:{} ({} layout, {} framing), signing on", settings.host(),
                    settings.port(), settings.codec().packager().name(), settings.framing());
            events.connected(ch);
        });
    }

    private void linkDown(Channel ch) {
        if (channel == ch) {
            channel = null;
        }
        events.disconnected(ch);
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

    /** Reads what the bank sends: answers to our requests, its own network management requests. */
    private final class Inbound extends SimpleChannelInboundHandler<Object> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof RejectedMessage rejected) {
                // the link stays up: the request it answered, if any, times out and is reversed
                LOG.warn("Unreadable message from the bank ignored ({} layout, {} framing): {}",
                        settings.codec().packager().name(), settings.framing(), rejected.reason());
                return;
            }
            Iso8583Message message = (Iso8583Message) msg;
            if (Iso8583Matching.isRequest(message.mti())) {
                answerBankRequest(ctx, message);
                return;
            }
            events.answered(message);
        }

        /** The bank may echo us too: answer its 0800; nothing else is served on this side. */
        private void answerBankRequest(ChannelHandlerContext ctx, Iso8583Message request) {
            if (!request.mti().equals("0800")) {
                LOG.warn("Bank sent a request the gateway does not serve, ignored: {}", request);
                return;
            }
            ctx.writeAndFlush(NetworkMessages.approve(request)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
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
        Channel ch = channel;
        if (ch != null) {
            ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
