package io.tapbus.rules.payment;

/** A merchant category code cards may not pay at. Inserted by the blocked categories decision table. */
public final class BlockedCategory {
    private final String code;
    private final String reason;

    public BlockedCategory(String code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public String getCode() {
        return code;
    }

    public String getReason() {
        return reason;
    }

    @Override
    public String toString() {
        return "BlockedCategory[" + code + "]";
    }
}
