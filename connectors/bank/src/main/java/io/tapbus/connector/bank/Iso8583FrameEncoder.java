package io.tapbus.connector.bank;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Writes an {@link Iso8583Message} as its length prefix and encoded bytes. A message that does not encode is not
 * written: the write's promise fails with the {@link Iso8583Exception} and nothing is thrown into the pipeline.
 * Other objects pass through. Stateless and shareable.
 */
@ChannelHandler.Sharable
public class Iso8583FrameEncoder extends ChannelOutboundHandlerAdapter {

    private final Iso8583Codec codec;

    public Iso8583FrameEncoder(Iso8583Codec codec) {
        this.codec = codec;
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
        if (bytes.length > Iso8583Framing.MAX_MESSAGE_LENGTH) {
            promise.setFailure(new Iso8583Exception(Iso8583Problem.BAD_LENGTH, "message of " + bytes.length
                    + " bytes is over the 65535 a 2-byte length prefix allows"));
            return;
        }
        ByteBuf frame = ctx.alloc().buffer(Iso8583Framing.PREFIX_LENGTH + bytes.length);
        frame.writeShort(bytes.length).writeBytes(bytes);
        ctx.write(frame, promise);
    }
}
