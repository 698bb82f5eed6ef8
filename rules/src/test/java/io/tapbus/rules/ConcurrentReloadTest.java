package io.tapbus.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tapbus.rules.TestDecisions.TAP;
import static io.tapbus.rules.TestDecisions.tap;
import static io.tapbus.rules.TestDecisions.tapFile;
import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentReloadTest {
    private static final String HIGH_LIMIT = "CNY,50000,200000";
    private static final String LOW_LIMIT = "CNY,40000,200000";
    private static final int THREADS = 4;
    private static final int RELOADS = 4;

    /**
     * Threads decide a 450.00 CNY tap while the single-tap limit flips between 500.00 and 400.00 and the
     * engine reloads. Every decision must come from a version that was loaded, and its verdict must be
     * the one of that version: never a mix of two rule sets.
     */
    @Test
    void decisionsDuringReloadsComeWholeFromOneLoadedVersion(@TempDir Path dir) throws Exception {
        TestDecisions.copyShipped(dir);
        Path limits = tapFile(dir, "tap-limits.csv");
        try (RuleEngine engine = new RuleEngine(dir, DecisionCatalog.standard())) {
            Map<String, String> verdictByVersion = new ConcurrentHashMap<>();
            verdictByVersion.put(engine.servingVersions().get(TAP), Decision.APPROVED);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger decided = new AtomicInteger();
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Decision> seen = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    while (running.get()) {
                        Decision decision = engine.decide(TAP, tap(45_000));
                        decided.incrementAndGet();
                        if (decision.getVerdict() == null || decision.getRuleSetVersion() == null) {
                            wrong.add("incomplete decision " + decision);
                        }
                        seen.add(decision);
                    }
                    return null;
                }));
            }
            boolean high = true;
            for (int i = 0; i < RELOADS; i++) {
                Thread.sleep(60);
                TestDecisions.replaceOnce(limits, high ? HIGH_LIMIT : LOW_LIMIT, high ? LOW_LIMIT : HIGH_LIMIT);
                high = !high;
                ReloadResult result = engine.reload();
                assertThat(result.ok()).as(result.problems().toString()).isTrue();
                verdictByVersion.put(result.versions().get(TAP), high ? Decision.APPROVED : Decision.DECLINED);
            }
            Thread.sleep(60);
            running.set(false);
            for (Future<?> worker : workers) {
                worker.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();

            assertThat(verdictByVersion).as("two versions alternate").hasSize(2);
            for (Decision decision : seen) {
                String expected = verdictByVersion.get(decision.getRuleSetVersion());
                if (!decision.getVerdict().equals(expected)) {
                    wrong.add(decision + " but version " + decision.getRuleSetVersion() + " decides " + expected);
                }
            }
            assertThat(wrong).isEmpty();
            Set<String> versionsSeen = new java.util.HashSet<>();
            seen.forEach(decision -> versionsSeen.add(decision.getRuleSetVersion()));
            assertThat(verdictByVersion.keySet()).containsAll(versionsSeen);
            assertThat(versionsSeen).as("decisions ran on both versions").hasSize(2);
            assertThat(decided.get()).isGreaterThan(RELOADS * THREADS);
        }
    }
}
