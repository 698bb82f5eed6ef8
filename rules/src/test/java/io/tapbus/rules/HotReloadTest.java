package io.tapbus.rules;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static io.tapbus.rules.TestDecisions.TAP;
import static io.tapbus.rules.TestDecisions.replaceOnce;
import static io.tapbus.rules.TestDecisions.tap;
import static io.tapbus.rules.TestDecisions.tapFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class HotReloadTest {
    /** Line 7 of this DRL closes the pattern twice. */
    private static final String BROKEN_DRL = """
            package io.tapbus.rules.tap
            import io.tapbus.rules.Decision
            import io.tapbus.rules.tap.TapAuthorizationInput

            rule "DeclineWhenReaderBlocked"
            when
                $tap : TapAuthorizationInput( readerId == "RDR-STOLEN-1" ) )
                $decision : Decision()
            then
                modify($decision) { decline("READER_BLOCKED", "读卡机已挂失 (reader reported stolen)") }
            end
            """;
    private static final String FIXED_DRL = BROKEN_DRL.replace(") )", ")");

    @TempDir
    Path dir;
    private RuleEngine engine;
    private final List<ReloadResult> reloads = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        TestDecisions.copyShipped(dir);
        engine = new RuleEngine(dir, DecisionCatalog.standard());
        engine.addReloadListener(reloads::add);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private String tapVersion() {
        return engine.servingVersions().get(TAP);
    }

    @Test
    void aChangedLimitChangesTheVersionAndTheDecision() {
        String before = tapVersion();
        assertThat(engine.decide(TAP, tap(45_000)).getVerdict()).isEqualTo(Decision.APPROVED);

        replaceOnce(tapFile(dir, "tap-limits.csv"), "CNY,50000,200000", "CNY,40000,200000");
        ReloadResult result = engine.reload();

        assertThat(result.ok()).as(result.problems().toString()).isTrue();
        assertThat(result.versions().get(TAP)).isNotEqualTo(before).isEqualTo(tapVersion());
        Decision after = engine.decide(TAP, tap(45_000));
        assertThat(after.getVerdict()).isEqualTo(Decision.DECLINED);
        assertThat(after.reasonCodes()).containsExactly("OVER_SINGLE_TAP_LIMIT");
        assertThat(after.getRuleSetVersion()).isEqualTo(result.versions().get(TAP));
        assertThat(reloads).containsExactly(result);
    }

    @Test
    void aNewRuleFileTakesPartInTheDecision() {
        TestDecisions.write(tapFile(dir, "reader-blocklist.drl"), FIXED_DRL);

        assertThat(engine.reload().ok()).isTrue();

        var fromStolenReader = tap(100);
        fromStolenReader.setReaderId("RDR-STOLEN-1");
        Decision decision = engine.decide(TAP, fromStolenReader);
        assertThat(decision.getVerdict()).isEqualTo(Decision.DECLINED);
        assertThat(decision.getReasons()).containsExactly(new Reason("READER_BLOCKED", "读卡机已挂失 (reader reported stolen)"));
        assertThat(decision.getRulesFired()).contains("DeclineWhenReaderBlocked");
        assertThat(engine.decide(TAP, tap(100)).getVerdict()).isEqualTo(Decision.APPROVED);
    }

    @Test
    void aBrokenFileIsReportedWithFileAndLineAndTheLastGoodVersionKeepsDeciding() {
        String good = tapVersion();
        TestDecisions.write(tapFile(dir, "reader-blocklist.drl"), BROKEN_DRL);

        ReloadResult broken = engine.reload();

        assertThat(broken.ok()).isFalse();
        assertThat(broken.problems()).isNotEmpty().allSatisfy(problem -> {
            assertThat(problem.decision()).isEqualTo(TAP);
            assertThat(problem.file()).isEqualTo("tap-authorize/reader-blocklist.drl");
        });
        assertThat(broken.problems()).extracting(RuleProblem::line).contains(7);
        assertThat(broken.versions()).containsEntry(TAP, good);
        Decision stillServed = engine.decide(TAP, tap(100));
        assertThat(stillServed.getRuleSetVersion()).isEqualTo(good);
        assertThat(stillServed.getVerdict()).isEqualTo(Decision.APPROVED);
        assertThat(engine.status().healthy()).isFalse();
        assertThat(engine.status().decision(TAP).lastProblems()).isEqualTo(broken.problems());

        TestDecisions.write(tapFile(dir, "reader-blocklist.drl"), FIXED_DRL);
        ReloadResult fixed = engine.reload();

        assertThat(fixed.ok()).isTrue();
        assertThat(fixed.problems()).isEmpty();
        assertThat(fixed.versions().get(TAP)).isNotEqualTo(good);
        assertThat(engine.status().healthy()).isTrue();
        assertThat(engine.decide(TAP, tap(100)).getRuleSetVersion()).isEqualTo(fixed.versions().get(TAP));
    }

    @Test
    void aMisspeltFieldInTheShippedDrlIsReportedOnItsLine() throws Exception {
        Path drl = tapFile(dir, "tap-authorize.drl");
        List<String> lines = Files.readAllLines(drl);
        int line = lines.indexOf("    $tap : TapAuthorizationInput( balanceMinor < amountMinor )") + 1;
        assertThat(line).isPositive();
        replaceOnce(drl, "balanceMinor < amountMinor", "balanceMinor < amountMinnor");

        ReloadResult result = engine.reload();

        assertThat(result.problems()).extracting(RuleProblem::file, RuleProblem::line)
                .contains(org.assertj.core.groups.Tuple.tuple("tap-authorize/tap-authorize.drl", line));
        assertThat(result.problems()).anySatisfy(problem -> assertThat(problem.message()).contains("amountMinnor"));
    }

    @Test
    void aBadCellInTheDecisionTableIsReportedOnItsRow() throws Exception {
        Path table = tapFile(dir, "tap-limits.csv");
        int row = Files.readAllLines(table).indexOf("TapLimitsCNY,CNY,50000,200000") + 1;
        assertThat(row).isPositive();
        replaceOnce(table, "CNY,50000,200000", "CNY,50O00,200000");

        ReloadResult result = engine.reload();

        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("tap-authorize/tap-limits.csv");
            assertThat(problem.line()).isEqualTo(row);
            assertThat(problem.message()).contains("TapLimitsCNY").contains("O00");
        });
        assertThat(engine.decide(TAP, tap(45_000)).getVerdict()).isEqualTo(Decision.APPROVED);
    }

    @Test
    void aMalformedTableLayoutIsReportedOnItsRow() {
        Path table = tapFile(dir, "tap-limits.csv");
        replaceOnce(table, "$param));\"\n", "$param));\",insert(new DailyLimit(1, 2));\n");

        ReloadResult result = engine.reload();

        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("tap-authorize/tap-limits.csv");
            assertThat(problem.line()).isEqualTo(8);
            assertThat(problem.message()).startsWith("decision table:");
        });
    }

    @Test
    void aTableSavedByExcelAsCsvUtf8WithAByteOrderMarkStillBuilds() throws Exception {
        Path table = tapFile(dir, "tap-limits.csv");
        String lowered = TestDecisions.read(table).replace("CNY,50000,200000", "CNY,40000,200000");
        Files.write(table, ("\uFEFF" + lowered.replace("\n", "\r\n")).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        ReloadResult result = engine.reload();

        assertThat(result.ok()).as(result.problems().toString()).isTrue();
        assertThat(engine.decide(TAP, tap(45_000)).reasonCodes()).containsExactly("OVER_SINGLE_TAP_LIMIT");
        // Unstripped, the mark hides the RuleSet cell and the table's rules land in Drools' default package.
        var outcome = new RuleSetCompiler(getClass().getClassLoader()).compile(RuleFiles.read(TAP, dir.resolve(TAP)));
        assertThat(outcome.kieBase().getKiePackages()).filteredOn(p -> !p.getRules().isEmpty())
                .extracting(org.kie.api.definition.KiePackage::getName).containsExactly("io.tapbus.rules.tap");
    }

    @Test
    void unchangedFilesAreNotRebuilt() {
        var loadedAt = engine.status().decision(TAP).loadedAt();

        ReloadResult result = engine.reload();

        assertThat(result.ok()).isTrue();
        assertThat(engine.status().decision(TAP).loadedAt()).isEqualTo(loadedAt);
    }

    @Test
    void aRemovedDecisionFolderKeepsServingAndIsReported() throws Exception {
        String good = tapVersion();
        Path moved = Files.move(dir.resolve(TAP), dir.resolve(".trash-" + TAP));

        ReloadResult result = engine.reload();

        assertThat(result.problems()).singleElement().extracting(RuleProblem::message).asString().contains("gone");
        assertThat(engine.decide(TAP, tap(100)).getRuleSetVersion()).isEqualTo(good);
        Files.move(moved, dir.resolve(TAP));
        assertThat(engine.reload().ok()).isTrue();
        assertThat(tapVersion()).isEqualTo(good);
    }

    @Test
    void theWatcherPicksUpAChangeABreakageAndAFix() {
        String original = tapVersion();
        engine.startWatching(Duration.ofMillis(50));

        replaceOnce(tapFile(dir, "tap-limits.csv"), "CNY,50000,200000", "CNY,40000,200000");
        awaitUntil(() -> !original.equals(tapVersion()), "the watcher to load the new limit");
        assertThat(engine.decide(TAP, tap(45_000)).getVerdict()).isEqualTo(Decision.DECLINED);
        String lowered = tapVersion();

        TestDecisions.write(tapFile(dir, "reader-blocklist.drl"), BROKEN_DRL);
        awaitUntil(() -> reloads.stream().anyMatch(r -> !r.ok()), "the watcher to report the broken file");
        assertThat(reloads.stream().filter(r -> !r.ok()).findFirst().orElseThrow().problems())
                .extracting(RuleProblem::file, RuleProblem::line)
                .contains(org.assertj.core.groups.Tuple.tuple("tap-authorize/reader-blocklist.drl", 7));
        assertThat(tapVersion()).isEqualTo(lowered);

        TestDecisions.write(tapFile(dir, "reader-blocklist.drl"), "package io.tapbus.rules.tap\n");
        awaitUntil(() -> engine.status().healthy(), "the watcher to load the fixed file");
        assertThat(tapVersion()).isNotEqualTo(lowered);
        assertThat(engine.decide(TAP, tap(45_000)).getVerdict()).isEqualTo(Decision.DECLINED);
    }

    private static void awaitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited 10 s for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
