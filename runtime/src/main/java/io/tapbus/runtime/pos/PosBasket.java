package io.tapbus.runtime.pos;

import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.rules.pricing.BasketLine;
import io.tapbus.runtime.payment.CardBaskets;
import java.util.ArrayList;
import java.util.List;

/**
 * A chained POS's basket in field 48 (ISO 8583:1987 "additional data, private use", LLLVAR ans..999), and the answer's
 * offers in the same field of the 0110/0210 (docs/pricing.md, "Baskets at the reader and the chained POS"). Field 48 is the field the standard leaves
 * to private data of the acquirer's own design, so a terminal that has no basket leaves it out and nothing changes; 62
 * and 63 are left to the networks. The data are TLV elements: a tag of two letters, a length of three digits, the value:
 * <ul>
 *   <li>{@code BV} the basket's version, {@code 1}; first, required</li>
 *   <li>{@code BL} one line: {@code SKU;CATEGORY;QUANTITY;UNIT_PRICE_MINOR} (category may be empty), 1 to 20 lines</li>
 *   <li>{@code CP} one coupon code, up to 10</li>
 * </ul>
 * The answer: {@code BV0011}, then {@code OA} {@code CAMPAIGN;COUPON;AMOUNT_MINOR} per offer applied and {@code OR}
 * {@code CAMPAIGN;COUPON;REASON} per offer refused (campaign empty for an unknown coupon), as many as fit in 999.
 */
final class PosBasket {
    static final int FIELD = 48;
    static final int MAX_LINES = 20;
    static final int MAX_COUPONS = 10;
    private static final int MAX_LENGTH = 999;

    /** Field 48 that does not follow the layout above. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super("field 48: " + message);
        }
    }

    /** The basket: lines and coupon codes. */
    record Basket(List<BasketLine> lines, List<String> couponCodes) {
        long totalMinor() {
            long total = 0;
            for (BasketLine line : lines) {
                total = Math.addExact(total, line.amountMinor());
            }
            return total;
        }
    }

    private PosBasket() {
    }

    /** The purchase's basket (null without field 48); its lines must add up to field 4, what the card authorised. */
    static CardBaskets.CardBasket read(Iso8583Message request, String merchantId, String pan, String currency, long amountMinor)
            throws Malformed {
        if (!request.has(FIELD)) {
            return null;
        }
        Basket basket = parse(request.field(FIELD));
        if (basket.totalMinor() != amountMinor) {
            throw new Malformed("the basket's total " + basket.totalMinor() + " is not field 4 " + amountMinor);
        }
        return new CardBaskets.CardBasket(merchantId, pan, currency, amountMinor, basket.lines(), basket.couponCodes());
    }

    static Basket parse(String field48) throws Malformed {
        List<BasketLine> lines = new ArrayList<>();
        List<String> coupons = new ArrayList<>();
        int at = 0;
        boolean versioned = false;
        while (at < field48.length()) {
            if (at + 5 > field48.length() || !field48.substring(at + 2, at + 5).matches("[0-9]{3}")) {
                throw new Malformed("an element at " + at + " needs a tag of 2 letters and a length of 3 digits");
            }
            String tag = field48.substring(at, at + 2);
            int length = Integer.parseInt(field48.substring(at + 2, at + 5));
            if (at + 5 + length > field48.length()) {
                throw new Malformed("element " + tag + " at " + at + " is longer than the field");
            }
            String value = field48.substring(at + 5, at + 5 + length);
            at += 5 + length;
            if (!versioned) {
                if (!tag.equals("BV") || !value.equals("1")) {
                    throw new Malformed("the first element must be BV0011 (basket version 1)");
                }
                versioned = true;
                continue;
            }
            switch (tag) {
                case "BL" -> lines.add(line(value, lines.size()));
                case "CP" -> coupons.add(coupon(value));
                default -> throw new Malformed("unknown element " + tag);
            }
        }
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            throw new Malformed("a basket has 1 to " + MAX_LINES + " BL lines");
        }
        if (coupons.size() > MAX_COUPONS) {
            throw new Malformed("at most " + MAX_COUPONS + " CP coupon codes");
        }
        Basket basket = new Basket(lines, coupons);
        try {
            basket.totalMinor();
        } catch (ArithmeticException e) {
            throw new Malformed("the basket's total is too large");
        }
        return basket;
    }

    private static BasketLine line(String value, int index) throws Malformed {
        String[] parts = value.split(";", -1);
        if (parts.length != 4 || !parts[0].matches("[\\x21-\\x3A\\x3C-\\x7E]{1,64}") || !parts[1].matches("[\\x21-\\x3A\\x3C-\\x7E]{0,64}")
                || !parts[2].matches("[1-9][0-9]{0,5}|1000000") || !parts[3].matches("[0-9]{1,12}")) {
            throw new Malformed("BL line " + index + " must be SKU;CATEGORY;QUANTITY;UNIT_PRICE_MINOR (sku 1-64 characters, quantity"
                    + " 1 to 1000000, price 0 to 12 digits)");
        }
        return new BasketLine(parts[0], parts[1].isEmpty() ? null : parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]));
    }

    private static String coupon(String value) throws Malformed {
        if (!value.matches("[\\x21-\\x7E]{1,64}")) {
            throw new Malformed("CP must be a coupon code of 1 to 64 printable characters");
        }
        return value;
    }

    /** The answer's field 48: the offers applied (only for an approved payment) and refused; null when there is nothing to say. */
    static String answer(CardBaskets.Priced priced, boolean approved) {
        if (priced == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(element("BV", "1"));
        if (approved) {
            for (CardBaskets.Offer o : priced.applied()) {
                append(out, element("OA", text(o.campaignId()) + ";" + text(o.couponCode()) + ";" + o.amountMinor()));
            }
        }
        for (CardBaskets.Offer o : priced.refused()) {
            append(out, element("OR", text(o.campaignId()) + ";" + text(o.couponCode()) + ";" + o.reason()));
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String element) {
        if (out.length() + element.length() <= MAX_LENGTH) {
            out.append(element);
        }
    }

    private static String element(String tag, String value) {
        String v = value.length() > MAX_LENGTH - 5 ? value.substring(0, MAX_LENGTH - 5) : value;
        return tag + String.format("%03d", v.length()) + v;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
