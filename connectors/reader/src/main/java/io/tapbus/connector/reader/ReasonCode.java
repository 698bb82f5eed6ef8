package io.tapbus.connector.reader;

/**
 * The reason codes TapBus gives with a tap's or a payment's verdict: {@code reasons[].code} of a TAP_RESPONSE and a
 * PAYMENT_RESPONSE, and the reasons of a card's history and of a POS answer. The rules
 * ({@code rules/decisions/tap-authorize}, {@code payment-authorize}) decline and refer with these codes; the bus's own
 * steps (recording, the bank, card writes, step-up) add the others. Tools name codes from here, so that their help
 * says what the bus sends. runtime's {@code ReasonCodesTest} keeps this list and the rules in step.
 */
public enum ReasonCode {
    // the card's proof (payment-authorize)
    CRYPTOGRAM_INVALID,
    ATC_REPLAYED,
    CRYPTOGRAM_MISSING,
    // the card and its account
    CARD_UNKNOWN,
    CARD_NOT_ACTIVE,
    ACCOUNT_NOT_OPEN,
    INSUFFICIENT_FUNDS,
    // the merchant
    MERCHANT_BLOCKED,
    MERCHANT_CATEGORY_BLOCKED,
    // the amount and the limits
    AMOUNT_INVALID,
    AMOUNT_NEGATIVE,
    CURRENCY_UNSUPPORTED,
    OVER_SINGLE_LIMIT,
    OVER_SINGLE_TAP_LIMIT,
    DAILY_LIMIT_EXCEEDED,
    VELOCITY_EXCEEDED,
    OVER_OFFLINE_FLOOR_LIMIT,
    // step-up: the card holder confirms on the phone
    STEP_UP_REQUIRED,
    STEP_UP_EXPIRED,
    STEP_UP_REFUSED,
    // the paying phone number's SIM changed recently (operator SIM Swap API): confirm or decline, by the rules
    SIM_SWAP_RECENT,
    // recording: something changed while the request was decided
    CONCURRENT_CHANGE,
    // the card did not take the approved payment's write; the payment is reversed
    CARD_WRITE_FAILED,
    // the bank (bank-funded cards)
    IN_PROGRESS,
    BANK_LINK_DOWN,
    BANK_DECLINED,
    ISSUER_TIMEOUT,
    ISSUER_UNAVAILABLE,
    RECOVERED_REVERSAL,
    // the operator (phone payments charged to the phone bill, CAMARA Carrier Billing)
    CARRIER_DECLINED,
    CARRIER_UNAVAILABLE,
    // a POS terminal reversed its payment
    REVERSED_BY_TERMINAL
}
