package io.tapbus.connector.reader;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How the bus priced the basket of a PAYMENT_REQUEST, in its PAYMENT_RESPONSE (docs/reader-protocol.md §12.2, basket
 * extension version 1), compact enough for a receipt: the total the card authorised, the discount of the offers
 * applied, what the card was charged (approved payments only: the total minus every discount), the offers applied
 * ({@code c} campaign, {@code k} coupon code, {@code a} amount) and those refused with the rules' reason ({@code r}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BasketAnswer(long totalMinor, long discountMinor, Long chargedMinor, List<Offer> applied, List<Offer> refused) {

    /** One offer: campaign {@code c} (null for an unknown coupon), coupon code {@code k}, amount {@code a} or reason {@code r}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Offer(String c, String k, Long a, String r) {}

    public BasketAnswer {
        applied = applied == null ? List.of() : List.copyOf(applied);
        refused = refused == null ? List.of() : List.copyOf(refused);
    }

    static BasketAnswer parse(JsonNode root) {
        JsonNode node = Json.object(root, "basket");
        if (node == null) {
            return null;
        }
        Long total = Json.integer(node, "totalMinor");
        Long discount = Json.integer(node, "discountMinor");
        if (total == null || discount == null || discount < 0 || discount > total) {
            throw new IllegalArgumentException("basket needs totalMinor and a discountMinor of 0 to totalMinor");
        }
        return new BasketAnswer(total, discount, Json.integer(node, "chargedMinor"), offers(node, "applied"), offers(node, "refused"));
    }

    private static List<Offer> offers(JsonNode node, String field) {
        List<Offer> offers = new ArrayList<>();
        JsonNode array = node.get(field);
        if (array == null || array.isNull()) {
            return offers;
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("basket." + field + " must be an array");
        }
        for (JsonNode o : array) {
            if (!o.isObject()) {
                throw new IllegalArgumentException("basket." + field + " must hold objects");
            }
            offers.add(new Offer(Json.text(o, "c"), Json.text(o, "k"), Json.integer(o, "a"), Json.text(o, "r")));
        }
        return offers;
    }
}
