package io.tapbus.runtime.pos;

import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.runtime.payment.PaymentOutcome;
import java.util.Locale;

/**
 * The payment-specific fields of a 0110/0210, all derived from the recorded payment so a repeated request gets the
 * same answer: 37 (the terminal's RRN, else one derived from the payment id), 38 (auth code, approved only), 54
 * (additional amounts: the loyalty discount and, for stored value, the balance left) and 55 (tag 91, the issuer
 * authentication data ARPC + CSU for the card, when the request carried ICC data).
 */
final class PosAnswers {
    /** Field 54 amount type for the loyalty discount: 90, in the range ISO 8583:1987 leaves to private use. */
    static final String AMOUNT_TYPE_DISCOUNT = "90";
    /** Field 54 amount type for the available balance (as the bank simulator answers balance inquiries). */
    static final String AMOUNT_TYPE_AVAILABLE = "02";
    private static final String ACCOUNT_TYPE_DEFAULT = "00";

    private PosAnswers() {
    }

    static Iso8583Message payment(Iso8583Message answer, Iso8583Message request, PaymentOutcome outcome, String numericCurrency) {
        String id = outcome.paymentId() == null ? "" : outcome.paymentId().replaceFirst("^PAY-", "").replaceAll("[^0-9A-Za-z]", "")
                .toUpperCase(Locale.ROOT);
        if (!answer.has(37) && !id.isEmpty()) {
            answer = answer.with(37, rrn(id));
        }
        if (outcome.approved()) {
            answer = answer.with(38, authCode(id));
            String amounts = additionalAmounts(outcome, numericCurrency);
            if (!amounts.isEmpty()) {
                answer = answer.with(54, amounts);
            }
        }
        if (request.has(55) && outcome.arpc() != null && outcome.csu() != null) {
            answer = answer.with(55, "9108" + outcome.arpc() + outcome.csu());
        }
        return answer;
    }

    /** Account type (2), amount type (2), currency (3, ISO 4217 numeric), C/D, amount (12 digits); one per amount. */
    static String additionalAmounts(PaymentOutcome outcome, String currency) {
        StringBuilder out = new StringBuilder();
        if (outcome.discountMinor() > 0) {
            out.append(amount(AMOUNT_TYPE_DISCOUNT, currency, outcome.discountMinor()));
        }
        if (outcome.balanceMinor() != null) {
            out.append(amount(AMOUNT_TYPE_AVAILABLE, currency, outcome.balanceMinor()));
        }
        return out.toString();
    }

    private static String amount(String type, String currency, long minor) {
        return ACCOUNT_TYPE_DEFAULT + type + currency + (minor < 0 ? "D" : "C") + String.format("%012d", Math.abs(minor));
    }

    /** 6 characters of the payment id: the same payment always gets the same code. */
    static String authCode(String id) {
        String padded = "000000" + id;
        return padded.substring(padded.length() - 6);
    }

    /** 12 digits derived from the payment id. */
    static String rrn(String id) {
        String hex = id.replaceAll("[^0-9A-F]", "");
        long value = hex.length() >= 15 ? Long.parseLong(hex.substring(hex.length() - 15), 16) : id.hashCode() & 0x7fffffffL;
        return String.format("%012d", value % 1_000_000_000_000L);
    }
}
