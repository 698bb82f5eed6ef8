package io.tapbus.connector.reader;

import static io.tapbus.connector.reader.TestFrames.READER;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReaderFrameDecoderTest {

    private final List<ByteBuf> written = new ArrayList<>();
    private final List<Object> userEvents = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ReaderFrameDecoder(), new ChannelInboundHandlerAdapter() {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            userEvents.add(evt);
        }
    });

    @AfterEach
    void noBufferLeaks() {
        channel.finishAndReleaseAll();
        for (ByteBuf buf : written) {
            assertThat(buf.refCnt()).as("input buffer released").isZero();
        }
    }

    @Test
    void reassemblesAFrameSplitAcrossSeveralWrites() throws FrameException {
        byte[] frame = TestFrames.tap(7);
        write(Arrays.copyOfRange(frame, 0, 1));
        write(Arrays.copyOfRange(frame, 1, 4));
        write(Arrays.copyOfRange(frame, 4, 20));
        assertThat((Object) channel.readInbound()).isNull();

        write(Arrays.copyOfRange(frame, 20, frame.length));
        assertThat((Object) channel.readInbound()).isEqualTo(ReaderFrameCodec.decode(frame));
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void cutsTwoFramesDeliveredInOneBuffer() {
        byte[] first = TestFrames.tap(7);
        byte[] second = TestFrames.tap(8);
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        write(both);

        assertThat(channel.<ReaderFrame>readInbound().sequence()).isEqualTo(7);
        assertThat(channel.<ReaderFrame>readInbound().sequence()).isEqualTo(8);
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void rejectsBadMagicAtTheFirstByteAndDiscardsTheRestOfTheStream() {
        write(new byte[] {'G'});
        RejectedFrame rejected = channel.readInbound();
        assertThat(rejected.code()).isEqualTo(ErrorCode.MALFORMED);
        assertThat(rejected.reason()).contains("magic");
        assertThat(rejected.closeConnection()).isTrue();
        assertThat(rejected.readerId()).isNull();
        assertThat(rejected.sequence()).isZero();

        write(TestFrames.tap(7));
        assertThat((Object) channel.readInbound()).as("input after a fatal rejection is discarded").isNull();
    }

    @Test
    void rejectsAnUnsupportedVersionBeforeTheLengthArrives() {
        write(new byte[] {0x54, 0x42, 0x02});
        RejectedFrame rejected = channel.readInbound();
        assertThat(rejected.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
        assertThat(rejected.reason()).contains("0x02");
        assertThat(rejected.closeConnection()).isTrue();
    }

    @Test
    void rejectsAnOversizedLengthWithoutWaitingForTheBody() {
        write(new byte[] {0x54, 0x42, 0x01, (byte) 0xFF, (byte) 0xFF});
        RejectedFrame rejected = channel.readInbound();
        assertThat(rejected.code()).isEqualTo(ErrorCode.OVERSIZED);
        assertThat(rejected.reason()).contains("65540").contains("4096");
        assertThat(rejected.closeConnection()).isTrue();
    }

    @Test
    void rejectsALengthInconsistentWithReaderIdAndBodyLengths() {
        byte[] frame = TestFrames.tap(7);
        frame[15 + READER.length() + 1]++; // body length one more than L allows
        write(frame);
        RejectedFrame rejected = channel.readInbound();
        assertThat(rejected.code()).isEqualTo(ErrorCode.MALFORMED);
        assertThat(rejected.readerId()).isEqualTo(READER);
        assertThat(rejected.sequence()).isEqualTo(7);
        assertThat(rejected.closeConnection()).isTrue();

        write(TestFrames.tap(8));
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void rejectsZeroLengthAndNonAsciiReaderIds() {
        byte[] zeroLength = TestFrames.tap(7);
        zeroLength[14] = 0;
        write(zeroLength);
        assertThat(channel.<RejectedFrame>readInbound().code()).isEqualTo(ErrorCode.MALFORMED);

        EmbeddedChannel other = new EmbeddedChannel(new ReaderFrameDecoder());
        byte[] nonAscii = TestFrames.tap(7);
        nonAscii[15] = (byte) 0xE4;
        ByteBuf buf = Unpooled.wrappedBuffer(nonAscii);
        other.writeInbound(buf);
        RejectedFrame rejected = other.readInbound();
        assertThat(rejected.code()).isEqualTo(ErrorCode.MALFORMED);
        assertThat(rejected.reason()).contains("ASCII");
        other.finishAndReleaseAll();
        assertThat(buf.refCnt()).isZero();
    }

    @Test
    void keepsDecodingAfterARejectionThatDoesNotCloseTheConnection() {
        byte[] unknownType = TestFrames.tap(7);
        unknownType[5] = 0x05;
        write(unknownType);
        write(TestFrames.tap(8));

        RejectedFrame rejected = channel.readInbound();
        assertThat(rejected.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(rejected.closeConnection()).isFalse();
        assertThat(channel.<ReaderFrame>readInbound().sequence()).isEqualTo(8);
    }

    @Test
    void answersTruncatedWhenTheReaderGoesIdleMidFrame() {
        byte[] frame = TestFrames.tap(7);
        write(Arrays.copyOf(frame, 40));
        assertThat((Object) channel.readInbound()).isNull();

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);

        RejectedFrame rejected = channel.readInbound();
        assertThat(rejected.code()).isEqualTo(ErrorCode.TRUNCATED);
        assertThat(rejected.reason()).isEqualTo("incomplete frame: got 40 of " + frame.length + " bytes before the idle timeout");
        assertThat(rejected.readerId()).isEqualTo(READER);
        assertThat(rejected.sequence()).isEqualTo(7);
        assertThat(rejected.closeConnection()).isTrue();
        assertThat(userEvents).as("the idle event was consumed").isEmpty();

        write(Arrays.copyOfRange(frame, 40, frame.length));
        assertThat((Object) channel.readInbound()).as("the rest of the late frame is discarded").isNull();
    }

    @Test
    void realIdleStateHandlerInFrontOfTheDecoderTriggersTruncated() {
        EmbeddedChannel timed = new EmbeddedChannel();
        timed.freezeTime();
        timed.pipeline().addLast(ReaderChannelHandlers.idleHandler(Duration.ofSeconds(10)).newChannelHandler(),
                ReaderChannelHandlers.frameDecoder().newChannelHandler());
        ByteBuf partial = Unpooled.wrappedBuffer(Arrays.copyOf(TestFrames.tap(7), 12));
        timed.writeInbound(partial);

        timed.advanceTimeBy(9, TimeUnit.SECONDS);
        timed.runScheduledPendingTasks();
        assertThat((Object) timed.readInbound()).as("not idle long enough yet").isNull();

        timed.advanceTimeBy(2, TimeUnit.SECONDS);
        timed.runScheduledPendingTasks();
        RejectedFrame rejected = timed.readInbound();
        assertThat(rejected.code()).isEqualTo(ErrorCode.TRUNCATED);
        assertThat(rejected.reason()).startsWith("incomplete frame: got 12 of ");
        assertThat(rejected.sequence()).isZero();

        timed.finishAndReleaseAll();
        assertThat(partial.refCnt()).isZero();
    }

    @Test
    void truncatedBeforeTheLengthFieldSaysHowMuchWasExpectedAtLeast() {
        write(new byte[] {0x54, 0x42});
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        RejectedFrame rejected = channel.readInbound();
        assertThat(rejected.reason()).isEqualTo("incomplete frame: got 2 of at least 26 bytes before the idle timeout");
        assertThat(rejected.readerId()).isNull();
    }

    @Test
    void idleWithNothingBufferedIsPassedOn() {
        write(TestFrames.tap(7));
        assertThat((Object) channel.readInbound()).isInstanceOf(ReaderFrame.class);

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);

        assertThat((Object) channel.readInbound()).isNull();
        assertThat(userEvents).containsExactly(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void idleOnAChannelThatIsAlreadyDiscardingClosesIt() {
        write(new byte[] {0x00});
        assertThat(channel.<RejectedFrame>readInbound().closeConnection()).isTrue();

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        channel.runPendingTasks();

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aPartialFrameLeftAtCloseIsDroppedWithoutALeak() {
        write(Arrays.copyOf(TestFrames.tap(7), 30));
        channel.close();
        assertThat((Object) channel.readInbound()).isNull();
    }

    private void write(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        written.add(buf);
        channel.writeInbound(buf);
    }
}
