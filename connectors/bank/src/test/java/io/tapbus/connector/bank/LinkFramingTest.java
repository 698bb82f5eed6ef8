package io.tapbus.connector.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tapbus.connector.common.Hex;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Framing per link: 4 ASCII digits (jPOS's ASCIIChannel) or 2 bytes, with or without a TPDU, and what the link says
 * when the peer frames otherwise. Netty's EmbeddedChannel, paranoid leak detection.
 */
class LinkFramingTest {

    private static final Iso8583Codec ASCII = Iso8583Codec.named("ascii");
    private static final Iso8583Codec BINARY = Iso8583Codec.named("binary");
    private static final Tpdu TPDU = Tpdu.ofHex("6000010000");

    private EmbeddedChannel channel;

    private EmbeddedChannel link(Iso8583Codec codec, Iso8583Framing framing) {
        channel = new EmbeddedChannel(new Iso8583FrameDecoder(codec, framing), new Iso8583FrameEncoder(codec, framing));
        return channel;
    }

    @AfterEach
    void noBufferLeftBehind() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    private static byte[] bytesOf(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        return bytes;
    }

    @Test
    void asciiFourDigitHeaderAsJposAsciiChannel() {
        EmbeddedChannel ch = link(ASCII, Iso8583Framing.of("ascii4", ""));
        byte[] echo = Golden.bytes("ascii", "0800-echo");

        ch.writeInbound(Unpooled.wrappedBuffer(String.format("%04d", echo.length).getBytes(StandardCharsets.US_ASCII),
                echo));
        ch.writeOutbound(Golden.message("ascii", "0810-sign-on-response"));

        assertThat((Object) ch.readInbound()).isEqualTo(Golden.message("ascii", "0800-echo"));
        byte[] written = bytesOf(ch.readOutbound());
        byte[] response = Golden.bytes("ascii", "0810-sign-on-response");
        assertThat(new String(written, 0, 4, StandardCharsets.US_ASCII)).isEqualTo(String.format("%04d",
                response.length));
        assertThat(Hex.of(written)).endsWith(Hex.of(response));
    }

    @Test
    void aTpduIsSplitOffAndAnAnswerGoesBackWithTheAddressesSwapped() {
        EmbeddedChannel ch = link(BINARY, new Iso8583Framing(LengthHeader.BINARY2, TPDU));
        byte[] request = Golden.bytes("binary", "0200-purchase");
        Tpdu terminals = Tpdu.ofHex("6000120034");

        ch.writeInbound(Unpooled.wrappedBuffer(new Iso8583Framing(LengthHeader.BINARY2, null).wrap(request,
                terminals)));
        ch.writeOutbound(Golden.message("binary", "0210-declined"));
        ch.writeOutbound(Golden.message("binary", "0800-echo"));

        assertThat((Object) ch.readInbound()).isEqualTo(Golden.message("binary", "0200-purchase"));
        assertThat(Hex.of(bytesOf(ch.readOutbound()))).startsWith(Hex.of(LengthHeader.BINARY2.encode(
                5 + Golden.bytes("binary", "0210-declined").length)) + "6000340012");
        assertThat(Hex.of(bytesOf(ch.readOutbound()))).as("a request of our own goes with the link's TPDU")
                .contains("6000010000" + Hex.of(Golden.bytes("binary", "0800-echo")));
    }

    @Test
    void aFrameWithoutTheConfiguredTpduIsRejectedAndTheLinkReadsOn() {
        EmbeddedChannel ch = link(ASCII, new Iso8583Framing(LengthHeader.ASCII4, TPDU));
        Iso8583Framing plain = Iso8583Framing.of("ascii4", null);

        ch.writeInbound(Unpooled.wrappedBuffer(plain.wrap(Golden.bytes("ascii", "0800-echo")),
                plain.wrap(Golden.bytes("ascii", "0800-echo"), TPDU)));

        RejectedMessage rejected = ch.readInbound();
        assertThat(rejected.error().problem()).isEqualTo(Iso8583Problem.MISSING_TPDU);
        assertThat(rejected.reason()).contains("expects a 5-byte TPDU starting 60").contains("starts with 30");
        assertThat(rejected.formatErrorResponse()).as("answered 0810 39=30, not cut off").get()
                .satisfies(r -> assertThat(r.mti() + " " + r.field(39)).isEqualTo("0810 30"));
        assertThat((Object) ch.readInbound()).isEqualTo(Golden.message("ascii", "0800-echo"));
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void aTpduWhereNoneIsConfiguredIsNamedAsSuch() {
        for (Iso8583Codec codec : new Iso8583Codec[] {ASCII, BINARY}) {
            EmbeddedChannel ch = link(codec, Iso8583Framing.DEFAULT);
            String layout = codec.packager().name();

            ch.writeInbound(Unpooled.wrappedBuffer(Iso8583Framing.DEFAULT.wrap(Golden.bytes(layout, "0800-echo"), TPDU),
                    Iso8583Framing.frame(Golden.bytes(layout, "0800-echo"))));

            RejectedMessage rejected = ch.readInbound();
            assertThat(rejected.error().problem()).as(layout).isEqualTo(Iso8583Problem.UNEXPECTED_TPDU);
            assertThat(rejected.reason()).contains("TPDU (6000010000)").contains("none configured");
            assertThat(rejected.formatErrorResponse()).get().extracting(r -> r.field(39)).isEqualTo("30");
            assertThat((Object) ch.readInbound()).isEqualTo(Golden.message(layout, "0800-echo"));
            ch.finishAndReleaseAll();
        }
        channel = null;
    }

    @Test
    void aLengthHeaderThatDoesNotMatchTheMessageSaysSoAndNamesTheField() {
        EmbeddedChannel ch = link(ASCII, Iso8583Framing.of("ascii4", ""));
        byte[] echo = Golden.bytes("ascii", "0800-echo");
        byte[] twoMore = java.util.Arrays.copyOf(echo, echo.length + 2);
        twoMore[echo.length] = '0';
        twoMore[echo.length + 1] = '0';
        byte[] shortOfTheLastField = java.util.Arrays.copyOf(echo, echo.length - 1);

        ch.writeInbound(Unpooled.wrappedBuffer(Iso8583Framing.of("ascii4", "").wrap(twoMore),
                Iso8583Framing.of("ascii4", "").wrap(shortOfTheLastField),
                Iso8583Framing.of("ascii4", "").wrap(echo)));

        RejectedMessage tooLong = ch.readInbound();
        assertThat(tooLong.error().problem()).isEqualTo(Iso8583Problem.TRAILING_BYTES);
        assertThat(tooLong.reason()).contains("length header announces " + (echo.length + 2) + " bytes")
                .contains("2 bytes left").contains("field 70");
        RejectedMessage tooShort = ch.readInbound();
        assertThat(tooShort.error().problem()).isEqualTo(Iso8583Problem.TRUNCATED);
        assertThat(tooShort.error().field()).isEqualTo(70);
        assertThat(tooShort.reason()).contains("length header announces " + (echo.length - 1) + " bytes")
                .contains("field 70 (network management information code)");
        assertThat(tooShort.formatErrorResponse()).get().extracting(m -> m.field(39)).isEqualTo("30");
        assertThat((Object) ch.readInbound()).isEqualTo(Golden.message("ascii", "0800-echo"));
    }

    @Test
    void anAsciiHeaderThatIsNoLengthLosesTheStreamAndClosesTheConnection() {
        EmbeddedChannel ch = link(ASCII, Iso8583Framing.of("ascii4", ""));

        ch.writeInbound(Unpooled.wrappedBuffer("00X8".getBytes(StandardCharsets.US_ASCII),
                Golden.bytes("ascii", "0800-echo")));

        RejectedMessage rejected = ch.readInbound();
        assertThat(rejected.error().problem()).isEqualTo(Iso8583Problem.BAD_LENGTH_HEADER);
        assertThat(rejected.reason()).contains("byte 3 of 4 is 58");
        assertThat(rejected.formatErrorResponse()).isEmpty();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void aMessageTooLongForTheHeaderIsNotWritten() {
        EmbeddedChannel ch = link(ASCII, Iso8583Framing.of("ascii4", ""));
        Iso8583Message huge = Iso8583Message.of("0200");
        for (int n = 105; n <= 127; n++) {
            huge = huge.with(n, "x".repeat(999));
        }

        io.netty.channel.ChannelFuture written = ch.writeOneOutbound(huge);
        ch.flushOutbound();

        assertThat(written.cause()).isInstanceOf(Iso8583Exception.class).hasMessageContaining("over the 9999");
        assertThat((Object) ch.readOutbound()).isNull();
    }

    @Test
    void settingsThatAreNoFraming() {
        assertThatThrownBy(() -> Iso8583Framing.of("ascii2", "")).hasMessageContaining("binary2")
                .hasMessageContaining("ascii4");
        assertThatThrownBy(() -> Iso8583Framing.of("binary2", "60000100")).hasMessageContaining("10 hex digits");
        assertThat(Iso8583Framing.of("ascii4", "6000010000")).hasToString("ascii4 with TPDU 6000010000");
    }
}
