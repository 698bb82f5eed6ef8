package io.tapbus.connector.reader;

import static io.tapbus.connector.reader.TestFrames.KEY;
import static io.tapbus.connector.reader.TestFrames.READER;
import static io.tapbus.connector.reader.TestFrames.TAP_BODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ReaderFrameCodecTest {

    @Test
    void roundTripsEveryFrameType() throws FrameException {
        for (FrameType type : FrameType.values()) {
            byte[] body = type.requiresBody() ? TAP_BODY : new byte[0];
            ReaderFrame frame = ReaderFrameCodec.decode(ReaderFrameCodec.encode(type, 42, READER, body, KEY));
            assertThat(frame.type()).isEqualTo(type);
            assertThat(frame.sequence()).isEqualTo(42);
            assertThat(frame.readerId()).isEqualTo(READER);
            assertThat(frame.body()).isEqualTo(body);
            assertThat(frame.hasZeroMac()).isFalse();
        }
    }

    @Test
    void nullKeyGivesTheZeroMac() throws FrameException {
        ReaderFrame frame = ReaderFrameCodec.decode(ReaderFrameCodec.encode(FrameType.HEARTBEAT, 1, READER, null, null));
        assertThat(frame.mac()).containsOnly(0);
        assertThat(frame.hasZeroMac()).isTrue();
    }

    @Test
    void acceptsTheLargestFrameAndRejectsOneByteMore() throws FrameException {
        String reader = "R".repeat(32);
        int maxBody = ReaderFrameCodec.MAX_FRAME_LENGTH - (5 + 1 + 8 + 1 + 32 + 2 + 8);
        byte[] body = jsonOfLength(maxBody);
        byte[] frame = ReaderFrameCodec.encode(FrameType.TAP_REQUEST, 1, reader, body, KEY);
        assertThat(frame).hasSize(4096);
        assertThat(ReaderFrameCodec.decode(frame).body()).isEqualTo(body);

        assertThatThrownBy(() -> ReaderFrameCodec.encode(FrameType.TAP_REQUEST, 1, reader, jsonOfLength(maxBody + 1), KEY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4097");
    }

    @Test
    void encodeRefusesFieldsThatCannotFormAFrame() {
        assertThatThrownBy(() -> ReaderFrameCodec.encode(FrameType.TAP_REQUEST, 0, READER, TAP_BODY, KEY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReaderFrameCodec.encode(FrameType.TAP_REQUEST, 1, "", TAP_BODY, KEY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReaderFrameCodec.encode(FrameType.TAP_REQUEST, 1, "R DEMO", TAP_BODY, KEY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReaderFrameCodec.encode(FrameType.TAP_REQUEST, 1, READER, new byte[0], KEY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void frameLengthReportsBadBytesAsSoonAsTheyArrive() throws FrameException {
        assertCode(() -> ReaderFrameCodec.frameLength(new byte[] {0x55}, 1), ErrorCode.MALFORMED);
        assertCode(() -> ReaderFrameCodec.frameLength(new byte[] {0x54, 0x43}, 2), ErrorCode.MALFORMED);
        assertCode(() -> ReaderFrameCodec.frameLength(new byte[] {0x54, 0x42, 0x02}, 3), ErrorCode.UNSUPPORTED_VERSION);
        assertThat(ReaderFrameCodec.frameLength(new byte[] {0x54, 0x42, 0x01, 0, 0}, 4)).isEqualTo(-1);
        assertThat(ReaderFrameCodec.frameLength(new byte[] {0x54, 0x42, 0x01, 0x0F, (byte) 0xFB}, 5)).isEqualTo(4096);
        assertCode(() -> ReaderFrameCodec.frameLength(new byte[] {0x54, 0x42, 0x01, 0x0F, (byte) 0xFC}, 5), ErrorCode.OVERSIZED);
        assertCode(() -> ReaderFrameCodec.frameLength(new byte[] {0x54, 0x42, 0x01, 0, 20}, 5), ErrorCode.MALFORMED);
    }

    @Test
    void rejectsShortAndOverlongInput() {
        byte[] frame = TestFrames.tap(7);
        assertCode(() -> ReaderFrameCodec.decode(Arrays.copyOf(frame, frame.length - 1)), ErrorCode.TRUNCATED);
        assertCode(() -> ReaderFrameCodec.decode(Arrays.copyOf(frame, 3)), ErrorCode.TRUNCATED);
        assertCode(() -> ReaderFrameCodec.decode(new byte[0]), ErrorCode.TRUNCATED);
        assertCode(() -> ReaderFrameCodec.decode(Arrays.copyOf(frame, frame.length + 1)), ErrorCode.MALFORMED);
    }

    @Test
    void rejectsALengthFieldThatDisagreesWithReaderIdAndBodyLengths() {
        byte[] frame = TestFrames.tap(7);
        int bodyLengthOffset = 15 + READER.length();
        frame[bodyLengthOffset + 1]--; // body one byte shorter than L implies
        FrameException e = catchFrameException(() -> ReaderFrameCodec.decode(frame));
        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED);
        assertThat(e.reason()).contains("does not match");
        assertThat(e.readerId()).isEqualTo(READER);
        assertThat(e.sequence()).isEqualTo(7);
        assertThat(e.closesConnection()).isTrue();
    }

    @Test
    void rejectsBadReaderIds() {
        byte[] zeroLength = TestFrames.tap(7);
        zeroLength[14] = 0;
        assertCode(() -> ReaderFrameCodec.decode(zeroLength), ErrorCode.MALFORMED);

        byte[] tooLong = TestFrames.tap(7);
        tooLong[14] = 33;
        assertCode(() -> ReaderFrameCodec.decode(tooLong), ErrorCode.MALFORMED);

        byte[] nonAscii = TestFrames.tap(7);
        nonAscii[15] = (byte) 0xC3;
        assertCode(() -> ReaderFrameCodec.decode(nonAscii), ErrorCode.MALFORMED);

        byte[] space = TestFrames.tap(7);
        space[16] = ' ';
        assertCode(() -> ReaderFrameCodec.decode(space), ErrorCode.MALFORMED);
    }

    @Test
    void rejectsUnknownTypeButKeepsTheConnection() {
        byte[] frame = TestFrames.tap(7);
        frame[5] = 0x03;
        FrameException e = catchFrameException(() -> ReaderFrameCodec.decode(frame));
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(e.reason()).contains("0x03");
        assertThat(e.readerId()).isEqualTo(READER);
        assertThat(e.closesConnection()).isFalse();
    }

    @Test
    void sequenceMustBePositiveExceptInErrorReplies() throws FrameException {
        byte[] zero = TestFrames.tap(7);
        Arrays.fill(zero, 6, 14, (byte) 0);
        assertCode(() -> ReaderFrameCodec.decode(zero), ErrorCode.MALFORMED);

        byte[] negative = TestFrames.tap(7);
        negative[6] = (byte) 0x80;
        assertCode(() -> ReaderFrameCodec.decode(negative), ErrorCode.MALFORMED);

        byte[] error = ReaderFrameCodec.errorFrame(ErrorCode.MALFORMED, "bad magic", null, 0, null);
        assertThat(ReaderFrameCodec.decode(error).sequence()).isZero();
    }

    @Test
    void requestsNeedAValidUtf8Body() throws FrameException {
        byte[] empty = ReaderFrameCodec.encode(FrameType.HEARTBEAT, 7, READER, null, KEY);
        empty[5] = FrameType.TAP_REQUEST.code();
        assertCode(() -> ReaderFrameCodec.decode(empty), ErrorCode.BAD_BODY);

        byte[] badUtf8 = ReaderFrameCodec.encode(FrameType.TAP_REQUEST, 7, READER, new byte[] {'{', (byte) 0xFF, '}'}, KEY);
        FrameException e = catchFrameException(() -> ReaderFrameCodec.decode(badUtf8));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_BODY);
        assertThat(e.closesConnection()).isFalse();

        assertThat(ReaderFrameCodec.decode(ReaderFrameCodec.encode(FrameType.HEARTBEAT, 7, READER, null, KEY)).body()).isEmpty();
    }

    @Test
    void errorFrameForAnUnknownReaderCarriesTheZeroMac() throws FrameException {
        ReaderFrame error = ReaderFrameCodec.decode(
                ReaderFrameCodec.errorFrame(new RejectedFrame(ErrorCode.UNKNOWN_READER, "reader X is not registered", "X", 9, false), null));
        assertThat(error.type()).isEqualTo(FrameType.ERROR);
        assertThat(error.readerId()).isEqualTo("X");
        assertThat(error.sequence()).isEqualTo(9);
        assertThat(error.hasZeroMac()).isTrue();
        assertThat(ErrorBody.parse(error.body())).isEqualTo(new ErrorBody("UNKNOWN_READER", "reader X is not registered"));
    }

    @Test
    void errorFrameWithoutAReaderIdUsesThePlaceholderAndIsMacedWhenAKeyIsGiven() throws FrameException {
        ReaderFrame error = ReaderFrameCodec.decode(ReaderFrameCodec.errorFrame(ErrorCode.BAD_MAC, "x".repeat(5000), null, 3, KEY));
        assertThat(error.readerId()).isEqualTo(ReaderFrameCodec.UNKNOWN_READER_ID);
        assertThat(error.hasZeroMac()).isFalse();
        assertThat(ErrorBody.parse(error.body()).reason()).hasSizeLessThan(500);
    }

    @Test
    void toStringLeavesTheBodyOut() throws FrameException {
        ReaderFrame frame = ReaderFrameCodec.decode(TestFrames.tap(7));
        assertThat(frame.toString()).contains(READER).contains("seq=7").doesNotContain("04A1B2C3D4E5F6");
    }

    private static byte[] jsonOfLength(int length) {
        String prefix = "{\"p\":\"";
        String suffix = "\"}";
        return (prefix + "x".repeat(length - prefix.length() - suffix.length()) + suffix).getBytes(StandardCharsets.UTF_8);
    }

    static void assertCode(ThrowingCallable call, ErrorCode expected) {
        assertThat(catchFrameException(call).code()).isEqualTo(expected);
    }

    static FrameException catchFrameException(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(FrameException.class);
        return (FrameException) thrown;
    }
}
