package io.tapbus.connector.card.pcsc;

import java.util.Optional;

/**
 * The outcome of reading a card: a {@link CardTap}, or why there is none. {@code statusWord} is the card's answer
 * to the command that stopped the flow (9000 for a tap).
 */
public record TapResult(Status status, CardTap tap, int statusWord, String detail) {

    public enum Status {
        /** The card answered GENERATE AC; {@link #tap()} is set. */
        TAPPED,
        /** The card has no TapBus application (SELECT answered 6A82). */
        APP_NOT_FOUND,
        /** The card refused a command or answered something unreadable. */
        CARD_ERROR,
        /** No card came, or it was taken away during the exchange. */
        NO_CARD
    }

    static TapResult tapped(CardTap tap) {
        return new TapResult(Status.TAPPED, tap, 0x9000, "tapped");
    }

    static TapResult failed(Status status, int statusWord, String detail) {
        return new TapResult(status, null, statusWord, detail);
    }

    public Optional<CardTap> cardTap() {
        return Optional.ofNullable(tap);
    }

    @Override
    public String toString() {
        return "TapResult[" + status + ", sw=" + String.format("%04X", statusWord) + ", " + detail
                + (tap == null ? "" : ", " + tap) + "]";
    }
}
