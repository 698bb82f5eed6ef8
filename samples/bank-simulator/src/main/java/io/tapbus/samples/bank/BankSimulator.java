package io.tapbus.samples.bank;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.tapbus.connector.bank.Iso8583Codec;
import io.tapbus.connector.bank.Iso8583FrameDecoder;
import io.tapbus.connector.bank.Iso8583FrameEncoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The bank host on loopback: the ISO 8583 port and, unless turned off, the control port. */
public final class BankSimulator implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final SimulatorOptions options;
    private final Journal journal = new Journal();
    private final Behaviour behaviour;
    private final Consumer<String> log;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private Channel hostChannel;
    private Channel controlChannel;

    public BankSimulator(SimulatorOptions options, Consumer<String> log) {
        this.options = options;
        this.behaviour = new Behaviour(options.mode(), options.delayMillis());
        this.log = log;
    }

    public BankSimulator start() throws InterruptedException {
        Iso8583Codec codec = Iso8583Codec.named(options.packager());
        Iso8583FrameEncoder encoder = new Iso8583FrameEncoder(codec, options.framing());
        BankHost host = new BankHost(options.rules(), journal);
        hostChannel = bind(options.port(), new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new Iso8583FrameDecoder(codec, options.framing()), encoder,
                        new BankServerHandler(host, behaviour, journal, log));
            }
        });
        if (options.controlPort() >= 0) {
            ControlHandler control = new ControlHandler(behaviour, journal);
            controlChannel = bind(options.controlPort(), new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new LineBasedFrameDecoder(1024),
                            new StringDecoder(StandardCharsets.US_ASCII), new StringEncoder(StandardCharsets.UTF_8),
                            control);
                }
            });
        }
        return this;
    }

    private Channel bind(int port, ChannelInitializer<SocketChannel> initializer) throws InterruptedException {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class).childHandler(initializer)
                .bind(LOOPBACK, port).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) hostChannel.localAddress()).getPort();
    }

    /** The control port, or -1 when it is off. */
    public int controlPort() {
        return controlChannel == null ? -1 : ((InetSocketAddress) controlChannel.localAddress()).getPort();
    }

    public Journal journal() {
        return journal;
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    /** Runs until the server channel closes (Ctrl-C closes it through {@link #close()}). */
    public void awaitClose() throws InterruptedException {
        hostChannel.closeFuture().sync();
    }

    @Override
    public void close() {
        if (hostChannel != null) {
            hostChannel.close().syncUninterruptibly();
        }
        if (controlChannel != null) {
            controlChannel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
