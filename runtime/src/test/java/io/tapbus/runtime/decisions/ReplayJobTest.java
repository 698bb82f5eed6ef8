package io.tapbus.runtime.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.rules.Decision;
import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.RuleEngine;
import io.tapbus.rules.RuleProblem;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.db.Database;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A what-if replay over 100,000 recorded tap decisions (synthetic records of four kinds of tap, each recorded with
 * what the shipped rules decided): a lower single-tap limit changes exactly the taps between the two limits; the
 * counts are exact while the listed changes stay bounded; a candidate that does not build replays nothing.
 */
class ReplayJobTest {
    private static final int DECISIONS = 100_000;
    private static final Instant BASE = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    private static Database database;
    private static ReplayJobs jobs;

    @TempDir
    static Path work;

    /** Four taps: 10.00 approved, 400.00 approved (over a 300.00 limit), 600.00 over the limit, a blocked card. */
    private static final List<Map<String, Object>> TAPS = List.of(tap(1_000, "ACTIVE"), tap(40_000, "ACTIVE"),
            tap(60_000, "ACTIVE"), tap(500, "BLOCKED"));

    private static Map<String, Object> tap(long amount, String cardStatus) {
        return Map.of("readerId", "R-DEMO-1", "merchantId", "demo-shop", "merchantCategory", "5411", "cardUid", "04A1B2C3D4E5F6",
                "cardStatus", cardStatus, "accountStatus", "OPEN", "balanceMinor", 100_000, "amountMinor", amount, "currency", "CNY");
    }

