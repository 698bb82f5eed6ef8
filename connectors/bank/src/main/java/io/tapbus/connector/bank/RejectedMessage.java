package io.tapbus.connector.bank;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Iso8583FrameDecoder} passes down the pipeline, instead of throwing, for a frame that does not decode.
 * The frame boundary is intact (the length prefix was read), so the connection may carry on: answer with
 * {@link #formatErrorResponse()} when there is one, else close.
 */
public record RejectedMessage(Iso8583Exception error, int frameLength, Optional<Iso8583Message> formatErrorResponse) {

    public RejectedMessage {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(formatErrorResponse, "formatErrorResponse");
    }

    public String reason() {
        return error.problem() + ": " + error.getMessage();
    }
}
