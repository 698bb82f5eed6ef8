package io.tapbus.samples.reader;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.bytes.ByteArrayEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.tapbus.connector.reader.ErrorCode;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain-Netty stand-in for the TapBus reader endpoint on a free loopback port: knows readers R-DEMO-1 and
 * R-BENCH-* by diversification from a master key, approves the funded demo card and declines the others.
 */
final class StubReaderServer implements AutoCloseable {

    static final String FUNDED_CARD = "04A1B2C3D4E5F6";
    static final String BLOCKED_CARD = "04B0B0B0B0B0B0";

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ReaderAuthenticator authenticator;
    private final AtomicLong taps = new AtomicLong();
    private final Channel serverChannel;

    StubReaderServer(byte[] masterKey) throws InterruptedException {
        authenticator = new ReaderAuthenticator(id -> id.equals("R-DEMO-1") || id.startsWith("R-BENCH-")
                ? Optional.of(new ReaderKey(ReaderKeys.diversify(masterKey, id), true))
                : Optional.empty(), new InMemoryReplayGuard());
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new IdleStateHandler(2, 0, 0, TimeUnit.SECONDS), new ReaderFrameDecoder(),
                                new ByteArrayEncoder(), new Responder());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    long taps() {
        return taps.get();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Responder extends SimpleChannelInboundHandler<Object> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof RejectedFrame rejected) {
                reply(ctx, ReaderFrameCodec.errorFrame(rejected, key(rejected.readerId())), rejected.closeConnection());
                return;
            }
            ReaderFrame frame = (ReaderFrame) msg;
            try {
                authenticator.authenticate(frame);
                byte[] key = key(frame.readerId());
                if (frame.type() == FrameType.HEARTBEAT) {
                    reply(ctx, ReaderFrameCodec.encode(FrameType.HEARTBEAT_ACK, frame.sequence(), frame.readerId(), null, key), false);
                } else if (frame.type() == FrameType.TAP_REQUEST) {
                    TapRequest tap = TapRequest.parse(frame);
                    taps.incrementAndGet();
                    TapResponse response = FUNDED_CARD.equals(tap.cardUid())
                            ? new TapResponse(TapResponse.Verdict.APPROVED, List.of(), "tx-" + frame.sequence(), "d-1", 100_000L, null)
                            : new TapResponse(TapResponse.Verdict.DECLINED,
                                    List.of(new TapResponse.Reason("CARD_BLOCKED", "card is blocked")), "tx-" + frame.sequence(), "d-1", null, null);
                    reply(ctx, ReaderFrameCodec.encode(FrameType.TAP_RESPONSE, frame.sequence(), frame.readerId(), response.toJson(), key), false);
                } else {
                    throw new FrameException(ErrorCode.UNKNOWN_TYPE, frame.type() + " is not a request", frame.readerId(), frame.sequence());
                }
            } catch (FrameException e) {
                reply(ctx, ReaderFrameCodec.errorFrame(e, key(e.readerId())), e.closesConnection());
            }
        }

        private byte[] key(String readerId) {
            return readerId == null ? null : authenticator.replyKey(readerId).orElse(null);
        }

        private void reply(ChannelHandlerContext ctx, byte[] frame, boolean close) {
            var written = ctx.writeAndFlush(frame);
            if (close) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
