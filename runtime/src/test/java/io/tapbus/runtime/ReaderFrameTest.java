package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.reader.ErrorBody;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.ReaderFrameCodec;
import io.tapbus.runtime.demo.DemoSeeder;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The reader protocol's refusals over a real TCP socket in a running bus: forged, replayed, unknown-reader, malformed,
 * garbage, truncated and oversized frames each get their error, and a tap that is refused posts nothing.
 */
class ReaderFrameTest extends ReaderFlowFixture {
    @Test
    void forgedFrameIsRefusedAndTheConnectionSurvives() throws Exception {
        try (ReaderClient reader = bus.reader("R-DEMO-1")) {
            byte[] frame = ReaderFrameCodec.encode(FrameType.TAP_REQUEST, reader.nextSequence(), "R-DEMO-1",
                    tap(DemoSeeder.ACTIVE_CARD, 100).toJson(), RunningBus.readerMasterKey());
            assertThat(errorCode(reader.sendRaw(frame))).isEqualTo("BAD_MAC");
            byte[] good = ReaderFrameCodec.encode(FrameType.HEARTBEAT, reader.nextSequence(), "R-DEMO-1", new byte[0],
                    io.tapbus.connector.reader.ReaderKeys.diversify(RunningBus.readerMasterKey(), "R-DEMO-1"));
            assertThat(ReaderFrameCodec.decode(reader.sendRaw(good)).type()).isEqualTo(FrameType.HEARTBEAT_ACK);
        }
    }

    @Test
    void replayedFrameIsRefusedAndPostsNothing() throws Exception {
        try (ReaderClient reader = bus.reader("R-DEMO-1")) {
            byte[] key = io.tapbus.connector.reader.ReaderKeys.diversify(RunningBus.readerMasterKey(), "R-DEMO-1");
            byte[] frame = ReaderFrameCodec.encode(FrameType.TAP_REQUEST, reader.nextSequence(), "R-DEMO-1",
                    tap(DemoSeeder.ACTIVE_CARD, 100).toJson(), key);
            assertThat(ReaderFrameCodec.decode(reader.sendRaw(frame)).type()).isEqualTo(FrameType.TAP_RESPONSE);
            long after = balance(DemoSeeder.ACTIVE_CARD);
            assertThat(errorCode(reader.sendRaw(frame))).isEqualTo("REPLAY");
            assertThat(balance(DemoSeeder.ACTIVE_CARD)).isEqualTo(after);
        }
    }

    @Test
    void unknownReaderGetsUnknownReaderWithAZeroMac() throws Exception {
        try (ReaderClient reader = new ReaderClient("127.0.0.1", bus.readerPort, "R-NOBODY", new byte[16])) {
            byte[] reply = reader.sendRaw(ReaderFrameCodec.encode(FrameType.HEARTBEAT, 1, "R-NOBODY", new byte[0], new byte[16]));
            assertThat(errorCode(reply)).isEqualTo("UNKNOWN_READER");
            assertThat(ReaderFrameCodec.decode(reply).hasZeroMac()).isTrue();
        }
    }

    @Test
    void malformedBodyGetsBadBody() throws Exception {
        try (ReaderClient reader = bus.reader("R-DEMO-1")) {
            ReaderFrame reply = reader.send(FrameType.TAP_REQUEST, reader.nextSequence(),
                    "{\"cardUid\":\"not-hex\",\"amountMinor\":1,\"currency\":\"CNY\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(reply.type()).isEqualTo(FrameType.ERROR);
            assertThat(ErrorBody.parse(reply.body()).code()).isEqualTo("BAD_BODY");
        }
    }

    @Test
    void garbageGetsMalformedAndTheConnectionIsClosed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", bus.readerPort)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = readOneFrame(socket);
            assertThat(errorCode(reply)).isEqualTo("MALFORMED");
            assertThat(socket.getInputStream().read()).as("server closed the connection").isEqualTo(-1);
        }
    }

    @Test
    void truncatedFrameGetsTruncatedAfterTheIdleTimeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", bus.readerPort)) {
            socket.setSoTimeout(5000);
            byte[] frame = ReaderFrameCodec.encode(FrameType.HEARTBEAT, 5, "R-DEMO-1", new byte[0], new byte[16]);
            socket.getOutputStream().write(frame, 0, frame.length - 3);
            assertThat(errorCode(readOneFrame(socket))).isEqualTo("TRUNCATED");
        }
    }

    @Test
    void oversizedFrameIsRefused() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", bus.readerPort)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(new byte[] {0x54, 0x42, 0x01, (byte) 0xFF, (byte) 0xFF});
            assertThat(errorCode(readOneFrame(socket))).isEqualTo("OVERSIZED");
        }
    }
}
