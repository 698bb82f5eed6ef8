package io.tapbus.runtime.payment;

import java.time.Duration;

/** The timer step of route payment-recovery: reverse payments a crash left waiting for the bank. */
public final class PaymentRecovery {
    private final PaymentService payments;
    private final Duration after;

    public PaymentRecovery(PaymentService payments, Duration after) {
        this.payments = payments;
        this.after = after;
    }

    public int run() {
        return payments.recoverPending(after);
    }
}
