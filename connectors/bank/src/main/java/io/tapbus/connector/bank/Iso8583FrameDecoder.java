package io.tapbus.connector.bank;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.AttributeKey;
import java.util.List;

/**
 * Cuts the TCP stream at the length headers of the link's {@link Iso8583Framing} and emits an
 * {@link Iso8583Message} per frame that decodes and a {@link RejectedMessage} per frame that does not; it never
 * throws on bad input. A frame with a bad body (or a TPDU that does not match the configuration) leaves the stream
 * on a frame boundary, so later frames are still read. Only a length header that is no length (4 ASCII characters
 * that are not digits) loses the stream: that is rejected too, and the connection closed.
 *
 * <p>The TPDU of the last frame is kept on the channel ({@link #RECEIVED_TPDU}) for the encoder to answer with.
 * Holds per-channel state: one instance per channel.
 */
public class Iso8583FrameDecoder extends ByteToMessageDecoder {

    /** The TPDU the peer sent last on this channel. */
    public static final AttributeKey<Tpdu> RECEIVED_TPDU = AttributeKey.valueOf("tapbus.iso8583.receivedTpdu");

    private final Iso8583Codec codec;
    private final Iso8583Framing framing;

    public Iso8583FrameDecoder(Iso8583Codec codec) {
        this(codec, Iso8583Framing.DEFAULT);
    }

    public Iso8583FrameDecoder(Iso8583Codec codec, Iso8583Framing framing) {
        this.codec = codec;
        this.framing = framing;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        LengthHeader header = framing.header();
        if (in.readableBytes() < header.size()) {
            return;
        }
        int length;
        try {
            length = header.read(in, in.readerIndex());
        } catch (Iso8583Exception lost) {
            in.skipBytes(in.readableBytes());
            out.add(new RejectedMessage(lost, 0, java.util.Optional.empty()));
            ctx.close();
            return;
        }
        if (in.readableBytes() < header.size() + length) {
            return;
        }
        in.skipBytes(header.size());
        byte[] frame = new byte[length];
        in.readBytes(frame);
        try {
            Iso8583Framing.Received received = framing.read(frame, codec);
            received.tpdu().ifPresent(tpdu -> ctx.channel().attr(RECEIVED_TPDU).set(tpdu));
            out.add(received.message());
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
