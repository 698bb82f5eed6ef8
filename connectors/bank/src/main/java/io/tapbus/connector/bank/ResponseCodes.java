package io.tapbus.connector.bank;

import java.util.List;

/**
 * The ISO 8583:1987 response codes (field 39) TapBus and its bank host simulator answer with: what a POS terminal
 * chained through TapBus is told, and what the simulated bank declines with. One place, so that the bus, the
 * simulator and their help texts name the same codes.
 */
public final class ResponseCodes {
    public static final String APPROVED = "00";
    public static final String INVALID_MERCHANT = "03";
    public static final String DO_NOT_HONOUR = "05";
    public static final String INVALID_TRANSACTION = "12";
    public static final String INVALID_AMOUNT = "13";
    public static final String INVALID_CARD_NUMBER = "14";
    public static final String NO_ORIGINAL = "25";
    public static final String FORMAT_ERROR = "30";
    public static final String INSUFFICIENT_FUNDS = "51";
    public static final String NOT_PERMITTED_TO_CARDHOLDER = "57";
    public static final String NOT_PERMITTED_TO_TERMINAL = "58";
    public static final String EXCEEDS_AMOUNT_LIMIT = "61";
    public static final String RESTRICTED_CARD = "62";
    public static final String EXCEEDS_FREQUENCY_LIMIT = "65";
    public static final String ISSUER_UNAVAILABLE = "91";
    public static final String DUPLICATE_TRANSMISSION = "94";
    public static final String SYSTEM_MALFUNCTION = "96";
    /** Soft decline: additional customer authentication required (the card holder confirms on the phone). */
    public static final String STEP_UP = "1A";

    /** Every code above. */
    public static final List<String> ALL = List.of(APPROVED, INVALID_MERCHANT, DO_NOT_HONOUR, INVALID_TRANSACTION,
            INVALID_AMOUNT, INVALID_CARD_NUMBER, NO_ORIGINAL, FORMAT_ERROR, INSUFFICIENT_FUNDS, NOT_PERMITTED_TO_CARDHOLDER,
            NOT_PERMITTED_TO_TERMINAL, EXCEEDS_AMOUNT_LIMIT, RESTRICTED_CARD, EXCEEDS_FREQUENCY_LIMIT, ISSUER_UNAVAILABLE,
            DUPLICATE_TRANSMISSION, SYSTEM_MALFUNCTION, STEP_UP);

    private ResponseCodes() {
    }
}
