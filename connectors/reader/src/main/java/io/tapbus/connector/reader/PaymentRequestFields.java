package io.tapbus.connector.reader;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.connector.reader.PaymentRequest.Card;
import io.tapbus.connector.reader.PaymentRequest.Transaction;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.regex.Pattern;

/** The checks of a PAYMENT_REQUEST's {@code card} and {@code transaction} objects (docs/reader-protocol.md §12.1). */
final class PaymentRequestFields {
    private static final Pattern DIGITS_3 = Pattern.compile("[0-9]{3}");
    private static final Pattern DIGITS_2 = Pattern.compile("[0-9]{2}");
    private static final Pattern PAN = Pattern.compile("[0-9]{12,19}");
    private static final Pattern EXPIRY = Pattern.compile("[0-9]{2}(0[1-9]|1[0-2])");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final long MAX_N12 = 999_999_999_999L;

    private PaymentRequestFields() {
    }

    static Card card(JsonNode root) {
        JsonNode node = Json.object(root, "card");
        if (node == null) {
            throw new IllegalArgumentException("is required");
        }
        String pan = Json.requiredText(node, "pan");
        if (!PAN.matcher(pan).matches()) {
            throw new IllegalArgumentException("pan must be 12 to 19 digits");
        }
        String psn = Json.requiredText(node, "psn");
        if (!DIGITS_2.matcher(psn).matches()) {
            throw new IllegalArgumentException("psn must be 2 digits");
        }
        String expiry = Json.requiredText(node, "expiry");
        if (!EXPIRY.matcher(expiry).matches()) {
            throw new IllegalArgumentException("expiry must be YYMM");
        }
        return new Card(pan, psn, expiry);
    }

    static Transaction transaction(JsonNode root) {
        JsonNode node = Json.object(root, "transaction");
        if (node == null) {
            throw new IllegalArgumentException("is required");
        }
        Long amount = Json.integer(node, "amountMinor");
        if (amount == null || amount <= 0) {
            throw new IllegalArgumentException("amountMinor must be a positive integer");
        }
        if (amount > MAX_N12) {
            throw new IllegalArgumentException("amountMinor must be at most 12 digits");
        }
        Long other = Json.integer(node, "otherAmountMinor");
        if (other != null && (other < 0 || other > MAX_N12)) {
            throw new IllegalArgumentException("otherAmountMinor must be 0 to 12 digits");
        }
        String currency = Json.requiredText(node, "currency");
        if (!CURRENCY.matcher(currency).matches() || !isIsoCurrency(currency)) {
            throw new IllegalArgumentException("currency must be a 3-letter ISO 4217 code");
        }
        String currencyNumeric = Json.requiredText(node, "currencyNumeric");
        if (!DIGITS_3.matcher(currencyNumeric).matches()) {
            throw new IllegalArgumentException("currencyNumeric must be 3 digits (ISO 4217 numeric)");
        }
        int expectedNumeric = Currency.getInstance(currency).getNumericCode();
        if (Integer.parseInt(currencyNumeric) != expectedNumeric) {
            throw new IllegalArgumentException("currencyNumeric " + currencyNumeric + " is not the code of " + currency
                    + " (" + String.format("%03d", expectedNumeric) + ")");
        }
        String country = Json.requiredText(node, "terminalCountry");
        if (!DIGITS_3.matcher(country).matches()) {
            throw new IllegalArgumentException("terminalCountry must be 3 digits (ISO 3166 numeric)");
        }
        String tvr = Json.requiredHex(node, "tvr", 10, 10, "10 hex digits");
        String date = Json.requiredText(node, "date");
        try {
            LocalDate.parse(date, PaymentRequest.YYMMDD);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date must be YYMMDD");
        }
        String type = Json.requiredText(node, "type");
        if (!DIGITS_2.matcher(type).matches()) {
            throw new IllegalArgumentException("type must be 2 digits");
        }
        String un = Json.requiredHex(node, "unpredictableNumber", 8, 8, "8 hex digits");
        return new Transaction(amount, other == null ? 0 : other, currency, currencyNumeric, country, tvr, date, type, un);
    }

    static boolean isIsoCurrency(String code) {
        try {
            return Currency.getInstance(code).getNumericCode() > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Names the first field where the readable data and the MACed data differ (amounts only, no card data). */
    static String difference(Transaction given, Transaction mac) {
        if (given.amountMinor() != mac.amountMinor()) {
            return "amountMinor is " + given.amountMinor() + ", cdol1 says " + mac.amountMinor();
        }
        if (given.otherAmountMinor() != mac.otherAmountMinor()) {
            return "otherAmountMinor is " + given.otherAmountMinor() + ", cdol1 says " + mac.otherAmountMinor();
        }
        if (!given.currencyNumeric().equals(mac.currencyNumeric())) {
            return "currencyNumeric is " + given.currencyNumeric() + ", cdol1 says " + mac.currencyNumeric();
        }
        if (!given.terminalCountry().equals(mac.terminalCountry())) {
            return "terminalCountry is " + given.terminalCountry() + ", cdol1 says " + mac.terminalCountry();
        }
        if (!given.tvr().equals(mac.tvr())) {
            return "tvr is " + given.tvr() + ", cdol1 says " + mac.tvr();
        }
        if (!given.date().equals(mac.date())) {
            return "date is " + given.date() + ", cdol1 says " + mac.date();
        }
        if (!given.type().equals(mac.type())) {
            return "type is " + given.type() + ", cdol1 says " + mac.type();
        }
        return "unpredictableNumber is " + given.unpredictableNumber() + ", cdol1 says " + mac.unpredictableNumber();
    }
}
