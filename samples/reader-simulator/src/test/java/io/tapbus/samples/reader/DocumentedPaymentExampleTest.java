package io.tapbus.samples.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.card.ArqcInput;
import io.tapbus.connector.card.AtcReplayGuard;
import io.tapbus.connector.card.CardCryptogramService;
import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.InMemoryIssuerKeys;
import io.tapbus.connector.common.Hex;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.PaymentRequest;
import io.tapbus.connector.reader.ReaderFrameCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The example payment of docs/reader-protocol.md §13 (and connectors/reader's golden payment-request-v1 and
 * payment-response-v1) is a real one: its ARQC verifies under the demo issuer master key, and the ARPC of the
 * documented response is the issuer's answer to it. A server implementation can test itself against it.
 */
class DocumentedPaymentExampleTest {

    private static final String BODY = "{\"correlationId\":\"pay-0001\",\"readerTime\":\"2026-11-25T18:00:00Z\","
            + "\"aid\":\"F054415042555301\",\"card\":{\"pan\":\"6200001234567890\",\"psn\":\"01\",\"expiry\":\"3012\"},"
            + "\"atc\":\"0042\",\"arqc\":\"4BCF95D66D99EAED\",\"cid\":\"80\",\"iad\":\"06015403A00000\",\"aip\":\"0C00\","
            + "\"cdol1\":\"00000000125000000000000001560000000000015626112500A1B2C3D4\",\"transaction\":{\"amountMinor\":1250,"
            + "\"otherAmountMinor\":0,\"currency\":\"CNY\",\"currencyNumeric\":\"156\",\"terminalCountry\":\"156\","
            + "\"tvr\":\"0000000000\",\"date\":\"261125\",\"type\":\"00\",\"unpredictableNumber\":\"A1B2C3D4\"},"
            + "\"merchantCategory\":\"5999\",\"offline\":false}";
    private static final String DOCUMENTED_ARPC = "F1E4D1C2";

    @Test
    void theDocumentedArqcVerifiesAndTheDocumentedArpcAnswersIt() throws Exception {
        PaymentRequest request = PaymentRequest.parse(ReaderFrameCodec.decode(ReaderFrameCodec.encode(
                FrameType.PAYMENT_REQUEST, 1, "R-DEMO-1", BODY.getBytes(StandardCharsets.UTF_8), new byte[16])));
        CardCryptogramService issuer = new CardCryptogramService(
                InMemoryIssuerKeys.of("imk-ac", Hex.parse(SimulatedCardOptions.DEMO_ISSUER_KEY)), "imk-ac", new AtcReplayGuard());
        CardId card = new CardId(request.card().pan(), request.card().psn());

        assertThat(issuer.verify(card, new ArqcInput(request.cdol1Bytes(), request.aipBytes(), request.atcValue(),
                request.iadBytes()), request.arqcBytes()).valid()).isTrue();
        assertThat(Hex.of(issuer.arpcMethod2(card, request.atcValue(), request.arqcBytes(), Hex.parse("00800000"),
                new byte[0]))).isEqualTo(DOCUMENTED_ARPC);
    }
}
