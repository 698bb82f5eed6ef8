package io.tapbus.samples.reader;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.connector.reader.ReaderBasket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pay --basket FILE.json [--coupon CODE[,CODE...]]}: the basket a PAYMENT_REQUEST carries (docs/reader-protocol.md
 * §12.1, basket extension). The file holds the lines, either as an array or as {@code {"lines": [...], "couponCodes": [...]}};
 * each line {@code {"sku": "TEA-1", "category": "tea", "quantity": 2, "unitPriceMinor": 4500}}. The card then
 * authorises the basket's total, so {@code --amount} may be left out (given, it must be that total).
 */
final class BasketOptions {
    static final String BASKET = "basket";
    static final String COUPON = "coupon";

    private BasketOptions() {
    }

    /** The basket of the command line, or null without {@code --basket}. */
    static ReaderBasket from(CommandLine line) throws UsageException {
        String file = line.get(BASKET, null);
        if (file == null) {
            if (line.has(COUPON)) {
                throw new UsageException("--coupon goes with --basket: coupons are redeemed against a basket");
            }
            return null;
        }
        JsonNode root;
        try {
            root = PaymentExchange.JSON.readTree(Files.readString(Path.of(file)));
        } catch (IOException e) {
            throw new UsageException("cannot read --basket " + file + ": " + e.getMessage());
        }
        JsonNode lines = root.isArray() ? root : root.path("lines");
        if (!lines.isArray() || lines.isEmpty()) {
            throw new UsageException("--basket " + file + " must hold an array of lines (or an object with \"lines\")");
        }
        List<ReaderBasket.Line> parsed = new ArrayList<>();
        for (JsonNode l : lines) {
            if (!l.path("sku").isTextual() || !l.path("quantity").canConvertToLong() || !l.path("unitPriceMinor").canConvertToLong()) {
                throw new UsageException("--basket " + file + ": every line needs sku, quantity and unitPriceMinor");
            }
            parsed.add(new ReaderBasket.Line(l.path("sku").asText(), l.path("category").isTextual() ? l.path("category").asText() : null,
                    l.path("quantity").asLong(), l.path("unitPriceMinor").asLong()));
        }
        List<String> codes = new ArrayList<>();
        root.path("couponCodes").forEach(c -> codes.add(c.asText()));
        String option = line.get(COUPON, null);
        if (option != null) {
            codes.addAll(List.of(option.split(",")));
        }
        return ReaderBasket.of(parsed, codes);
    }
}
