package io.tapbus.connector.bank;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the TCP stream at the 2-byte length prefixes ({@link Iso8583Framing}) and emits an {@link Iso8583Message} per
 * frame that decodes and a {@link RejectedMessage} per frame that does not; it never throws on bad input. A frame
 * with a bad body leaves the stream on a frame boundary, so later frames are still read.
 *
 * <p>Holds per-channel state: one instance per channel.
 */
public class Iso8583FrameDecoder extends ByteToMessageDecoder {

    private final Iso8583Codec codec;

    public Iso8583FrameDecoder(Iso8583Codec codec) {
        this.codec = codec;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < Iso8583Framing.PREFIX_LENGTH) {
            return;
        }
        int length = in.getUnsignedShort(in.readerIndex());
        if (in.readableBytes() < Iso8583Framing.PREFIX_LENGTH + length) {
            return;
        }
        in.skipBytes(Iso8583Framing.PREFIX_LENGTH);
        byte[] frame = new byte[length];
        in.readBytes(frame);
        try {
            out.add(codec.decode(frame));
        } catch (Iso8583Exception e) {
            out.add(new RejectedMessage(e, length, FormatErrorResponse.to(e, codec.packager())));
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        // The peer is gone: a partial frame can be neither completed nor answered.
        in.skipBytes(in.readableBytes());
    }
}
