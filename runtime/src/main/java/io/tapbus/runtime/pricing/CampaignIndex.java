package io.tapbus.runtime.pricing;

import io.tapbus.rules.pricing.BasketLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The active campaigns, indexed by SKU and by category (and those for the whole basket), so pricing hands the rules only
 * the few campaigns a basket can touch, not all of them. Rebuilt copy-on-write on every publication (rare); read
 * without locks.
 */
public final class CampaignIndex {
    private record Snapshot(Map<String, List<Campaign>> bySku, Map<String, List<Campaign>> byCategory, List<Campaign> wholeBasket) {}

    private final Map<String, Campaign> active = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), List.of());

    public synchronized void put(Campaign c) {
        if (c.active()) {
            active.put(c.campaignId(), c);
        } else {
            active.remove(c.campaignId());
        }
        rebuild();
    }

    public synchronized void putAll(Collection<Campaign> campaigns) {
        campaigns.forEach(c -> active.put(c.campaignId(), c));
        rebuild();
    }

    public Campaign get(String campaignId) {
        return active.get(campaignId);
    }

    public int size() {
        return active.size();
    }

    /** The running campaigns that cover a line of the basket (by SKU, category, or the whole basket) and this store. */
    public List<Campaign> candidates(List<BasketLine> lines, String storeId, Instant at) {
        Snapshot s = snapshot;
        Map<String, Campaign> found = new LinkedHashMap<>();
        for (Campaign c : s.wholeBasket()) {
            found.putIfAbsent(c.campaignId(), c);
        }
        for (BasketLine line : lines) {
            for (Campaign c : s.bySku().getOrDefault(line.getSku(), List.of())) {
                found.putIfAbsent(c.campaignId(), c);
            }
            if (line.getCategory() != null) {
                for (Campaign c : s.byCategory().getOrDefault(line.getCategory(), List.of())) {
                    found.putIfAbsent(c.campaignId(), c);
                }
            }
        }
        List<Campaign> out = new ArrayList<>(found.size());
        for (Campaign c : found.values()) {
            if (c.runningAt(at) && (c.definition().stores().isEmpty() || c.definition().stores().contains(storeId))) {
                out.add(c);
            }
        }
        return out;
    }

    private void rebuild() {
        Map<String, List<Campaign>> bySku = new ConcurrentHashMap<>();
        Map<String, List<Campaign>> byCategory = new ConcurrentHashMap<>();
        List<Campaign> whole = new ArrayList<>();
        for (Campaign c : active.values()) {
            CampaignDefinition d = c.definition();
            if (d.skus().isEmpty() && d.categories().isEmpty()) {
                whole.add(c);
            }
            d.skus().forEach(sku -> bySku.computeIfAbsent(sku, k -> new ArrayList<>()).add(c));
            d.categories().forEach(cat -> byCategory.computeIfAbsent(cat, k -> new ArrayList<>()).add(c));
        }
        snapshot = new Snapshot(bySku, byCategory, List.copyOf(whole));
    }
}
