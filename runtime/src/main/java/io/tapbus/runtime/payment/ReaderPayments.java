package io.tapbus.runtime.payment;

import io.tapbus.connector.card.ArqcInput;
import io.tapbus.connector.reader.BasketAnswer;
import io.tapbus.connector.reader.CardWrite;
import io.tapbus.connector.reader.CardWriteAck;
import io.tapbus.connector.reader.CardWriteResult;
import io.tapbus.connector.reader.FrameException;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.PaymentRequest;
import io.tapbus.connector.reader.PaymentResponse;
import io.tapbus.connector.reader.ReaderBasket;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.ReaderFrameCodec;
import io.tapbus.connector.reader.ReasonCode;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.rules.pricing.BasketLine;
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
 * the card ({@link CardDeliveries}: tickets), after the balance; their results are handed back to it. A request with a
 * basket is priced by the basket-pricing rules ({@link CardBasketPayments}); its answer says how (§12, basket extension).
 */
public final class ReaderPayments {
    private final CardBasketPayments payments;
    private final ReaderRegistry readers;
    private final AuditLog audit;
    private final CardWrites cardWrites;
    private final PaymentCards cards;
    /** Writes per response besides the balance: three tickets of 240 bytes keep the frame far below 4096 bytes. */
    static final int MAX_DELIVERIES = 3;
    private volatile CardDeliveries deliveries;

    public ReaderPayments(PaymentService payments, ReaderRegistry readers, AuditLog audit, CardWrites cardWrites, PaymentCards cards) {
        this.cards = cards;
        this.payments = new CardBasketPayments(payments);
        this.readers = readers;
        this.audit = audit;
        this.cardWrites = cardWrites;
    }

    /** What approved payments deliver to the card besides the balance (tickets). */
    public void deliver(CardDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    /** Baskets are priced by the pricing module once it is wired (PricingWiring). */
    public void useBaskets(CardBaskets baskets) {
        payments.useBaskets(baskets);
    }

    public byte[] pay(ReaderFrame frame, Exchange exchange) throws FrameException {
        PaymentRequest req = PaymentRequest.parse(frame);
        exchange.getMessage().setHeader(Exchange.BREADCRUMB_ID, req.correlationId());
        ReaderRegistry.ReaderEntry reader = readers.entry(frame.readerId()).orElseThrow();
        PaymentCommand cmd = new PaymentCommand("READER", "reader:" + frame.readerId() + ":" + req.correlationId(), reader.merchantId(),
                frame.readerId(), req.merchantCategory(), req.card().pan(), req.card().psn(), req.atcValue(), req.arqcBytes(),
                new ArqcInput(req.cdol1Bytes(), req.aipBytes(), req.atcValue(), req.iadBytes()).bytes(), null,
                req.transaction().amountMinor(), req.transaction().currency(), req.offline());
        CardBasketPayments.Paid paid = payments.pay(cmd, basket(req, reader.merchantId()));
        PaymentResponse response = withDeliveries(response(paid.outcome(), req.correlationId()), req);
        if (req.basket() != null) {
            response = withBasket(response, basketAnswer(paid, req.transaction().amountMinor()));
        }
        return reply(frame, FrameType.PAYMENT_RESPONSE, response.toJson());
    }

    /** An approved payment's response with what waits for the card (tickets) after the balance. */
    private PaymentResponse withDeliveries(PaymentResponse response, PaymentRequest req) {
        CardDeliveries more = deliveries;
        if (more == null || response.verdict() != PaymentResponse.Verdict.APPROVED || response.arpc() == null) {
            return response;
        }
        // the card lets a reader write only after this ARPC: the one moment a ticket can go onto it
        String cardUid = cards.cardUidOf(req.card().pan());
        List<CardWrite> pending = cardUid == null ? List.of() : more.pending(cardUid, MAX_DELIVERIES);
        if (pending.isEmpty()) {
            return response;
        }
        List<CardWrite> all = new ArrayList<>(response.cardWrites()); // the balance first: it decides a reversal
        all.addAll(pending);
        return new PaymentResponse(response.verdict(), response.reasons(), response.transactionId(), response.correlationId(),
                response.arpc(), response.csu(), response.arc(), response.balanceMinor(), all, response.basket());
    }

    private static CardBaskets.CardBasket basket(PaymentRequest req, String merchantId) {
        ReaderBasket basket = req.basket();
        if (basket == null) {
            return null;
        }
        List<BasketLine> lines = basket.lines().stream()
                .map(l -> new BasketLine(l.sku(), l.category(), l.quantity(), l.unitPriceMinor())).toList();
        return new CardBaskets.CardBasket(merchantId, req.card().pan(), req.transaction().currency(), req.transaction().amountMinor(), lines,
                basket.couponCodes());
    }

    /**
     * The basket's answer: the offers of a new payment (applied only when approved; refused with the rules' reasons), the
     * totals alone for a repeat. The discount is all the card was not charged (the offers and any loyalty discount).
     */
    static BasketAnswer basketAnswer(CardBasketPayments.Paid paid, long totalMinor) {
        PaymentOutcome outcome = paid.outcome();
        Long charged = outcome.approved() ? totalMinor - outcome.discountMinor() : null;
        CardBaskets.Priced priced = paid.priced();
        if (priced == null) {
            return new BasketAnswer(totalMinor, outcome.approved() ? outcome.discountMinor() : 0, charged, List.of(), List.of());
        }
        List<BasketAnswer.Offer> applied = outcome.approved() ? priced.applied().stream()
                .map(o -> new BasketAnswer.Offer(o.campaignId(), o.couponCode(), o.amountMinor(), null)).toList() : List.of();
        List<BasketAnswer.Offer> refused = priced.refused().stream()
                .map(o -> new BasketAnswer.Offer(o.campaignId(), o.couponCode(), null, o.reason())).toList();
        return new BasketAnswer(totalMinor, outcome.approved() ? outcome.discountMinor() : 0, charged, applied, refused);
    }

    private static PaymentResponse withBasket(PaymentResponse r, BasketAnswer basket) {
        return new PaymentResponse(r.verdict(), r.reasons(), r.transactionId(), r.correlationId(), r.arpc(), r.csu(), r.arc(), r.balanceMinor(),
                r.cardWrites(), basket);
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
