package io.tapbus.connector.reader;

import static io.tapbus.connector.reader.ReaderFrameCodecTest.catchFrameException;
import static io.tapbus.connector.reader.TestFrames.KEY;
import static io.tapbus.connector.reader.TestFrames.READER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReaderAuthenticatorTest {

    private static final byte[] OTHER_KEY = TestFrames.hex("ffeeddccbbaa99887766554433221100");

    private final Map<String, ReaderKey> registry = Map.of(
            READER, new ReaderKey(KEY, true),
            "R-OFF", new ReaderKey(OTHER_KEY, false));
    private final InMemoryReplayGuard replayGuard = new InMemoryReplayGuard();
    private final ReaderAuthenticator authenticator =
            new ReaderAuthenticator(id -> Optional.ofNullable(registry.get(id)), replayGuard);

    @Test
    void acceptsAGoodFrameAndRecordsItsSequence() throws FrameException {
        assertThatCode(() -> authenticator.authenticate(ReaderFrameCodec.decode(TestFrames.tap(100)))).doesNotThrowAnyException();
        assertThat(replayGuard.lastAccepted(READER)).hasValue(100);
    }

    @Test
    void aFlippedBodyBitFailsTheMac() throws FrameException {
        byte[] frame = TestFrames.tap(100);
        frame[30] ^= 0x01;
        FrameException e = catchFrameException(() -> authenticator.authenticate(ReaderFrameCodec.decode(frame)));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_MAC);
        assertThat(e.readerId()).isEqualTo(READER);
        assertThat(e.sequence()).isEqualTo(100);
        assertThat(e.closesConnection()).isFalse();
    }

    @Test
    void aFrameMacedWithAnotherKeyFails() throws FrameException {
        ReaderFrame frame = ReaderFrameCodec.decode(
                ReaderFrameCodec.encode(FrameType.TAP_REQUEST, 5, READER, TestFrames.TAP_BODY, OTHER_KEY));
        assertThat(catchFrameException(() -> authenticator.authenticate(frame)).code()).isEqualTo(ErrorCode.BAD_MAC);
    }

    @Test
    void theSameSequenceTwiceIsAReplay() throws FrameException {
        ReaderFrame frame = ReaderFrameCodec.decode(TestFrames.tap(100));
        authenticator.authenticate(frame);

        FrameException e = catchFrameException(() -> authenticator.authenticate(frame));
        assertThat(e.code()).isEqualTo(ErrorCode.REPLAY);
        assertThat(e.reason()).contains("100");
    }

    @Test
    void anOlderSequenceIsAReplayToo() throws FrameException {
        authenticator.authenticate(ReaderFrameCodec.decode(TestFrames.tap(100)));
        assertThat(catchFrameException(() -> authenticator.authenticate(ReaderFrameCodec.decode(TestFrames.tap(99)))).code())
                .isEqualTo(ErrorCode.REPLAY);
        authenticator.authenticate(ReaderFrameCodec.decode(TestFrames.tap(101)));
        assertThat(replayGuard.lastAccepted(READER)).hasValue(101);
    }

    @Test
    void aForgedFrameDoesNotBurnTheSequence() throws FrameException {
        authenticator.authenticate(ReaderFrameCodec.decode(TestFrames.tap(100)));
        byte[] forged = TestFrames.tap(1_000_000);
        forged[forged.length - 1] ^= 0x01;

        assertThat(catchFrameException(() -> authenticator.authenticate(ReaderFrameCodec.decode(forged))).code())
                .isEqualTo(ErrorCode.BAD_MAC);
        assertThat(replayGuard.lastAccepted(READER)).hasValue(100);
        assertThatCode(() -> authenticator.authenticate(ReaderFrameCodec.decode(TestFrames.tap(101)))).doesNotThrowAnyException();
    }

    @Test
    void anUnknownReaderIsRejectedAndHasNoReplyKey() throws FrameException {
        ReaderFrame frame = ReaderFrameCodec.decode(
                ReaderFrameCodec.encode(FrameType.TAP_REQUEST, 5, "R-NOBODY", TestFrames.TAP_BODY, KEY));
        FrameException e = catchFrameException(() -> authenticator.authenticate(frame));
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_READER);
        assertThat(e.readerId()).isEqualTo("R-NOBODY");
        assertThat(authenticator.replyKey("R-NOBODY")).isEmpty();
        assertThat(authenticator.replyKey(ReaderFrameCodec.UNKNOWN_READER_ID)).isEmpty();
        assertThat(replayGuard.lastAccepted("R-NOBODY")).isEmpty();
    }

    @Test
    void aDisabledReaderIsRejectedEvenWithAValidMac() throws FrameException {
        ReaderFrame frame = ReaderFrameCodec.decode(
                ReaderFrameCodec.encode(FrameType.HEARTBEAT, 5, "R-OFF", null, OTHER_KEY));
        assertThat(catchFrameException(() -> authenticator.authenticate(frame)).code()).isEqualTo(ErrorCode.READER_DISABLED);
        assertThat(replayGuard.lastAccepted("R-OFF")).isEmpty();
        assertThat(authenticator.replyKey("R-OFF")).hasValueSatisfying(key -> assertThat(key).isEqualTo(OTHER_KEY));
    }
}
