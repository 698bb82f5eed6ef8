package io.tapbus.bench.decisions;

import io.tapbus.rules.Decision;
import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.RuleEngine;
import io.tapbus.rules.pricing.BasketLine;
import io.tapbus.rules.pricing.BasketPricingInput;
import io.tapbus.rules.pricing.PricingCampaign;
import io.tapbus.runtime.pricing.Campaign;
import io.tapbus.runtime.pricing.CampaignCounters;
import io.tapbus.runtime.pricing.CampaignDefinition;
import io.tapbus.runtime.pricing.CampaignIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Basket pricing decisions per second (issue 14): {@code campaigns} active campaigns (70% on 1-5 of 5,000 SKUs, 29% on
 * one of 100 categories, 1% on the whole basket; a third limited to some stores, a tenth not started yet), baskets of
 * {@code lines} random lines. One operation is what {@code BasketPricer} does per basket without the database: the
 * campaign index picks the candidates by SKU and category, their facts are made, and the shipped basket-pricing rules
 * decide on a pooled session. 64 prepared baskets in turn. Run with {@code -t 2} for both cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 3) // Drools compiles its constraints to bytecode as they are used: a long warm-up
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class BasketPricingBenchmark {
    static final int SKUS = 5_000;
    static final int CATEGORIES = 100;

    @Param({"1000"})
    public int campaigns;

    @Param({"20"})
    public int lines;

    private RuleEngine engine;
    private final CampaignIndex index = new CampaignIndex();
    private final List<List<BasketLine>> baskets = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

    @Setup
    public void setUp() {
        engine = ShippedRules.engine();
        Random random = new Random(14);
        index.putAll(sampleCampaigns(campaigns, random));
        for (int b = 0; b < 64; b++) {
            baskets.add(sampleBasket(lines, random));
        }
    }

    @TearDown
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public Decision price() {
        return price(engine, index, baskets.get(next.getAndIncrement() & 63));
    }

    /** What BasketPricer does for one basket, with nothing spent yet and no coupons. */
    static Decision price(RuleEngine engine, CampaignIndex index, List<BasketLine> basket) {
        Instant now = Instant.now();
        BasketPricingInput in = new BasketPricingInput();
        in.setPersonId("U-bench");
        in.setStoreId("store-1");
        in.setAt(now);
        in.setLines(basket);
        in.setTiers(List.of("club:GOLD"));
        List<Campaign> candidates = index.candidates(basket, "store-1", now);
        List<PricingCampaign> facts = new ArrayList<>(candidates.size());
        for (Campaign c : candidates) {
            facts.add(c.fact(CampaignCounters.Spent.NONE, 0));
        }
        in.setCampaigns(facts);
        return engine.decide(DecisionCatalog.BASKET_PRICING, in);
    }

    static List<Campaign> sampleCampaigns(int n, Random random) {
        List<Campaign> out = new ArrayList<>(n);
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            int shape = random.nextInt(100);
            List<String> skus = new ArrayList<>();
            List<String> categories = new ArrayList<>();
            if (shape < 70) {
                for (int k = 1 + random.nextInt(5); k > 0; k--) {
                    skus.add("SKU-" + random.nextInt(SKUS));
                }
            } else if (shape < 99) {
                categories.add("CAT-" + random.nextInt(CATEGORIES));
            }
            String kind = switch (i % 3) {
                case 0 -> "PERCENT";
                case 1 -> "AMOUNT";
                default -> "BUY_X_GET_Y";
            };
            List<String> stores = i % 3 == 0 ? List.of("store-" + (1 + random.nextInt(3)), "store-9") : List.of();
            Instant starts = i % 10 == 0 ? now.plusSeconds(86_400) : now.minusSeconds(86_400);
            CampaignDefinition d = new CampaignDefinition("bench " + i, kind, 5 + random.nextInt(20), 100L + random.nextInt(900), 2, 1,
                    skus, categories, stores, i % 7 == 0 ? List.of("club:GOLD") : List.of(), List.of(), false, null, starts,
                    now.plusSeconds(30 * 86_400), i % 2 == 0 ? 5_000L : null, 0L, i % 4 == 0 ? 3 : null, null, 10_000_000L, null, false,
                    i % 25 == 0 ? "EXCLUSIVE" : "STACKABLE", random.nextInt(100), null);
            out.add(new Campaign("CMP-" + i, "adv-" + (i % 20), "ACTIVE", d, now));
        }
        return out;
    }

    static List<BasketLine> sampleBasket(int n, Random random) {
        List<BasketLine> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new BasketLine("SKU-" + random.nextInt(SKUS), "CAT-" + random.nextInt(CATEGORIES), 1 + random.nextInt(4),
                    100 + random.nextInt(20_000)));
        }
        return out;
    }
}
