package io.tapbus.runtime.payment;

import io.tapbus.runtime.domain.DomainError;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;

/**
 * Payments by the universal card (on a reader or a chained POS) and by the phone: every channel hands its
 * {@link PaymentCommand} to the payment flow (route {@code payment-authorize}: earlier answer, facts, decide, record)
 * and gets one {@link PaymentOutcome}. Every answer is recorded under the request's idempotency key, so a repeat gets
 * the same answer and moves no money. Step-up confirmations go through the same flow.
 */
public final class PaymentService {
    static final String FLOW = "direct:payment-authorize";

    private final PaymentBook book;
    private final PaymentRecorder recorder;
    private final Retaps retaps;
    private final ProducerTemplate flow;

    public PaymentService(PaymentBook book, PaymentRecorder recorder, Retaps retaps, ProducerTemplate flow) {
        this.book = book;
        this.recorder = recorder;
        this.retaps = retaps;
        this.flow = flow;
    }

    /** The payment table (for reversals, which move payments too). */
    public PaymentBook book() {
        return book;
    }

    public PaymentOutcome pay(PaymentCommand cmd) {
        validate(cmd);
        return run(PaymentContext.request(cmd));
    }

    /** A payment of a priced basket: the command's amount is the payable one; the redemption is recorded with the approval. */
    public PaymentOutcome pay(PaymentCommand cmd, Redemption redemption) {
        validate(cmd);
        return run(PaymentContext.request(cmd, redemption));
    }

    /** The card holder confirms a step-up on the phone: decided again on fresh facts, now confirmed. */
    public PaymentOutcome confirm(String paymentId, String msisdn) {
        Map<String, Object> row = book.withHolder(paymentId)
                .filter(r -> r.get("msisdn").equals(msisdn))
                .orElseThrow(() -> DomainError.notFound("payment " + paymentId + " of this card holder"));
        if (PaymentBook.status(row) != PaymentStatus.STEP_UP) {
            return book.outcome(row);
        }
        if (recorder.stepUps().expireIfLate(row)) {
            return find(paymentId).orElseThrow();
        }
        return run(PaymentContext.confirmation(recorder.stepUps().commandOf(row), paymentId));
    }

    /** The card holder refuses a step-up on the phone: DECLINED with STEP_UP_REFUSED. */
    public PaymentOutcome refuse(String paymentId, String msisdn) {
        Map<String, Object> row = book.withHolder(paymentId)
                .filter(r -> r.get("msisdn").equals(msisdn))
                .orElseThrow(() -> DomainError.notFound("payment " + paymentId + " of this card holder"));
        if (PaymentBook.status(row) == PaymentStatus.STEP_UP && !recorder.stepUps().expireIfLate(row)) {
            recorder.stepUps().refuse(paymentId);
        }
        return find(paymentId).orElseThrow();
    }

    /** The newest payment waiting for this card holder's step-up (what an SMS reply Y or N answers). */
    public Optional<String> waitingStepUp(String msisdn) {
        return book.waitingStepUp(msisdn);
    }

    /** A payment, only if {@code msisdn} is its card holder's number (the phone app sees its own payments only). */
    public Optional<PaymentOutcome> findOfHolder(String paymentId, String msisdn) {
        return book.withHolder(paymentId).filter(r -> msisdn.equals(r.get("msisdn"))).map(book::outcome);
    }

    /** The payment recorded under an idempotency key, if any. */
    public Optional<PaymentOutcome> findByKey(String idempotencyKey) {
        return book.byKey(idempotencyKey).map(book::outcome);
    }

    public Optional<PaymentOutcome> find(String paymentId) {
        return book.byId(paymentId).map(book::outcome);
    }

    /**
     * The flow's first step: a repeat of a recorded request is answered with the recorded outcome; a repeat from a new
     * tap of the card (a new cryptogram) with an ARPC over its own ARQC ({@link Retaps}).
     */
    public void findEarlierOutcome(PaymentContext p) {
        if (!p.confirming() && book.maybeRecorded(p.command().idempotencyKey())) {
            earlier(p.command()).ifPresent(p::answer);
        }
    }

    /** Payments a crash left waiting for the bank are reversed at the bank; those waiting for the operator are resolved with it. */
    public int recoverPending(Duration olderThan) {
        return recorder.recoverPending(olderThan);
    }

    private PaymentOutcome run(PaymentContext p) {
        try {
            return flow.requestBody(FLOW, p, PaymentContext.class).outcome();
        } catch (CamelExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private Optional<PaymentOutcome> earlier(PaymentCommand cmd) {
        return book.byKey(cmd.idempotencyKey()).map(recorded -> {
            Map<String, Object> row = recorded;
            if (PaymentBook.status(row) == PaymentStatus.STEP_UP && recorder.stepUps().expireIfLate(row)) {
                row = book.byId((String) row.get("payment_id")).orElseThrow();
            }
            PaymentOutcome outcome = book.outcome(row);
            return Retaps.isNewTap(cmd, row) ? retaps.answer(cmd, row, outcome) : outcome;
        });
    }

    private static void validate(PaymentCommand cmd) {
        if (cmd.idempotencyKey() == null || cmd.idempotencyKey().isBlank() || cmd.idempotencyKey().length() > 200) {
            throw invalid("an idempotency key of 1 to 200 characters is required");
        }
        if (cmd.currency() == null || !isIso4217(cmd.currency())) {
            throw invalid("currency must be an ISO 4217 code such as CNY");
        }
        if (cmd.merchantId() == null) {
            throw invalid("merchantId is required");
        }
        if (cmd.pan() == null && cmd.msisdn() == null) {
            throw invalid("a payment names a card (PAN) or a phone user (MSISDN)");
        }
        if (cmd.carrierBilled() && (!"PHONE".equals(cmd.channel()) || cmd.msisdn() == null)) {
            throw invalid("only a phone payment, named by the paying MSISDN, can be charged to the phone bill");
        }
        if (cmd.arqc() != null && (cmd.atc() == null || cmd.arqcInput() == null || cmd.psn() == null)) {
            throw invalid("an ARQC comes with the ATC, the PAN sequence number and the data the card MACed");
        }
    }

    static boolean isIso4217(String code) {
        if (!code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            java.util.Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException notACurrency) {
            return false;
        }
    }

    private static DomainError invalid(String message) {
        return DomainError.invalid(message);
    }
}
