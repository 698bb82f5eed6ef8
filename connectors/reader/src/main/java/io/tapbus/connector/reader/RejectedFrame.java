package io.tapbus.connector.reader;

import java.util.Objects;

/**
 * What {@link ReaderFrameDecoder} passes down the pipeline instead of throwing, so the route can answer
 * with an ERROR frame ({@link ReaderFrameCodec#errorFrame(RejectedFrame, byte[])}) and, when
 * {@code closeConnection} is set, close the channel after the reply.
 *
 * @param readerId the reader id when it could be read, else null
 * @param sequence the sequence when it could be read, else 0
 */
public record RejectedFrame(ErrorCode code, String reason, String readerId, long sequence, boolean closeConnection) {

    public RejectedFrame {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }

    public static RejectedFrame of(FrameException e) {
        return e.toRejectedFrame();
    }
}