    @BeforeAll
    static void record() throws Exception {
        database = new Database("jdbc:h2:mem:replay-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "", 2);
        database.migrate();
        jobs = new ReplayJobs(database.jdbi(), DecisionCatalog.standard(), work.resolve("replay"));
        DecisionFacts facts = new DecisionFacts();
        List<Object[]> kinds = new ArrayList<>();
        try (RuleEngine serving = new RuleEngine(RunningBus.HOME.resolve("rules/decisions"), DecisionCatalog.standard())) {
            for (Map<String, Object> tap : TAPS) {
                Decision d = serving.decide("tap-authorize", tap);
                kinds.add(new Object[] {d.getRuleSetVersion(), d.getVerdict(), "[" + String.join(",",
                        d.getRulesFired().stream().map(r -> "\"" + r + "\"").toList()) + "]", facts.record(d.facts()).facts()});
            }
        }
        database.jdbi().useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO decision_record(decision_id, decision_name, rule_set_version, verdict,"
                    + " reasons, rules_fired, decided_at, facts, rule_verdict, card_uid) VALUES (?, 'tap-authorize', ?, ?, '[]', ?, ?, ?, ?, ?)");
            for (int i = 0; i < DECISIONS; i++) {
                Object[] k = kinds.get(i % 4);
                add(batch, BASE.plusMillis(i / 50), i, k, (String) k[3]);
            }
            for (int i = 0; i < 10; i++) { // recorded before facts were kept
                Object[] k = kinds.get(0);
                add(batch, BASE.plusSeconds(3600), DECISIONS + i, k, null);
            }
            for (int i = 0; i < 5; i++) { // long before the period
                Object[] k = kinds.get(1);
                add(batch, BASE.minus(Duration.ofDays(3)), i, k, (String) k[3]);
            }
            batch.execute();
        });
    }

    private static void add(PreparedBatch batch, Instant at, int n, Object[] kind, String facts) {
        long millis = at.toEpochMilli();
        String id = new UUID(millis << 16 | 0x7000L | (n & 0xFFFL),
                ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
        batch.bind(0, id).bind(1, kind[0]).bind(2, kind[1]).bind(3, kind[2]).bind(4, Timestamp.from(at)).bind(5, facts)
                .bind(6, kind[1]).bind(7, "04A1B2C3D4E5F6").add();
    }

    @AfterAll
    static void close() {
        jobs.close();
        database.close();
    }

    @Test
    void aLowerSingleTapLimitChangesExactlyTheTapsBetweenTheLimitsCountedExactlyWithBoundedLists() throws Exception {
        Path candidate = Candidates.tapAuthorize(work.resolve("lower-limit"), "TapLimitsCNY,CNY,30000,200000");
        ReplayJob job = jobs.start(new ReplayJobs.Request(candidate, null, BASE.minusSeconds(1), Instant.now(), null));

        List<Long> seen = new ArrayList<>();
        while (!job.finished()) {
            long processed = job.progress().processed();
            if (seen.isEmpty() || seen.get(seen.size() - 1) != processed) {
                seen.add(processed);
            }
            Thread.sleep(5);
        }
        ReplayJob.Progress progress = job.progress();
        ReplaySummary.Snapshot summary = job.summary().snapshot();

        assertThat(progress.state()).as(progress.error()).isEqualTo(ReplayJob.State.DONE);
        assertThat(progress.total()).as("the period's decisions, not those before it").isEqualTo(DECISIONS + 10);
        assertThat(progress.processed()).isEqualTo(DECISIONS + 10);
        assertThat(seen).as("progress only grows").isSorted();
        assertThat(summary.replayed()).isEqualTo(DECISIONS);
        assertThat(summary.skippedWithoutFacts()).isEqualTo(10);
        assertThat(summary.failed()).isZero();
        assertThat(summary.changed()).as("the 400.00 taps, one in four").isEqualTo(DECISIONS / 4);
        assertThat(summary.verdictChanges()).containsExactly(Map.entry("APPROVED -> DECLINED", (long) DECISIONS / 4));
        assertThat(summary.rules().get("DeclineWhenOverSingleTapLimit")).isEqualTo(new ReplaySummary.RuleCount(DECISIONS / 4, 0));
        assertThat(summary.rules().get("ApproveWhenNothingDeclined")).isEqualTo(new ReplaySummary.RuleCount(0, DECISIONS / 4));
        assertThat(summary.changesTruncated()).isTrue();
        assertThat(job.summary().keptChanges()).as("changed decisions kept for listing are capped").isEqualTo(ReplaySummary.KEPT_CHANGES);
        assertThat(job.summary().changes(0, 3)).allSatisfy(c -> {
            assertThat(c.oldVerdict()).isEqualTo("APPROVED");
            assertThat(c.newVerdict()).isEqualTo("DECLINED");
            assertThat(c.rulesNowFiring()).containsExactly("DeclineWhenOverSingleTapLimit");
        });
        assertThat(job.candidateVersions()).containsOnlyKeys("tap-authorize");
    }

    @Test
    void theSameRulesAsRecordedChangeNothing() throws Exception {
        Path candidate = Candidates.tapAuthorize(work.resolve("same"), Candidates.LIMITS_ROW);
        ReplayJob job = jobs.start(new ReplayJobs.Request(candidate, null, BASE.minusSeconds(1), BASE.plusSeconds(1), "tap-authorize"));
        while (!job.finished()) {
            Thread.sleep(5);
        }
        assertThat(job.progress().state()).isEqualTo(ReplayJob.State.DONE);
        assertThat(job.summary().snapshot().replayed()).as("the first second: 50 decisions a millisecond").isBetween(50_000L, 50_050L);
        assertThat(job.summary().snapshot().changed()).isZero();
    }

    @Test
    void aCandidateThatDoesNotBuildIsAnsweredWithItsProblemsAndReplaysNothing() throws Exception {
        Path candidate = Candidates.tapAuthorize(work.resolve("broken"), "TapLimitsCNY,CNY,300.00,200000");
        long before = count();

        assertThatThrownBy(() -> jobs.start(new ReplayJobs.Request(candidate, null, BASE.minusSeconds(1), Instant.now(), null)))
                .isInstanceOfSatisfying(ReplayJobs.CandidateInvalid.class, e -> {
                    assertThat(e.problems()).isNotEmpty();
                    RuleProblem p = e.problems().get(0);
                    assertThat(p.file()).isEqualTo("tap-authorize/tap-limits.csv");
                    assertThat(p.line()).isEqualTo(10);
                    assertThat(p.message()).contains("TapLimitsCNY");
                });
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void uploadedFilesMustStayInsideTheCandidate() {
        assertThatThrownBy(() -> jobs.start(new ReplayJobs.Request(null, Map.of("../tap-authorize/x.drl", new byte[1]),
                BASE, Instant.now(), null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a plain name");
        assertThatThrownBy(() -> jobs.start(new ReplayJobs.Request(null, Map.of("x.drl", new byte[1]),
                BASE, Instant.now(), null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decision/file");
        assertThatThrownBy(() -> jobs.start(new ReplayJobs.Request(null, null, Instant.now(), BASE, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be after since");
    }

    @Test
    void aFolderThatIsNoDecisionIsAProblemAndNothingIsBuilt() throws Exception {
        Path candidate = java.nio.file.Files.createDirectories(work.resolve("not-rules/etc"));
        assertThatThrownBy(() -> jobs.start(new ReplayJobs.Request(candidate.getParent(), null, BASE, Instant.now(), null)))
                .isInstanceOfSatisfying(ReplayJobs.CandidateInvalid.class, e -> assertThat(e.problems())
                        .extracting(RuleProblem::message).anyMatch(m -> m.startsWith("not a decision the bus makes")));
    }

    private static long count() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM decision_record").mapTo(Long.class).one());
    }
}
