package io.tapbus.connector.reader;

import static io.tapbus.connector.reader.ReaderFrameCodecTest.catchFrameException;
import static io.tapbus.connector.reader.TestFrames.KEY;
import static io.tapbus.connector.reader.TestFrames.READER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReaderBodiesTest {

    @Test
    void parsesATapRequestAndIgnoresUnknownFields() throws FrameException {
        TapRequest request = TapRequest.parse(frame("{\"cardUid\":\"04a1b2c3d4e5f6\",\"amountMinor\":1,\"currency\":\"CNY\","
                + "\"readerTime\":\"2026-11-25T18:00:00Z\",\"firmware\":\"2.1\"}"));
        assertThat(request.cardUid()).isEqualTo("04A1B2C3D4E5F6");
        assertThat(request.amountMinor()).isEqualTo(1);
        assertThat(request.correlationId()).isNull();
        assertThat(new String(request.toJson(), StandardCharsets.UTF_8)).doesNotContain("correlationId");
        assertThat(request.toString()).doesNotContain("04A1B2C3").contains("E5F6");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "[1,2]| body must be a JSON object",
            "{\"cardUid\":| body is not valid JSON",
            "{\"amountMinor\":1,\"currency\":\"CNY\",\"readerTime\":\"2026-11-25T18:00:00Z\"}| cardUid is required",
            "{\"cardUid\":\"04A1\",\"amountMinor\":1,\"currency\":\"CNY\",\"readerTime\":\"2026-11-25T18:00:00Z\"}| cardUid must be 8, 14 or 20 hex digits",
            "{\"cardUid\":\"04A1B2C3D4E5F6\",\"amountMinor\":0,\"currency\":\"CNY\",\"readerTime\":\"2026-11-25T18:00:00Z\"}| amountMinor must be a positive integer",
            "{\"cardUid\":\"04A1B2C3D4E5F6\",\"amountMinor\":1.5,\"currency\":\"CNY\",\"readerTime\":\"2026-11-25T18:00:00Z\"}| amountMinor must be an integer",
            "{\"cardUid\":\"04A1B2C3D4E5F6\",\"amountMinor\":\"12\",\"currency\":\"CNY\",\"readerTime\":\"2026-11-25T18:00:00Z\"}| amountMinor must be an integer",
            "{\"cardUid\":\"04A1B2C3D4E5F6\",\"amountMinor\":1,\"currency\":\"cny\",\"readerTime\":\"2026-11-25T18:00:00Z\"}| currency must be a 3-letter ISO 4217 code",
            "{\"cardUid\":\"04A1B2C3D4E5F6\",\"amountMinor\":1,\"currency\":\"CNY\",\"readerTime\":\"yesterday\"}| readerTime must be an ISO-8601 instant",
            "{\"cardUid\":\"04A1B2C3D4E5F6\",\"amountMinor\":1,\"currency\":\"CNY\",\"readerTime\":\"2026-11-25T18:00:00Z\",\"correlationId\":7}| correlationId must be a string"})
    void rejectsBadTapRequestBodiesWithAReason(String body, String reason) {
        FrameException e = catchFrameException(() -> TapRequest.parse(frame(body)));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_BODY);
        assertThat(e.reason()).startsWith(reason.strip());
        assertThat(e.readerId()).isEqualTo(READER);
        assertThat(e.sequence()).isEqualTo(9);
    }

    @Test
    void tapResponseRoundTripsAndLeavesNullsOut() throws FrameException {
        TapResponse response = new TapResponse(TapResponse.Verdict.DECLINED,
                List.of(new TapResponse.Reason("CARD_BLOCKED", "card is blocked")), "tx-1", "dec-1", null, "c-1");
        String json = new String(response.toJson(), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"verdict\":\"DECLINED\",\"reasons\":[{\"code\":\"CARD_BLOCKED\"").doesNotContain("balanceMinor");
        assertThat(TapResponse.parse(response.toJson())).isEqualTo(response);
    }

    @Test
    void tapResponseWithAnUnknownVerdictIsABadBody() {
        FrameException e = catchFrameException(() -> TapResponse.parse("{\"verdict\":\"MAYBE\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_BODY);
    }

    @Test
    void errorBodyIsReadLeniently() {
        assertThat(ErrorBody.parse("{\"code\":\"REPLAY\",\"reason\":\"old\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ErrorBody("REPLAY", "old"));
        assertThat(ErrorBody.parse("oops".getBytes(StandardCharsets.UTF_8))).isEqualTo(new ErrorBody("INTERNAL", "oops"));
    }

    private static ReaderFrame frame(String body) throws FrameException {
        return ReaderFrameCodec.decode(ReaderFrameCodec.encode(FrameType.TAP_REQUEST, 9, READER,
                body.getBytes(StandardCharsets.UTF_8), KEY));
    }
}
