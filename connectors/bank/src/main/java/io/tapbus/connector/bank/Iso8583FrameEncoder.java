package io.tapbus.connector.bank;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Writes an {@link Iso8583Message} framed as the link's {@link Iso8583Framing} says: length header, TPDU (a response
 * answers with the TPDU the peer sent last, addresses swapped; a request goes with the link's own), encoded bytes.
 * A message that does not encode is not written: the write's promise fails with the {@link Iso8583Exception} and
 * nothing is thrown into the pipeline. Other objects pass through. Stateless and shareable.
 */
@ChannelHandler.Sharable
public class Iso8583FrameEncoder extends ChannelOutboundHandlerAdapter {

    private final Iso8583Codec codec;
    private final Iso8583Framing framing;

    public Iso8583FrameEncoder(Iso8583Codec codec) {
        this(codec, Iso8583Framing.DEFAULT);
    }

    public Iso8583FrameEncoder(Iso8583Codec codec, Iso8583Framing framing) {
        this.codec = codec;
        this.framing = framing;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Iso8583Message message)) {
            ctx.write(msg, promise);
            return;
        }
        byte[] bytes;
        try {
            bytes = codec.encode(message);
        } catch (Iso8583Exception e) {
            promise.setFailure(e);
            return;
        }
        Tpdu tpdu = tpdu(ctx, message);
        int frameLength = bytes.length + (tpdu == null ? 0 : Tpdu.LENGTH);
        if (frameLength > framing.header().max()) {
            promise.setFailure(new Iso8583Exception(Iso8583Problem.BAD_LENGTH, "message of " + frameLength
                    + " bytes is over the " + framing.header().max() + " the " + framing.header()
                    + " length header allows"));
            return;
        }
        byte[] framed = framing.wrap(bytes, tpdu);
        ByteBuf frame = ctx.alloc().buffer(framed.length);
        frame.writeBytes(framed);
        ctx.write(frame, promise);
    }

    private Tpdu tpdu(ChannelHandlerContext ctx, Iso8583Message message) {
        if (framing.tpdu().isEmpty()) {
            return null;
        }
        Tpdu received = ctx.channel().attr(Iso8583FrameDecoder.RECEIVED_TPDU).get();
        return received != null && !Iso8583Matching.isRequest(message.mti()) ? received.answer()
                : framing.tpdu().get();
    }
}
