package io.tapbus.runtime.checkout;

import io.tapbus.runtime.domain.DomainError;

/**
 * A checkout call refused for a business reason, with a stable kind (the last segment of the problem type,
 * {@code https://tapbus.io/problems/<kind>}) a merchant's code can test: refund-exceeds-capture, capture-exceeds-authorization,
 * checkout-not-capturable, idempotency-key-reused, and so on (docs/checkout.md lists them).
 */
public final class CheckoutRefusal extends DomainError {
    private final String kind;

    public CheckoutRefusal(Code code, String kind, String message) {
        super(code, message);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }

    /** The same Idempotency-Key came with another request (another operation or body). */
    public static CheckoutRefusal keyReused() {
        return new CheckoutRefusal(Code.INVALID_INPUT, "idempotency-key-reused",
                "this Idempotency-Key was used for a different request; use a new key for a new request");
    }

    static CheckoutRefusal state(String kind, String message) {
        return new CheckoutRefusal(Code.CONFLICT, kind, message);
    }
}
