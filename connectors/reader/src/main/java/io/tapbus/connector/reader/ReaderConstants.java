package io.tapbus.connector.reader;

import java.time.Duration;

/** Camel header names set for reader frames (one prefix: {@code TapBusReader}), and connector defaults. */
public final class ReaderConstants {

    public static final String HEADER_PREFIX = "TapBusReader";
    /** The reader id of the frame (String). */
    public static final String READER_ID = HEADER_PREFIX + "Id";
    /** The frame sequence (Long). */
    public static final String READER_SEQUENCE = HEADER_PREFIX + "Sequence";
    /** The frame type name, e.g. TAP_REQUEST (String). */
    public static final String FRAME_TYPE = HEADER_PREFIX + "FrameType";
    /** The error code when the frame was rejected (String). */
    public static final String ERROR_CODE = HEADER_PREFIX + "ErrorCode";
    /** The correlation id of a TAP_REQUEST body, when the reader sent one (String). */
    public static final String CORRELATION_ID = HEADER_PREFIX + "CorrelationId";

    /** camel-netty's header: set to true on the reply exchange to close the channel after the reply is written. */
    public static final String CLOSE_CHANNEL_WHEN_COMPLETE = "CamelNettyCloseChannelWhenComplete";

    public static final int DEFAULT_PORT = 7400;
    /** How long a partial frame may sit without a byte arriving before it is answered TRUNCATED. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);

    private ReaderConstants() {
    }
}
