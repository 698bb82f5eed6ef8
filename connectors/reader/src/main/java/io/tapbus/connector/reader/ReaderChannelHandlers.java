package io.tapbus.connector.reader;

import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.bytes.ByteArrayEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.netty.ChannelHandlerFactory;
import org.apache.camel.component.netty.DefaultChannelHandlerFactory;

/**
 * The Netty handlers of the reader protocol in the shape camel-netty's {@code decoders=} and
 * {@code encoders=} options take. Bind them in the registry and list them in this order:
 * {@code decoders=#readerIdle,#readerDecoder&encoders=#readerEncoder}.
 */
public final class ReaderChannelHandlers {

    private static final ChannelHandler BYTES_ENCODER = new ByteArrayEncoder();

    private ReaderChannelHandlers() {
    }

    /** A new {@link ReaderFrameDecoder} for every channel. */
    public static ChannelHandlerFactory frameDecoder() {
        return new PerChannel("reader-frame-decoder") {
            @Override
            public ChannelHandler newChannelHandler() {
                return new ReaderFrameDecoder();
            }
        };
    }

    /**
     * A new reader-idle {@link IdleStateHandler} for every channel; it must come before the frame decoder.
     * The timeout bounds how long a partial frame may stay incomplete without any byte arriving.
     */
    public static ChannelHandlerFactory idleHandler(Duration readerIdle) {
        long millis = readerIdle.toMillis();
        if (millis <= 0) {
            throw new IllegalArgumentException("reader idle timeout must be positive");
        }
        return new PerChannel("reader-idle-" + millis + "ms") {
            @Override
            public ChannelHandler newChannelHandler() {
                return new IdleStateHandler(millis, 0, 0, TimeUnit.MILLISECONDS);
            }
        };
    }

    /** Writes {@code byte[]} replies (complete frames from {@link ReaderFrameCodec}); sharable. */
    public static ChannelHandler bytesEncoder() {
        return BYTES_ENCODER;
    }

    private abstract static class PerChannel extends DefaultChannelHandlerFactory {
        private final String name;

        PerChannel(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
