package io.tapbus.rules.tap;

/** Life cycle of a universal card. Only ACTIVE cards pay. */
public enum CardStatus {
    ISSUED, ACTIVE, BLOCKED, REPLACED, UNKNOWN
}
