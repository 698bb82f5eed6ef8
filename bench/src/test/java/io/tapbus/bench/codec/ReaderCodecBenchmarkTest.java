package io.tapbus.bench.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.reader.FrameException;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.ReaderFrameCodec;
import org.junit.jupiter.api.Test;

/** The codec benchmark's operations do what they are named for (one call each, not a measurement). */
class ReaderCodecBenchmarkTest {
    @Test
    void eachOperationWorksOnTheBenchmarkFrames() throws FrameException {
        ReaderCodecBenchmark benchmark = new ReaderCodecBenchmark();
        benchmark.setUp(); // checks the round trips itself

        assertThat(ReaderFrameCodec.decode(benchmark.encodeRequest()).type()).isEqualTo(FrameType.TAP_REQUEST);
        assertThat(ReaderFrameCodec.decode(benchmark.encodeResponse()).type()).isEqualTo(FrameType.TAP_RESPONSE);
        assertThat(benchmark.decodeRequest().amountMinor()).isEqualTo(350);
        assertThat(benchmark.decodeResponse().balanceMinor()).isEqualTo(99_650L);
        byte[] request = benchmark.encodeRequest();
        assertThat(benchmark.cmacOnly()).containsExactly(ReaderFrameCodec.decode(request).mac());
    }
}
