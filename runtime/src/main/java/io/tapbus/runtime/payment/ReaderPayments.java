package io.tapbus.runtime.payment;

import io.tapbus.connector.card.ArqcInput;
import io.tapbus.connector.reader.CardWrite;
import io.tapbus.connector.reader.CardWriteAck;
import io.tapbus.connector.reader.CardWriteResult;
import io.tapbus.connector.reader.FrameException;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.PaymentRequest;
import io.tapbus.connector.reader.PaymentResponse;
import io.tapbus.connector.reader.ReaderConstants;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.ReaderFrameCodec;
import io.tapbus.connector.reader.ReasonCode;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.runtime.platform.AuditLog;
import io.tapbus.runtime.platform.ReaderRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.jdbi.v3.core.Jdbi;

/**
 * The payment exchange of the reader protocol (docs/reader-protocol.md §12): PAYMENT_REQUEST becomes a payment of the
 * reader's merchant, keyed by (reader, correlationId), so a reader that retries gets the same answer; its
 * PAYMENT_RESPONSE carries the ARPC for the card and what to write to it. CARD_WRITE_RESULT reports what the card did;
 * a balance the card did not take is reconciled ({@link CardWrites}). An approved payment also carries what waits for
 * the card ({@link CardDeliveries}: tickets), after the balance; their results are handed back to it.
 */
public final class ReaderPayments {
    private final PaymentService payments;
    private final ReaderRegistry readers;
    private final AuditLog audit;
    private final CardWrites cardWrites;
    private final PaymentCards cards;
    /** Writes per response besides the balance: three tickets of 240 bytes keep the frame far below 4096 bytes. */
    static final int MAX_DELIVERIES = 3;
    private volatile CardDeliveries deliveries;

    public ReaderPayments(PaymentService payments, ReaderRegistry readers, AuditLog audit, CardWrites cardWrites, PaymentCards cards) {
        this.cards = cards;
        this.payments = payments;
        this.readers = readers;
        this.audit = audit;
        this.cardWrites = cardWrites;
    }

    /** What approved payments deliver to the card besides the balance (tickets). */
    public void deliver(CardDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    public byte[] pay(ReaderFrame frame, Exchange exchange) throws FrameException {
        PaymentRequest req = PaymentRequest.parse(frame);
        exchange.getMessage().setHeader(Exchange.BREADCRUMB_ID, req.correlationId());
        ReaderRegistry.ReaderEntry reader = readers.entry(frame.readerId()).orElseThrow();
        PaymentCommand cmd = new PaymentCommand("READER", "reader:" + frame.readerId() + ":" + req.correlationId(), reader.merchantId(),
                frame.readerId(), req.merchantCategory(), req.card().pan(), req.card().psn(), req.atcValue(), req.arqcBytes(),
                new ArqcInput(req.cdol1Bytes(), req.aipBytes(), req.atcValue(), req.iadBytes()).bytes(), null,
                req.transaction().amountMinor(), req.transaction().currency(), req.offline());
        PaymentOutcome outcome = payments.pay(cmd);
        PaymentResponse response = response(outcome, req.correlationId());
        CardDeliveries more = deliveries;
        if (more != null && response.verdict() == PaymentResponse.Verdict.APPROVED && response.arpc() != null) {
            // the card lets a reader write only after this ARPC: the one moment a ticket can go onto it
            String cardUid = cards.cardUidOf(req.card().pan());
            List<CardWrite> pending = cardUid == null ? List.of() : more.pending(cardUid, MAX_DELIVERIES);
            if (!pending.isEmpty()) {
                List<CardWrite> all = new ArrayList<>(response.cardWrites()); // the balance first: it decides a reversal
                all.addAll(pending);
                response = new PaymentResponse(response.verdict(), response.reasons(), response.transactionId(), response.correlationId(),
                        response.arpc(), response.csu(), response.arc(), response.balanceMinor(), all);
            }
        }
        return reply(frame, FrameType.PAYMENT_RESPONSE, response.toJson());
    }

    static PaymentResponse response(PaymentOutcome outcome, String correlationId) {
        PaymentResponse.Verdict verdict = switch (outcome.status()) {
            case APPROVED -> PaymentResponse.Verdict.APPROVED;
            case STEP_UP -> PaymentResponse.Verdict.STEP_UP_REQUIRED;
            case PENDING_BANK, PENDING_CARRIER -> PaymentResponse.Verdict.ERROR;
            case DECLINED, REVERSED, EXPIRED -> PaymentResponse.Verdict.DECLINED;
        };
        List<TapResponse.Reason> reasons = outcome.reasons().stream().map(r -> new TapResponse.Reason(r.code(), r.message())).toList();
        if (outcome.status() == PaymentStatus.PENDING_BANK) {
            reasons = List.of(new TapResponse.Reason(ReasonCode.IN_PROGRESS.name(), "the bank is still deciding; ask again with the same correlationId"));
        }
        List<CardWrite> writes = verdict == PaymentResponse.Verdict.APPROVED && outcome.balanceMinor() != null
                && outcome.balanceMinor() >= 0 && outcome.balanceMinor() <= CardWrite.MAX_BALANCE
                ? List.of(CardWrite.balance(outcome.balanceMinor())) : List.of();
        return new PaymentResponse(verdict, reasons, outcome.paymentId(), correlationId, outcome.arpc(),
                outcome.arpc() == null ? null : outcome.csu(), null, outcome.balanceMinor(), writes);
    }

    public byte[] cardWriteResult(ReaderFrame frame, Exchange exchange) throws FrameException {
        CardWriteResult result = CardWriteResult.parse(frame);
        CardWrites.Result reconciled = cardWrites.report(result.transactionId(), result.kind().name(), result.ok(), result.sw(),
                result.detail());
        boolean known = reconciled != CardWrites.Result.UNKNOWN;
        CardDeliveries more = deliveries;
        String delivered = "";
        if (known && more != null && more.delivers(result.kind()) && result.id() != null) {
            delivered = " " + more.report(result.transactionId(), cardWrites.cardUidOf(result.transactionId()), result.kind(), result.id(),
                    result.ok());
        }
        if (known) {
            audit.record(frame.readerId(), "card.write", result.transactionId(), result.kind() + (result.id() == null ? "" : " " + result.id())
                    + (result.ok() ? " ok" : " failed") + (result.sw() == null ? "" : " sw=" + result.sw()) + " -> " + reconciled + delivered);
        }
        return reply(frame, FrameType.CARD_WRITE_ACK, new CardWriteAck(result.transactionId(), known).toJson());
    }

    private byte[] reply(ReaderFrame frame, FrameType type, byte[] body) {
        byte[] key = readers.entry(frame.readerId()).orElseThrow().key();
        return ReaderFrameCodec.encode(type, frame.sequence(), frame.readerId(), body, key);
    }
}
