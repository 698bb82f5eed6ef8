package io.tapbus.samples.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.bytes.ByteArrayEncoder;
import io.tapbus.connector.reader.FrameException;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.InMemoryReplayGuard;
import io.tapbus.connector.reader.ReaderAuthenticator;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.ReaderFrameCodec;
import io.tapbus.connector.reader.ReaderFrameDecoder;
import io.tapbus.connector.reader.ReaderKey;
import io.tapbus.connector.reader.ReaderKeys;
import io.tapbus.connector.reader.RejectedFrame;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.connector.reader.TapResponse;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny reader endpoint that answers as the bus would, with the real codec of connectors/reader: frames cut by
 * {@link ReaderFrameDecoder}, MAC and rising sequence checked by {@link ReaderAuthenticator} (keys diversified from the
 * master key), TAP_RESPONSE APPROVED in order per connection, except DECLINED for the cards in {@code declined}.
 */
final class FakeReaderBus implements AutoCloseable {

    final AtomicLong taps = new AtomicLong();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    FakeReaderBus(byte[] masterKey, Set<String> declined) throws InterruptedException {
        ReaderAuthenticator auth = new ReaderAuthenticator(
                id -> Optional.of(new ReaderKey(ReaderKeys.diversify(masterKey, id), true)), new InMemoryReplayGuard());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ReaderFrameDecoder(), new ByteArrayEncoder(),
                                new SimpleChannelInboundHandler<Object>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
                                        ctx.writeAndFlush(answer(auth, msg, declined));
                                    }
                                });
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    private byte[] answer(ReaderAuthenticator auth, Object msg, Set<String> declined) {
        if (msg instanceof RejectedFrame r) {
            return ReaderFrameCodec.errorFrame(r, null);
        }
        ReaderFrame frame = (ReaderFrame) msg;
        byte[] key = auth.replyKey(frame.readerId()).orElse(null);
        try {
            auth.authenticate(frame);
            TapRequest tap = TapRequest.parse(frame);
            taps.incrementAndGet();
            boolean approve = !declined.contains(tap.cardUid());
            TapResponse response = new TapResponse(approve ? TapResponse.Verdict.APPROVED : TapResponse.Verdict.DECLINED,
                    approve ? List.of() : List.of(new TapResponse.Reason("CARD_NOT_ACTIVE", "blocked")), "T-1", "D-1", 1L,
                    tap.correlationId());
            return ReaderFrameCodec.encode(FrameType.TAP_RESPONSE, frame.sequence(), frame.readerId(), response.toJson(), key);
        } catch (FrameException e) {
            return ReaderFrameCodec.errorFrame(e, key);
        }
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
