package io.tapbus.connector.reader;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The protocol half of what a reader route does, standing in for the runtime's route in tests: answer
 * rejected frames, authenticate, answer heartbeats, approve taps of the funded demo card, approve payments and
 * acknowledge card write results.
 */
final class ProtocolGateway implements Processor {

    static final String FUNDED_CARD = "04A1B2C3D4E5F6";

    private final ReaderAuthenticator authenticator;

    ProtocolGateway(ReaderAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        if (body instanceof RejectedFrame rejected) {
            reply(message, ReaderFrameCodec.errorFrame(rejected, replyKey(rejected.readerId())), rejected.closeConnection());
            return;
        }
        ReaderFrame frame = (ReaderFrame) body;
        message.setHeader(ReaderConstants.READER_ID, frame.readerId());
        message.setHeader(ReaderConstants.READER_SEQUENCE, frame.sequence());
        try {
            authenticator.authenticate(frame);
            byte[] key = replyKey(frame.readerId());
            switch (frame.type()) {
                case HEARTBEAT -> reply(message,
                        ReaderFrameCodec.encode(FrameType.HEARTBEAT_ACK, frame.sequence(), frame.readerId(), null, key), false);
                case TAP_REQUEST -> reply(message, ReaderFrameCodec.encode(FrameType.TAP_RESPONSE, frame.sequence(),
                        frame.readerId(), decide(TapRequest.parse(frame), frame.sequence()).toJson(), key), false);
                case PAYMENT_REQUEST -> reply(message, ReaderFrameCodec.encode(FrameType.PAYMENT_RESPONSE, frame.sequence(),
                        frame.readerId(), pay(PaymentRequest.parse(frame), frame.sequence()).toJson(), key), false);
                case CARD_WRITE_RESULT -> reply(message, ReaderFrameCodec.encode(FrameType.CARD_WRITE_ACK, frame.sequence(),
                        frame.readerId(), new CardWriteAck(CardWriteResult.parse(frame).transactionId(), true).toJson(), key), false);
                default -> throw new FrameException(ErrorCode.UNKNOWN_TYPE, frame.type() + " is not a request",
                        frame.readerId(), frame.sequence());
            }
        } catch (FrameException e) {
            reply(message, ReaderFrameCodec.errorFrame(e, replyKey(e.readerId())), e.closesConnection());
        }
    }

    private static TapResponse decide(TapRequest tap, long sequence) {
        if (FUNDED_CARD.equals(tap.cardUid())) {
            return new TapResponse(TapResponse.Verdict.APPROVED, null, "tx-" + sequence, "d-1",
                    10_000L - tap.amountMinor(), tap.correlationId());
        }
        return new TapResponse(TapResponse.Verdict.DECLINED, List.of(new TapResponse.Reason("CARD_BLOCKED", "card is blocked")),
                "tx-" + sequence, "d-1", null, tap.correlationId());
    }

    /** The protocol only: no cryptogram check here (that is connectors/card's job); a fixed ARPC and one balance write. */
    private static PaymentResponse pay(PaymentRequest request, long sequence) {
        return new PaymentResponse(PaymentResponse.Verdict.APPROVED, null, "tx-" + sequence, request.correlationId(),
                "F1E4D1C2", "00800000", "3030", 10_000L - request.transaction().amountMinor(),
                List.of(CardWrite.balance(10_000L - request.transaction().amountMinor())));
    }

    private byte[] replyKey(String readerId) {
        return readerId == null ? null : authenticator.replyKey(readerId).orElse(null);
    }

    private static void reply(Message message, byte[] frame, boolean close) {
        message.setBody(frame);
        if (close) {
            message.setHeader(ReaderConstants.CLOSE_CHANNEL_WHEN_COMPLETE, true);
        }
    }
}
