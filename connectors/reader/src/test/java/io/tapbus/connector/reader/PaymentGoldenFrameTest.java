package io.tapbus.connector.reader;

import static io.tapbus.connector.reader.TestFrames.golden;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The golden frames of the payment exchange (docs/reader-protocol.md §12, §13) were produced by an independent
 * implementation (src/test/resources/golden/payment-golden.py, Python's cryptography CMAC). GoldenFrameTest checks them both
 * ways; here each body must parse into the documented Java value and serialise back to the same bytes.
 */
class PaymentGoldenFrameTest {

    static final PaymentRequest REQUEST = new PaymentRequest("pay-0001", "2026-11-25T18:00:00Z", "F054415042555301",
            new PaymentRequest.Card("6200001234567890", "01", "3012"), "0042", "4BCF95D66D99EAED", "80",
            "06015403A00000", "0C00", "00000000125000000000000001560000000000015626112500A1B2C3D4",
            new PaymentRequest.Transaction(1250, 0, "CNY", "156", "156", "0000000000", "261125", "00", "A1B2C3D4"),
            "5999", false);
    static final PaymentResponse RESPONSE = new PaymentResponse(PaymentResponse.Verdict.APPROVED, List.of(), "T-2",
            "pay-0001", "F1E4D1C2", "00800000", "3030", 3750L, List.of(CardWrite.balance(3750)));
    static final CardWriteResult WRITE_RESULT = new CardWriteResult("T-2", CardWrite.Kind.BALANCE, null, true, "9000", null);
    static final CardWriteAck ACK = new CardWriteAck("T-2", true);

    @ParameterizedTest
    @ValueSource(strings = {"payment-request-v1", "payment-response-v1", "card-write-result-v1", "card-write-ack-v1"})
    void goldenBodiesAreTheDocumentedValuesAndSerialiseBackIdentically(String name) throws FrameException {
        ReaderFrame frame = ReaderFrameCodec.decode(golden(name));
        Object value = switch (frame.type()) {
            case PAYMENT_REQUEST -> PaymentRequest.parse(frame);
            case PAYMENT_RESPONSE -> PaymentResponse.parse(frame.body());
            case CARD_WRITE_RESULT -> CardWriteResult.parse(frame);
            case CARD_WRITE_ACK -> CardWriteAck.parse(frame.body());
            default -> throw new AssertionError(frame.type());
        };
        Object expected = switch (frame.type()) {
            case PAYMENT_REQUEST -> REQUEST;
            case PAYMENT_RESPONSE -> RESPONSE;
            case CARD_WRITE_RESULT -> WRITE_RESULT;
            default -> ACK;
        };
        assertThat(value).isEqualTo(expected);
        byte[] json = switch (frame.type()) {
            case PAYMENT_REQUEST -> REQUEST.toJson();
            case PAYMENT_RESPONSE -> RESPONSE.toJson();
            case CARD_WRITE_RESULT -> WRITE_RESULT.toJson();
            default -> ACK.toJson();
        };
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(frame.bodyText());
    }
}
