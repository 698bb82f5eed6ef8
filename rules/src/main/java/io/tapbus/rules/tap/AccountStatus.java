package io.tapbus.rules.tap;

/** State of the account behind a card; NONE when the card has no account. */
public enum AccountStatus {
    OPEN, FROZEN, CLOSED, NONE
}
