package io.tapbus.runtime.payment;

import io.tapbus.rules.Decision;
import io.tapbus.rules.payment.PaymentAuthorizationInput;

/** What the payment flow knows about one payment as it moves through facts, decide and record. */
public final class PaymentContext {
    private final PaymentCommand command;
    private final String stepUpPaymentId;
    final PaymentAuthorizationInput facts = new PaymentAuthorizationInput();
    PaymentCards.PaymentCard paymentCard;
    String cardUid;
    String accountId;
    private Decision decision;
    private PaymentOutcome outcome;
    private Redemption redemption;

    private PaymentContext(PaymentCommand command, String stepUpPaymentId) {
        this.command = command;
        this.stepUpPaymentId = stepUpPaymentId;
    }

    /** A new payment request. */
    static PaymentContext request(PaymentCommand command) {
        return new PaymentContext(command, null);
    }

    /** A new payment request for a priced basket: {@code redemption} is recorded with the approved payment. */
    static PaymentContext request(PaymentCommand command, Redemption redemption) {
        PaymentContext p = new PaymentContext(command, null);
        p.redemption = redemption;
        return p;
    }

    /** What an approved payment redeems (a priced basket's offers), or null. */
    Redemption redemption() { return redemption; }

    /** The card holder confirmed the step-up of payment {@code paymentId}: decided again, now confirmed. */
    static PaymentContext confirmation(PaymentCommand command, String paymentId) {
        return new PaymentContext(command, paymentId);
    }

    public PaymentCommand command() { return command; }
    /** The payment whose step-up is confirmed, or null for a new request. */
    public String stepUpPaymentId() { return stepUpPaymentId; }
    public boolean confirming() { return stepUpPaymentId != null; }
    public PaymentAuthorizationInput facts() { return facts; }
    public Decision decision() { return decision; }

    void decided(Decision decision) {
        this.decision = decision;
    }

    /** The answer: recorded now, or the recorded outcome of an earlier request with the same idempotency key. */
    public PaymentOutcome outcome() { return outcome; }

    /** True once the payment has its answer (a repeat has it before any decision). */
    public boolean answered() { return outcome != null; }

    void answer(PaymentOutcome outcome) {
        this.outcome = outcome;
    }

    /** Card-present with a cryptogram the facts found valid. */
    boolean verified() {
        return "VALID".equals(facts.getCryptogram());
    }

    boolean bankFunded() {
        return "BANK".equals(facts.getFunding());
    }

    /** A phone payment charged to the phone bill through the operator (CAMARA Carrier Billing). */
    boolean carrierBilled() {
        return PaymentCommand.CARRIER_BILLING.equals(facts.getFunding());
    }
}
