package io.tapbus.connector.reader;

import static io.tapbus.connector.reader.TestFrames.KEY;
import static io.tapbus.connector.reader.TestFrames.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The reply examples of docs/reader-protocol.md §11 (computed independently), both ways. */
class DocumentedExamplesTest {

    private static final long SEQUENCE = 1795629600000001L;

    private static final String TAP_RESPONSE_HEX = "5442010098810006611d9874c80108522d44454d4f2d31007c"
            + "7b2276657264696374223a22415050524f564544222c22726561736f6e73223a5b5d2c227472616e73616374696f6e4964"
            + "223a22542d31222c226465636973696f6e4964223a22442d31222c2262616c616e63654d696e6f72223a383735302c2263"
            + "6f7272656c6174696f6e4964223a2264656d6f2d30303031227d" + "4c0f155decc99ef8";

    private static final String UNKNOWN_READER_ERROR_HEX = "54420100607f000000000000000707522d47484f53540045"
            + "7b22636f6465223a22554e4b4e4f574e5f524541444552222c22726561736f6e223a2272656164657220522d47484f5354"
            + "206973206e6f742072656769737465726564227d" + "0000000000000000";

    private final TapResponse approved = new TapResponse(TapResponse.Verdict.APPROVED, List.of(), "T-1", "D-1", 8750L, "demo-0001");

    @Test
    void tapResponseEncodesToTheDocumentedBytes() {
        byte[] frame = ReaderFrameCodec.encode(FrameType.TAP_RESPONSE, SEQUENCE, "R-DEMO-1", approved.toJson(), KEY);
        assertThat(hex(frame)).isEqualTo(TAP_RESPONSE_HEX);
    }

    @Test
    void documentedTapResponseDecodesAndVerifies() throws FrameException {
        ReaderFrame frame = ReaderFrameCodec.decode(hex(TAP_RESPONSE_HEX));
        assertThat(frame.type()).isEqualTo(FrameType.TAP_RESPONSE);
        assertThat(frame.sequence()).isEqualTo(SEQUENCE);
        assertThat(TapResponse.parse(frame.body())).isEqualTo(approved);
        byte[] signed = frame.signedBytes();
        assertThat(ReaderMac.verify(KEY, signed, 0, signed.length, frame.mac())).isTrue();
    }

    @Test
    void unknownReaderErrorMatchesBothWays() throws FrameException {
        byte[] frame = ReaderFrameCodec.errorFrame(ErrorCode.UNKNOWN_READER, "reader R-GHOST is not registered", "R-GHOST", 7, null);
        assertThat(hex(frame)).isEqualTo(UNKNOWN_READER_ERROR_HEX);

        ReaderFrame decoded = ReaderFrameCodec.decode(hex(UNKNOWN_READER_ERROR_HEX));
        assertThat(decoded.hasZeroMac()).isTrue();
        assertThat(ErrorBody.parse(decoded.body())).isEqualTo(new ErrorBody("UNKNOWN_READER", "reader R-GHOST is not registered"));
    }
}
