package io.tapbus.connector.reader;

import static io.tapbus.connector.reader.ReaderFrameCodecTest.catchFrameException;
import static io.tapbus.connector.reader.TestFrames.KEY;
import static io.tapbus.connector.reader.TestFrames.READER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validation of the payment exchange bodies: every problem is BAD_BODY with a reason that names the field. */
class PaymentBodiesTest {

    private static final long SEQUENCE = 11;

    @Test
    void theFrameTypesOfThePaymentExchangeAndTheirReplies() {
        assertThat(FrameType.PAYMENT_REQUEST.code()).isEqualTo((byte) 0x10);
        assertThat(FrameType.PAYMENT_RESPONSE.code()).isEqualTo((byte) 0x90);
        assertThat(FrameType.CARD_WRITE_RESULT.code()).isEqualTo((byte) 0x11);
        assertThat(FrameType.CARD_WRITE_ACK.code()).isEqualTo((byte) 0x91);
        for (FrameType type : FrameType.values()) {
            type.replyType().ifPresent(reply -> assertThat(reply.code()).isEqualTo((byte) (type.code() | 0x80)));
        }
        assertThat(FrameType.PAYMENT_REQUEST.replyType()).contains(FrameType.PAYMENT_RESPONSE);
        assertThat(FrameType.CARD_WRITE_RESULT.replyType()).contains(FrameType.CARD_WRITE_ACK);
        assertThat(FrameType.PAYMENT_RESPONSE.isRequest()).isFalse();
        assertThat(FrameType.ERROR.isRequest()).isFalse();
        assertThat(FrameType.fromCode((byte) 0x03)).as("0x03 stays undefined").isEmpty();
    }

    @Test
    void parsesAPaymentRequestNormalisesHexAndIgnoresUnknownFields() throws FrameException {
        ObjectNode body = golden();
        body.put("arqc", "4bcf95d66d99eaed");
        body.put("firmware", "2.1");
        body.put("offline", true);
        body.remove("merchantCategory");
        ((ObjectNode) body.get("transaction")).remove("otherAmountMinor");

        PaymentRequest request = PaymentRequest.parse(frame(body));

        assertThat(request.arqc()).isEqualTo("4BCF95D66D99EAED");
        assertThat(request.offline()).isTrue();
        assertThat(request.merchantCategory()).isNull();
        assertThat(request.transaction().otherAmountMinor()).isZero();
        assertThat(request.atcValue()).isEqualTo(0x42);
        assertThat(request.cidValue()).isEqualTo(0x80);
        assertThat(request.cdol1Bytes()).hasSize(29);
        assertThat(request.arqcBytes()).hasSize(8);
        assertThat(new String(request.toJson(), StandardCharsets.UTF_8)).doesNotContain("merchantCategory").doesNotContain("firmware");
    }

    @Test
    void aPaymentRequestNeverShowsTheFullPan() throws FrameException {
        PaymentRequest request = PaymentRequest.parse(frame(golden()));
        assertThat(request.toString()).contains("620000******7890").doesNotContain("6200001234567890");
        assertThat(request.card().toString()).doesNotContain("6200001234567890");
    }

