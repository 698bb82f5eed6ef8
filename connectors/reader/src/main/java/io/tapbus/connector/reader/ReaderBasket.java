package io.tapbus.connector.reader;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The optional basket of a PAYMENT_REQUEST (docs/reader-protocol.md §12.1, basket extension version 1): what the
 * customer buys, line by line, and the coupon codes the customer shows, so the bus prices it with the basket-pricing
 * rules (docs/pricing.md). The card authorises the basket's total ({@code transaction.amountMinor} must be the sum of
 * the lines); the bus charges the total minus the offers that apply. A reader without baskets sends no {@code basket}.
 *
 * @param version     the extension's version: 1 (a server refuses another with BAD_BODY, so a newer reader learns it)
 * @param lines       1 to {@value #MAX_LINES} lines
 * @param couponCodes up to {@value #MAX_COUPONS} coupon codes (empty when none)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ReaderBasket(int version, List<Line> lines, List<String> couponCodes) {
    public static final int VERSION = 1;
    public static final int MAX_LINES = 40;
    public static final int MAX_COUPONS = 10;
    private static final long MAX_QUANTITY = 1_000_000;
    private static final long MAX_UNIT_PRICE = 999_999_999_999L;
    private static final Pattern TEXT = Pattern.compile("[\\x21-\\x7E]{1,64}");

    /**
     * One line: {@code quantity} units of {@code sku} at {@code unitPriceMinor} each.
     *
     * @param sku            1 to 64 printable ASCII characters, no spaces
     * @param category       optional, 1 to 64 printable ASCII characters
     * @param quantity       1 to 1,000,000
     * @param unitPriceMinor 0 to 12 digits, minor units
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String sku, String category, long quantity, long unitPriceMinor) {}

    public ReaderBasket {
        lines = lines == null ? List.of() : List.copyOf(lines);
        couponCodes = couponCodes == null ? List.of() : List.copyOf(couponCodes);
    }

    /** A version-1 basket. */
    public static ReaderBasket of(List<Line> lines, List<String> couponCodes) {
        return new ReaderBasket(VERSION, lines, couponCodes);
    }

    /** The sum of the lines: what the card must authorise. */
    public long totalMinor() {
        long total = 0;
        for (Line line : lines) {
            total = Math.addExact(total, Math.multiplyExact(line.quantity(), line.unitPriceMinor()));
        }
        return total;
    }

    /** The {@code basket} field of a request body, or null when absent; the messages name the field. */
    static ReaderBasket parse(JsonNode root) {
        JsonNode node = Json.object(root, "basket");
        if (node == null) {
            return null;
        }
        Long version = Json.integer(node, "version");
        if (version == null || version != VERSION) {
            throw new IllegalArgumentException("basket.version must be " + VERSION + " (the basket extension this server knows)");
        }
        JsonNode array = node.get("lines");
        if (array == null || !array.isArray() || array.isEmpty() || array.size() > MAX_LINES) {
            throw new IllegalArgumentException("basket.lines must be an array of 1 to " + MAX_LINES + " lines");
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            lines.add(line(array.get(i), "basket.lines[" + i + "]"));
        }
        List<String> codes = new ArrayList<>();
        JsonNode coupons = node.get("couponCodes");
        if (coupons != null && !coupons.isNull()) {
            if (!coupons.isArray() || coupons.size() > MAX_COUPONS) {
                throw new IllegalArgumentException("basket.couponCodes must be an array of at most " + MAX_COUPONS + " codes");
            }
            for (JsonNode code : coupons) {
                if (!code.isTextual() || !TEXT.matcher(code.asText()).matches()) {
                    throw new IllegalArgumentException("basket.couponCodes must be codes of 1 to 64 printable characters");
                }
                codes.add(code.asText());
            }
        }
        ReaderBasket basket = new ReaderBasket(VERSION, lines, codes);
        try {
            basket.totalMinor();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("basket total is too large");
        }
        return basket;
    }

    private static Line line(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(name + " must be an object");
        }
        try {
            String sku = Json.requiredText(node, "sku");
            if (!TEXT.matcher(sku).matches()) {
                throw new IllegalArgumentException("sku must be 1 to 64 printable characters without spaces");
            }
            String category = Json.text(node, "category");
            if (category != null && !TEXT.matcher(category).matches()) {
                throw new IllegalArgumentException("category must be 1 to 64 printable characters without spaces");
            }
            Long quantity = Json.integer(node, "quantity");
            if (quantity == null || quantity < 1 || quantity > MAX_QUANTITY) {
                throw new IllegalArgumentException("quantity must be 1 to " + MAX_QUANTITY);
            }
            Long price = Json.integer(node, "unitPriceMinor");
            if (price == null || price < 0 || price > MAX_UNIT_PRICE) {
                throw new IllegalArgumentException("unitPriceMinor must be 0 to 12 digits");
            }
            return new Line(sku, category, quantity, price);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith(name) ? e.getMessage() : name + "." + e.getMessage());
        }
    }
}
