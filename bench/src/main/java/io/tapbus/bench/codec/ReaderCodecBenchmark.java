package io.tapbus.bench.codec;

import io.tapbus.connector.reader.FrameException;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.ReaderFrameCodec;
import io.tapbus.connector.reader.ReaderKeys;
import io.tapbus.connector.reader.ReaderMac;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.connector.reader.TapResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The reader protocol's frames of one tap (docs/reader-protocol.md): the TAP_REQUEST a reader sends and the
 * TAP_RESPONSE it gets, each encoded (JSON body, frame, AES-CMAC) and decoded (frame, MAC check, JSON body), as
 * ReaderClient and the bus's reader handlers do. {@code cmacOnly} is the MAC of a request frame alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReaderCodecBenchmark {
    static final String READER_ID = "RDR-BENCH-0001";
    static final long SEQUENCE = 1_796_000_000_000_000L;

    private byte[] key;
    private TapRequest request;
    private TapResponse response;
    private byte[] requestFrame;
    private byte[] responseFrame;

    @Setup
    public void setUp() throws FrameException {
        byte[] master = HexFormat.of().parseHex("000102030405060708090A0B0C0D0E0F");
        key = ReaderKeys.diversify(master, READER_ID);
        request = new TapRequest("04A1B2C3D4E5F6", 350, "CNY", "2026-12-07T10:00:00Z", "c0ffee-0001");
        response = new TapResponse(TapResponse.Verdict.APPROVED, List.of(), "0193a5f2-7c1e-7d3a-9b8e-2f4c6a1d0e11",
                "0193a5f2-7c1d-7f00-8a11-5e2b9c3d4f60", 99_650L, "c0ffee-0001");
        requestFrame = encodeRequest();
        responseFrame = encodeResponse();
        if (!decodeRequest().equals(request) || !decodeResponse().equals(response)) {
            throw new IllegalStateException("the codec does not give back what it was given");
        }
    }

    /** The reader's side: body, frame, MAC. */
    @Benchmark
    public byte[] encodeRequest() {
        return ReaderFrameCodec.encode(FrameType.TAP_REQUEST, SEQUENCE, READER_ID, request.toJson(), key);
    }

    /** The bus's side: cut the frame, check its MAC, parse and validate the body. */
    @Benchmark
    public TapRequest decodeRequest() throws FrameException {
        return TapRequest.parse(verified(requestFrame));
    }

    /** The bus's side: body, frame, MAC. */
    @Benchmark
    public byte[] encodeResponse() {
        return ReaderFrameCodec.encode(FrameType.TAP_RESPONSE, SEQUENCE, READER_ID, response.toJson(), key);
    }

    /** The reader's side: cut the frame, check its MAC, parse the body. */
    @Benchmark
    public TapResponse decodeResponse() throws FrameException {
        return TapResponse.parse(verified(responseFrame).body());
    }

    /** AES-CMAC (truncated to 8 bytes) over a request frame's signed bytes: the MAC's share of the above. */
    @Benchmark
    public byte[] cmacOnly() {
        return ReaderMac.mac8(key, requestFrame, 0, requestFrame.length - ReaderMac.MAC_LENGTH);
    }

    private ReaderFrame verified(byte[] bytes) throws FrameException {
        ReaderFrame frame = ReaderFrameCodec.decode(bytes);
        byte[] signed = frame.signedBytes();
        if (!ReaderMac.verify(key, signed, 0, signed.length, frame.mac())) {
            throw new IllegalStateException("MAC does not verify");
        }
        return frame;
    }
}
