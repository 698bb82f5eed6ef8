package io.tapbus.bench.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.rules.Decision;
import io.tapbus.rules.RuleEngine;
import io.tapbus.runtime.pricing.CampaignIndex;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The benchmark prices what it claims: 20-line baskets against 1,000 campaigns, with offers applied and refused. */
class BasketPricingBenchmarkTest {
    @Test
    @SuppressWarnings("unchecked")
    void theBenchmarksBasketsArePricedWithCandidatesFromTheIndex() {
        Random random = new Random(14);
        CampaignIndex index = new CampaignIndex();
        index.putAll(BasketPricingBenchmark.sampleCampaigns(1000, random));
        try (RuleEngine engine = ShippedRules.engine()) {
            int applied = 0;
            int considered = 0;
            for (int i = 0; i < 20; i++) {
                Decision d = BasketPricingBenchmark.price(engine, index, BasketPricingBenchmark.sampleBasket(20, random));
                assertThat(d.getVerdict()).isEqualTo("PRICED");
                List<Map<String, Object>> a = (List<Map<String, Object>>) d.getOutputs().get("applied");
                List<Map<String, Object>> n = (List<Map<String, Object>>) d.getOutputs().get("notApplied");
                applied += a.size();
                considered += a.size() + n.size();
                assertThat((Long) d.getOutputs().get("payableMinor")).isLessThanOrEqualTo((Long) d.getOutputs().get("totalMinor"));
            }
            assertThat(index.size()).isEqualTo(1000);
            assertThat(applied).as("offers applied in 20 baskets").isGreaterThan(20);
            assertThat(considered / 20).as("candidates per basket, far fewer than 1,000").isBetween(5, 200);
        }
    }
}
