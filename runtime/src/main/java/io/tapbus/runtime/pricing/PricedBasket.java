package io.tapbus.runtime.pricing;

import io.tapbus.rules.Decision;
import java.util.List;
import java.util.Map;

/**
 * A basket as the basket-pricing rules priced it: PRICED (or DECLINED for a basket the bus refuses), the totals, the
 * offers applied in order and those not applied with why, the rule set version; and who the person is, for the
 * redemption at payment.
 */
public record PricedBasket(String verdict, long totalMinor, long discountMinor, long payableMinor, List<Map<String, Object>> applied,
                           List<Map<String, Object>> notApplied, List<String> reasons, String decisionId, String ruleSetVersion,
                           @com.fasterxml.jackson.annotation.JsonIgnore String personId) {
    @SuppressWarnings("unchecked")
    static PricedBasket of(Decision d, String personId) {
        Map<String, Object> out = d.getOutputs();
        return new PricedBasket(d.getVerdict(), number(out.get("totalMinor")), number(out.get("discountMinor")),
                number(out.get("payableMinor")), (List<Map<String, Object>>) out.getOrDefault("applied", List.of()),
                (List<Map<String, Object>>) out.getOrDefault("notApplied", List.of()), d.reasonCodes(), d.getDecisionId(),
                d.getRuleSetVersion(), personId);
    }

    public boolean priced() {
        return "PRICED".equals(verdict);
    }

    private static long number(Object v) {
        return v instanceof Number n ? n.longValue() : 0;
    }
}
