package io.tapbus.runtime.platform;

/** Card identifiers in logs and audit records show only their last four characters. */
public final class CardMask {
    private CardMask() {
    }

    public static String mask(String cardUid) {
        if (cardUid == null) {
            return null;
        }
        int keep = Math.min(4, cardUid.length() / 2);
        return "*".repeat(Math.max(0, cardUid.length() - keep)) + cardUid.substring(cardUid.length() - keep);
    }
}
