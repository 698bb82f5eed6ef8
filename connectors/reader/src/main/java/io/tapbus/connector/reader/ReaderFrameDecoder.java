package io.tapbus.connector.reader;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Cuts the TCP byte stream into reader protocol frames and emits a {@link ReaderFrame} per valid frame
 * or a {@link RejectedFrame} per bad one; it never throws on bad input.
 *
 * <p>Bad magic, an unsupported version or an impossible length field are rejected as soon as the bytes
 * arrive. After any rejection that closes the connection the stream can no longer be trusted to be on a
 * frame boundary, so every further byte on the channel is discarded (the route replies ERROR and closes).
 *
 * <p>Put an {@link io.netty.handler.timeout.IdleStateHandler} in front of it: when the reader goes idle
 * while part of a frame is buffered the decoder emits TRUNCATED. A reader-idle event on a channel that is
 * already discarding closes it, in case nothing downstream did.
 *
 * <p>Holds per-channel state: one instance per channel (use {@link ReaderChannelHandlers#frameDecoder()}).
 */
public class ReaderFrameDecoder extends ByteToMessageDecoder {

    private final byte[] prefix = new byte[ReaderFrameCodec.PREFIX_LENGTH];
    private boolean discarding;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int available = in.readableBytes();
        int peek = Math.min(available, ReaderFrameCodec.PREFIX_LENGTH);
        in.getBytes(in.readerIndex(), prefix, 0, peek);
        int total;
        try {
            total = ReaderFrameCodec.frameLength(prefix, peek);
        } catch (FrameException e) {
            reject(e.toRejectedFrame(), in, out);
            return;
        }
        if (total < 0 || available < total) {
            return;
        }
        byte[] frame = new byte[total];
        in.readBytes(frame);
        try {
            out.add(ReaderFrameCodec.decode(frame));
        } catch (FrameException e) {
            RejectedFrame rejected = e.toRejectedFrame();
            if (rejected.closeConnection()) {
                reject(rejected, in, out);
            } else {
                out.add(rejected);
            }
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        // The peer is gone: a partial frame can be neither completed nor answered.
        in.skipBytes(in.readableBytes());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle
                && (idle.state() == IdleState.READER_IDLE || idle.state() == IdleState.ALL_IDLE)) {
            if (discarding) {
                ctx.close();
                return;
            }
            int buffered = actualReadableBytes();
            if (buffered > 0) {
                RejectedFrame truncated = truncated(internalBuffer(), buffered);
                discarding = true;
                internalBuffer().skipBytes(buffered);
                ctx.fireChannelRead(truncated);
                ctx.fireChannelReadComplete();
                return;
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    private void reject(RejectedFrame rejected, ByteBuf in, List<Object> out) {
        discarding = true;
        in.skipBytes(in.readableBytes());
        out.add(rejected);
    }

    /** Names the reader and sequence when enough of the partial frame arrived, so the reply can be MACed. */
    private static RejectedFrame truncated(ByteBuf in, int buffered) {
        int start = in.readerIndex();
        String expected;
        if (buffered >= ReaderFrameCodec.PREFIX_LENGTH) {
            expected = String.valueOf(ReaderFrameCodec.PREFIX_LENGTH + in.getUnsignedShort(start + 3));
        } else {
            expected = "at least " + (ReaderFrameCodec.PREFIX_LENGTH + ReaderFrameCodec.MIN_L);
        }
        long sequence = 0;
        String readerId = null;
        if (buffered >= 15) {
            sequence = Math.max(0, in.getLong(start + 6));
            int n = in.getUnsignedByte(start + 14);
            if (n >= 1 && n <= ReaderFrameCodec.MAX_READER_ID_LENGTH && buffered >= 15 + n) {
                String candidate = in.toString(start + 15, n, StandardCharsets.US_ASCII);
                readerId = ReaderFrameCodec.isValidReaderId(candidate) ? candidate : null;
            }
        }
        String reason = "incomplete frame: got " + buffered + " of " + expected + " bytes before the idle timeout";
        return new RejectedFrame(ErrorCode.TRUNCATED, reason, readerId, sequence, true);
    }
}
