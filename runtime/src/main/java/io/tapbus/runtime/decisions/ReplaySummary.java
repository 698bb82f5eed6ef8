package io.tapbus.runtime.decisions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a replay found, added up decision by decision in bounded memory: counts per verdict change and per rule
 * whatever the number of decisions, and the changed decisions themselves up to {@link #KEPT_CHANGES} (the
 * counts stay exact beyond that). Thread-safe: the job adds, the API reads a snapshot.
 */
public final class ReplaySummary {
    public static final int KEPT_CHANGES = 10_000;
    private static final int KEPT_FAILURES = 10;

    /** One decision that the candidate decides differently. */
    public record Change(String decisionId, String decisionName, String decidedAt, String oldVerdict, String newVerdict,
                         List<String> rulesNowFiring, List<String> rulesNoLongerFiring) {}

    /** How one rule's firing changed over the changed decisions. */
    public record RuleCount(long nowFires, long stopsFiring) {}

    /** A copy to answer with. */
    public record Snapshot(long replayed, long unchanged, long changed, long skippedWithoutFacts, long failed,
                           Map<String, Long> verdictChanges, Map<String, RuleCount> rules, boolean changesTruncated,
                           List<String> failures) {}

    private long replayed;
    private long changed;
    private long skipped;
    private long failed;
    private final Map<String, Long> verdictChanges = new TreeMap<>();
    private final Map<String, long[]> rules = new TreeMap<>();
    private final List<Change> changes = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    synchronized void skippedWithoutFacts() {
        skipped++;
    }

    synchronized void failed(String decisionId, String message) {
        failed++;
        if (failures.size() < KEPT_FAILURES) {
            failures.add(decisionId + ": " + message);
        }
    }

    /** One replayed decision: the recorded outcome and the candidate's. */
    synchronized void replayed(String decisionId, String decisionName, String decidedAt, String oldVerdict, List<String> oldRules,
                               String newVerdict, List<String> newRules) {
        replayed++;
        Set<String> before = new LinkedHashSet<>(oldRules);
        Set<String> after = new LinkedHashSet<>(newRules);
        if (java.util.Objects.equals(oldVerdict, newVerdict) && before.equals(after)) {
            return;
        }
        changed++;
        verdictChanges.merge(oldVerdict + " -> " + newVerdict, 1L, Long::sum);
        List<String> nowFiring = after.stream().filter(r -> !before.contains(r)).toList();
        List<String> noLonger = before.stream().filter(r -> !after.contains(r)).toList();
        nowFiring.forEach(r -> rules.computeIfAbsent(r, k -> new long[2])[0]++);
        noLonger.forEach(r -> rules.computeIfAbsent(r, k -> new long[2])[1]++);
        if (changes.size() < KEPT_CHANGES) {
            changes.add(new Change(decisionId, decisionName, decidedAt, oldVerdict, newVerdict, nowFiring, noLonger));
        }
    }

    public synchronized Snapshot snapshot() {
        Map<String, RuleCount> ruleCounts = new TreeMap<>();
        rules.forEach((rule, n) -> ruleCounts.put(rule, new RuleCount(n[0], n[1])));
        return new Snapshot(replayed, replayed - changed, changed, skipped, failed, java.util.Collections.unmodifiableMap(new TreeMap<>(verdictChanges)), ruleCounts,
                changed > changes.size(), List.copyOf(failures));
    }

    /** Changed decisions from index {@code from} (in the order replayed, oldest first), at most {@code limit}. */
    public synchronized List<Change> changes(int from, int limit) {
        int start = Math.min(Math.max(from, 0), changes.size());
        return List.copyOf(changes.subList(start, Math.min(changes.size(), start + Math.max(limit, 0))));
    }

    public synchronized int keptChanges() {
        return changes.size();
    }
}
