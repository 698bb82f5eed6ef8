package io.tapbus.connector.reader;

import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a structurally valid frame really comes from the reader it names: the reader is known
 * and enabled, the MAC verifies under its key, and the sequence has not been used before.
 */
public final class ReaderAuthenticator {

    private final ReaderKeyResolver keys;
    private final ReplayGuard replayGuard;

    public ReaderAuthenticator(ReaderKeyResolver keys, ReplayGuard replayGuard) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
    }

    /**
     * @throws FrameException UNKNOWN_READER, READER_DISABLED, BAD_MAC or REPLAY
     */
    public void authenticate(ReaderFrame frame) throws FrameException {
        String readerId = frame.readerId();
        ReaderKey key = keys.resolve(readerId).orElseThrow(() ->
                new FrameException(ErrorCode.UNKNOWN_READER, "reader " + readerId + " is not registered", readerId, frame.sequence()));
        if (!key.enabled()) {
            throw new FrameException(ErrorCode.READER_DISABLED, "reader " + readerId + " is disabled", readerId, frame.sequence());
        }
        byte[] signed = frame.signedBytes();
        // The MAC is checked before the replay counter moves, so a forged frame cannot burn sequence numbers.
        if (!ReaderMac.verify(key.key(), signed, 0, signed.length, frame.mac())) {
            throw new FrameException(ErrorCode.BAD_MAC, "MAC does not verify under the key of reader " + readerId,
                    readerId, frame.sequence());
        }
        if (!replayGuard.advance(readerId, frame.sequence())) {
            throw new FrameException(ErrorCode.REPLAY, "sequence " + frame.sequence()
                    + " is not greater than the last accepted sequence of reader " + readerId, readerId, frame.sequence());
        }
    }

    /**
     * The key to MAC a reply to this reader with (including ERROR replies), or empty for an unknown reader,
     * whose ERROR replies carry the zero MAC.
     */
    public Optional<byte[]> replyKey(String readerId) {
        if (!ReaderFrameCodec.isValidReaderId(readerId)) {
            return Optional.empty();
        }
        return keys.resolve(readerId).map(ReaderKey::key);
    }
}
