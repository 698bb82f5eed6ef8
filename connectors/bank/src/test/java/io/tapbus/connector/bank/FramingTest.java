package io.tapbus.connector.bank;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The length-prefix framing on Netty's EmbeddedChannel; surefire runs with paranoid leak detection. */
class FramingTest {

    private static final Iso8583Codec CODEC = Iso8583Codec.named("ascii");

    private final EmbeddedChannel channel = new EmbeddedChannel(new Iso8583FrameDecoder(CODEC),
            new Iso8583FrameEncoder(CODEC));

    @AfterEach
    void noBufferLeftBehind() {
        channel.finishAndReleaseAll();
    }

    private static byte[] framed(String golden) {
        return Iso8583Framing.frame(Golden.bytes("ascii", golden));
    }

    @Test
    void aFrameSplitAcrossReadsDecodesOnceComplete() {
        byte[] frame = framed("0200-purchase");

        assertThat(channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(frame, 0, 1)))).isFalse();
        assertThat(channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(frame, 1, 40)))).isFalse();
        assertThat(channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(frame, 40, frame.length))))
                .isTrue();

        assertThat((Object) channel.readInbound()).isEqualTo(Golden.message("ascii", "0200-purchase"));
    }

    @Test
    void twoFramesInOneRead() {
        byte[] first = framed("0800-echo");
        byte[] second = framed("0100-authorization");
        ByteBuf both = Unpooled.buffer().writeBytes(first).writeBytes(second);

        channel.writeInbound(both);

        assertThat((Object) channel.readInbound()).isEqualTo(Golden.message("ascii", "0800-echo"));
        assertThat((Object) channel.readInbound()).isEqualTo(Golden.message("ascii", "0100-authorization"));
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void aBadFrameBecomesARejectedMessageAndTheNextFrameStillDecodes() {
        byte[] bad = Iso8583Framing.frame("0200202000000080000000000000012XTAPBUS01".getBytes());
        byte[] good = framed("0800-sign-on");

        channel.writeInbound(Unpooled.buffer().writeBytes(bad).writeBytes(good));

        RejectedMessage rejected = channel.readInbound();
        assertThat(rejected.error().problem()).isEqualTo(Iso8583Problem.BAD_VALUE);
        assertThat(rejected.error().field()).isEqualTo(11);
        assertThat(rejected.frameLength()).isEqualTo(bad.length - 2);
        assertThat(rejected.formatErrorResponse()).get().satisfies(r -> {
            assertThat(r.mti()).isEqualTo("0210");
            assertThat(r.field(39)).isEqualTo("30");
        });
        assertThat((Object) channel.readInbound()).isEqualTo(Golden.message("ascii", "0800-sign-on"));
    }

    @Test
    void anEmptyFrameIsRejectedWithoutAResponse() {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0}));

        RejectedMessage rejected = channel.readInbound();
        assertThat(rejected.error().problem()).isEqualTo(Iso8583Problem.TRUNCATED);
        assertThat(rejected.formatErrorResponse()).isEmpty();
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(8583);
        for (int i = 0; i < 2000; i++) {
            byte[] body = new byte[random.nextInt(60)];
            random.nextBytes(body);
            if (i % 2 == 0 && body.length >= 20) {
                System.arraycopy("0200".getBytes(), 0, body, 0, 4); // get past the MTI often
            }
            channel.writeInbound(Unpooled.wrappedBuffer(Iso8583Framing.frame(body)));
            Object decoded = channel.readInbound();
            assertThat(decoded).isInstanceOfAny(Iso8583Message.class, RejectedMessage.class);
        }
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void encoderWritesTheLengthPrefixThenTheMessage() {
        Iso8583Message message = Golden.message("ascii", "0810-sign-on-response");

        assertThat(channel.writeOutbound(message)).isTrue();

        ByteBuf written = channel.readOutbound();
        try {
            byte[] bytes = new byte[written.readableBytes()];
            written.readBytes(bytes);
            assertThat(bytes).isEqualTo(framed("0810-sign-on-response"));
            assertThat((bytes[0] & 0xff) << 8 | bytes[1] & 0xff).isEqualTo(bytes.length - 2);
        } finally {
            written.release();
        }
    }

    @Test
    void encoderFailsTheWriteOfABadMessageWithoutThrowing() {
        ChannelFuture write = channel.writeAndFlush(Iso8583Message.of("0800").with(11, "1"));

        assertThat(write.isDone()).isTrue();
        assertThat(write.cause()).isInstanceOf(Iso8583Exception.class).hasMessageContaining("field 11");
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(channel.isOpen()).isTrue();
    }
}
