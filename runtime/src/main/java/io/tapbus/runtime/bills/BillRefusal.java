package io.tapbus.runtime.bills;

import io.tapbus.runtime.domain.DomainError;

/**
 * A bill inquiry or payment refused for a stated reason, with a stable kind (the last segment of the problem type):
 * biller-unknown, bill-not-found, bill-already-paid, insufficient-funds, biller-unavailable, payer-unknown (docs/bills.md).
 */
public final class BillRefusal extends DomainError {
    private final String kind;

    BillRefusal(Code code, String kind, String message) {
        super(code, message);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }

    /** The HTTP status of this refusal. */
    public int status() {
        return switch (code()) {
            case NOT_FOUND -> 404;
            case SYSTEM_UNAVAILABLE -> 503;
            case INVALID_INPUT -> 400;
            default -> 409;
        };
    }
}