    @Test
    void transactionDataCanBeReadFromCdol1() {
        assertThat(PaymentRequest.Transaction.fromCdol1(PaymentGoldenFrameTest.REQUEST.cdol1(), "CNY"))
                .isEqualTo(PaymentGoldenFrameTest.REQUEST.transaction());
        assertThatThrownBy(() -> PaymentRequest.Transaction.fromCdol1("00", "CNY")).hasMessageContaining("58 hex digits");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', nullValues = "REMOVE", value = {
            "arqc|REMOVE|arqc is required",
            "arqc|4BCF95D66D99EAE|arqc must be 16 hex digits",
            "arqc|4BCF95D66D99EAEZ|arqc must be 16 hex digits",
            "atc|00G2|atc must be 4 hex digits",
            "atc|042|atc must be 4 hex digits",
            "aid|F05441|aid must be 10 to 32 hex digits",
            "aid|A00000033310101|aid must be 10 to 32 hex digits",
            "aid|A0000003331010XY|aid must be 10 to 32 hex digits",
            "aid|REMOVE|aid is required",
            "correlationId|REMOVE|correlationId is required",
            "readerTime|yesterday|readerTime must be an ISO-8601 instant",
            "cid|8|cid must be 2 hex digits",
            "iad|06015403A00000060154030000000006015403A000000601540300000000060154|iad must be 2 to 64 hex digits",
            "aip|0C|aip must be 4 hex digits",
            "cdol1|000000001250|cdol1 must be 58 hex digits",
            "cdol1|0000000012A000000000000001560000000000015626112500A1B2C3D4|cdol1 amount authorised (9F02) is not BCD",
            "cdol1|00000000999900000000000001560000000000015626112500A1B2C3D4|transaction does not match cdol1: amountMinor is 1250, cdol1 says 9999",
            "cdol1|00000000125000000000000001560000000000015626112500A1B2C3D5|transaction does not match cdol1: unpredictableNumber",
            "merchantCategory|59|merchantCategory must be 4 digits",
            "card|REMOVE|card is required",
            "card|6200001234567890|card must be an object",
            "transaction|REMOVE|transaction is required"})
    void rejectsBadPaymentRequestFields(String field, String value, String reason) {
        ObjectNode body = golden();
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        assertBadBody(body, reason);
    }

    @ParameterizedTest(name = "{0}.{1}={2}")
    @CsvSource(delimiter = '|', nullValues = "REMOVE", value = {
            "card|pan|1234|card.pan must be 12 to 19 digits",
            "card|pan|REMOVE|card.pan is required",
            "card|psn|1|card.psn must be 2 digits",
            "card|expiry|3013|card.expiry must be YYMM",
            "card|expiry|301231|card.expiry must be YYMM",
            "transaction|currency|cny|transaction.currency must be a 3-letter ISO 4217 code",
            "transaction|currency|XYQ|transaction.currency must be a 3-letter ISO 4217 code",
            "transaction|currencyNumeric|840|transaction.currencyNumeric 840 is not the code of CNY (156)",
            "transaction|terminalCountry|CN|transaction.terminalCountry must be 3 digits",
            "transaction|tvr|00|transaction.tvr must be 10 hex digits",
            "transaction|date|261131|transaction.date must be YYMMDD",
            "transaction|type|0|transaction.type must be 2 digits",
            "transaction|unpredictableNumber|REMOVE|transaction.unpredictableNumber is required",
            "transaction|tvr|8000000000|transaction does not match cdol1: tvr is 8000000000, cdol1 says 0000000000"})
    void rejectsBadNestedFields(String object, String field, String value, String reason) {
        ObjectNode body = golden();
        ObjectNode nested = (ObjectNode) body.get(object);
        if (value == null) {
            nested.remove(field);
        } else {
            nested.put(field, value);
        }
        assertBadBody(body, reason);
    }

    @Test
    void rejectsBadAmountsAndFlags() {
        ObjectNode negative = golden();
        ((ObjectNode) negative.get("transaction")).put("amountMinor", -1250);
        assertBadBody(negative, "transaction.amountMinor must be a positive integer");

        ObjectNode text = golden();
        ((ObjectNode) text.get("transaction")).put("amountMinor", "1250");
        assertBadBody(text, "transaction.amountMinor must be an integer");

        ObjectNode tooLarge = golden();
        ((ObjectNode) tooLarge.get("transaction")).put("amountMinor", 1_000_000_000_000L);
        assertBadBody(tooLarge, "transaction.amountMinor must be at most 12 digits");

        ObjectNode offline = golden();
        offline.put("offline", "yes");
        assertBadBody(offline, "offline must be true or false");

        ObjectNode longId = golden();
        longId.put("correlationId", "c".repeat(65));
        assertBadBody(longId, "correlationId is longer than 64 characters");

        FrameException notObject = catchFrameException(() -> PaymentRequest.parse(frame("[1]")));
        assertThat(notObject.code()).isEqualTo(ErrorCode.BAD_BODY);
        assertThat(notObject.reason()).isEqualTo("body must be a JSON object");
    }

    @Test
    void anOversizedPaymentRequestCannotBeSentAndIsRefusedFromItsLengthField() {
        ObjectNode body = golden();
        body.put("padding", "x".repeat(4000));
        byte[] json = body.toString().getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ReaderFrameCodec.encode(FrameType.PAYMENT_REQUEST, SEQUENCE, READER, json, KEY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max 4096");

        byte[] prefix = {0x54, 0x42, 0x01, 0x10, 0x00};
        FrameException e = catchFrameException(() -> ReaderFrameCodec.frameLength(prefix, prefix.length));
        assertThat(e.code()).isEqualTo(ErrorCode.OVERSIZED);
        assertThat(e.closesConnection()).isTrue();
    }

    @Test
    void aPaymentRequestWithoutBodyIsABadBody() throws FrameException {
        byte[] empty = ReaderFrameCodec.encode(FrameType.HEARTBEAT, 7, READER, null, KEY);
        empty[5] = FrameType.PAYMENT_REQUEST.code();
        FrameException e = catchFrameException(() -> ReaderFrameCodec.decode(empty));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_BODY);
        assertThat(e.reason()).isEqualTo("PAYMENT_REQUEST needs a JSON body");
    }

    @Test
    void paymentResponsesOfEveryVerdictRoundTrip() throws FrameException {
        List<PaymentResponse> responses = List.of(
                new PaymentResponse(PaymentResponse.Verdict.APPROVED, null, "T-9", "c-9", "F1E4D1C2", "00800000", null, null,
                        List.of(CardWrite.balance(0), CardWrite.ticket("TK-1", "0102"), CardWrite.coupon("CP-7", "AABB"))),
                new PaymentResponse(PaymentResponse.Verdict.DECLINED, List.of(new TapResponse.Reason("INVALID_CRYPTOGRAM",
                        "the ARQC does not match")), "T-10", "c-10", null, null, null, null, null),
                new PaymentResponse(PaymentResponse.Verdict.STEP_UP_REQUIRED, List.of(new TapResponse.Reason("CONFIRM_ON_PHONE",
                        "confirm on your phone")), "T-11", "c-11", null, null, null, null, null),
                new PaymentResponse(PaymentResponse.Verdict.ERROR, List.of(new TapResponse.Reason("ISSUER_UNAVAILABLE",
                        "try again")), null, "c-12", null, null, null, null, null));
        for (PaymentResponse response : responses) {
            assertThat(PaymentResponse.parse(response.toJson())).isEqualTo(response);
        }
        String declined = new String(responses.get(1).toJson(), StandardCharsets.UTF_8);
        assertThat(declined).doesNotContain("arpc").doesNotContain("balanceMinor").contains("\"cardWrites\":[]");
        assertThat(responses.get(0).arpcBytes()).hasValueSatisfying(a -> assertThat(a).hasSize(4));
        assertThat(responses.get(1).arpcBytes()).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"verdict\":\"MAYBE\"}|verdict must be APPROVED, DECLINED, STEP_UP_REQUIRED or ERROR",
            "{\"reasons\":[]}|verdict is required",
            "{\"verdict\":\"APPROVED\",\"arpc\":\"F1E4D1C2\"}|arpc and csu come together: the ARPC covers the CSU",
            "{\"verdict\":\"APPROVED\",\"arpc\":\"F1E4D1\",\"csu\":\"00800000\"}|arpc must be 8 hex digits (ARPC method 2)",
            "{\"verdict\":\"APPROVED\",\"arc\":\"30\"}|arc must be 4 hex digits",
            "{\"verdict\":\"DECLINED\",\"transactionId\":\"T\",\"cardWrites\":[{\"kind\":\"BALANCE\",\"valueMinor\":1}]}|cardWrites are only allowed with verdict APPROVED",
            "{\"verdict\":\"APPROVED\",\"cardWrites\":[{\"kind\":\"BALANCE\",\"valueMinor\":1}]}|transactionId is required with cardWrites",
            "{\"verdict\":\"APPROVED\",\"transactionId\":\"T\",\"cardWrites\":{}}|cardWrites must be an array",
            "{\"verdict\":\"APPROVED\",\"transactionId\":\"T\",\"cardWrites\":[7]}|cardWrites[0] must be an object",
            "{\"verdict\":\"APPROVED\",\"transactionId\":\"T\",\"cardWrites\":[{\"kind\":\"PIN\"}]}|cardWrites[0].kind must be BALANCE, TICKET or COUPON",
            "{\"verdict\":\"APPROVED\",\"transactionId\":\"T\",\"cardWrites\":[{\"kind\":\"BALANCE\",\"valueMinor\":-1}]}|cardWrites[0].valueMinor of a BALANCE write must be 0 to 4294967295",
            "{\"verdict\":\"APPROVED\",\"transactionId\":\"T\",\"cardWrites\":[{\"kind\":\"BALANCE\",\"valueMinor\":4294967296}]}|cardWrites[0].valueMinor of a BALANCE write must be 0 to 4294967295",
            "{\"verdict\":\"APPROVED\",\"transactionId\":\"T\",\"cardWrites\":[{\"kind\":\"BALANCE\",\"valueMinor\":1},{\"kind\":\"TICKET\",\"data\":\"01\"}]}|cardWrites[1].id is required",
            "{\"verdict\":\"APPROVED\",\"transactionId\":\"T\",\"cardWrites\":[{\"kind\":\"COUPON\",\"id\":\"C\",\"data\":\"0\"}]}|cardWrites[0].data must be 2 to 480 hex digits"})
    void rejectsBadPaymentResponses(String body, String reason) {
        FrameException e = catchFrameException(() -> PaymentResponse.parse(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_BODY);
        assertThat(e.reason()).isEqualTo(reason);
    }

    @Test
    void cardWriteResultsAndAcksRoundTripAndRefuseMissingFields() throws FrameException {
        CardWriteResult failed = new CardWriteResult("T-9", CardWrite.Kind.TICKET, "TK-1", false, null, "the card has no ticket file");
        assertThat(CardWriteResult.parse(frame(FrameType.CARD_WRITE_RESULT, new String(failed.toJson(), StandardCharsets.UTF_8))))
                .isEqualTo(failed);
        assertThat(new String(failed.toJson(), StandardCharsets.UTF_8)).doesNotContain("\"sw\"");
        assertThat(CardWriteAck.parse(new CardWriteAck("T-9", false).toJson())).isEqualTo(new CardWriteAck("T-9", false));

        assertWriteResultRefused("{\"kind\":\"BALANCE\",\"ok\":true}", "transactionId is required");
        assertWriteResultRefused("{\"transactionId\":\"T\",\"kind\":\"BALANCE\"}", "ok is required");
        assertWriteResultRefused("{\"transactionId\":\"T\",\"kind\":\"BALANCE\",\"ok\":\"yes\"}", "ok must be true or false");
        assertWriteResultRefused("{\"transactionId\":\"T\",\"kind\":\"BALANCE\",\"ok\":true,\"sw\":\"90000\"}", "sw must be 4 hex digits");
        assertWriteResultRefused("{\"transactionId\":\"T\",\"kind\":\"PIN\",\"ok\":true}", "kind must be BALANCE, TICKET or COUPON");
        FrameException ack = catchFrameException(() -> CardWriteAck.parse("{\"transactionId\":\"T\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(ack.code()).isEqualTo(ErrorCode.BAD_BODY);
        assertThat(ack.reason()).isEqualTo("recorded is required");
    }

    private static void assertWriteResultRefused(String body, String reason) {
        FrameException e = catchFrameException(() -> CardWriteResult.parse(frame(FrameType.CARD_WRITE_RESULT, body)));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_BODY);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.sequence()).isEqualTo(SEQUENCE);
    }

    private static void assertBadBody(JsonNode body, String reason) {
        FrameException e = catchFrameException(() -> PaymentRequest.parse(frame(body)));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_BODY);
        assertThat(e.reason()).startsWith(reason);
        assertThat(e.readerId()).isEqualTo(READER);
        assertThat(e.sequence()).isEqualTo(SEQUENCE);
        assertThat(e.closesConnection()).isFalse();
        assertThat(e.reason()).as("no card number in a reason").doesNotContain("6200001234567890");
    }

    private static ObjectNode golden() {
        try {
            return (ObjectNode) Json.MAPPER.readTree(PaymentGoldenFrameTest.REQUEST.toJson());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ReaderFrame frame(JsonNode body) throws FrameException {
        return frame(body.toString());
    }

    private static ReaderFrame frame(String body) throws FrameException {
        return frame(FrameType.PAYMENT_REQUEST, body);
    }

    private static ReaderFrame frame(FrameType type, String body) throws FrameException {
        return ReaderFrameCodec.decode(ReaderFrameCodec.encode(type, SEQUENCE, READER, body.getBytes(StandardCharsets.UTF_8), KEY));
    }
}
