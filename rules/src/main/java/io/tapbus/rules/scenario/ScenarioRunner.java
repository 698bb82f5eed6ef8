package io.tapbus.rules.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.rules.Decision;
import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.Reason;
import io.tapbus.rules.RuleEngine;
import io.tapbus.rules.RuleProblem;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs the scenario folders of the decisions against the rules on disk: {@code bin/tapbus rules test}.
 *
 * <p>Prints one PASS/FAIL line per scenario and a summary. Exit code 0 when every scenario passed,
 * 1 when one failed (or none was found), 2 when they could not be run: the rules do not build, or the
 * arguments or folders are wrong.
 */
public final class ScenarioRunner {
    public static final int ALL_PASSED = 0;
    public static final int SOME_FAILED = 1;
    public static final int NOT_RUN = 2;

    private static final String USAGE = "usage: tapbus rules test [--dir rules/decisions] [--decision NAME]";
    private static final Comparator<JsonNode> SAME_NUMBER_OR_TEXT = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private ScenarioRunner() {
    }

    public static void main(String[] args) {
        System.exit(runCommand(args, System.out, System.err));
    }

    /** The command line: {@code [--dir rules/decisions] [--decision NAME]}. */
    public static int runCommand(String[] args, PrintStream out, PrintStream err) {
        Path dir = null;
        String decision = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("--dir") || arg.equals("--decision")) && i + 1 < args.length) {
                if (arg.equals("--dir")) {
                    dir = Path.of(args[++i]);
                } else {
                    decision = args[++i];
                }
            } else if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE);
                return ALL_PASSED;
            } else {
                err.println("unknown argument '" + arg + "'");
                err.println(USAGE);
                return NOT_RUN;
            }
        }
        return run(dir != null ? dir : defaultDecisionsDir(), decision, out);
    }

    /** rules/decisions from the project root, or decisions/ from inside the rules module. */
    private static Path defaultDecisionsDir() {
        Path fromRoot = Path.of("rules", "decisions");
        return Files.isDirectory(fromRoot) || !Files.isDirectory(Path.of("decisions")) ? fromRoot : Path.of("decisions");
    }

    /**
     * Runs the scenarios of every decision, or of one.
     *
     * @param onlyDecision a decision name, or null for all
     * @return {@link #ALL_PASSED}, {@link #SOME_FAILED} or {@link #NOT_RUN}
     */
    public static int run(Path decisionsDir, String onlyDecision, PrintStream out) {
        if (!Files.isDirectory(decisionsDir)) {
            out.println("No decisions folder at " + decisionsDir.toAbsolutePath());
            return NOT_RUN;
        }
        if (onlyDecision != null && !Files.isDirectory(decisionsDir.resolve(onlyDecision))) {
            out.println("No decision folder " + decisionsDir.resolve(onlyDecision));
            return NOT_RUN;
        }
        try (RuleEngine engine = new RuleEngine(decisionsDir, DecisionCatalog.standard())) {
            List<RuleProblem> problems = engine.status().decisions().stream()
                    .filter(status -> onlyDecision == null || status.name().equals(onlyDecision))
                    .filter(status -> Files.isDirectory(decisionsDir.resolve(status.name())))
                    .flatMap(status -> status.lastProblems().stream())
                    .toList();
            if (!problems.isEmpty()) {
                out.println("Rules do not build, no scenario was run:");
                problems.forEach(problem -> out.println("  " + problem.describe()));
                return NOT_RUN;
            }
            List<Scenario> scenarios = discover(decisionsDir, onlyDecision);
            int passed = 0;
            for (Scenario scenario : scenarios) {
                ScenarioResult result = check(engine, scenario);
                out.println(result.describe());
                passed += result.passed() ? 1 : 0;
            }
            int failed = scenarios.size() - passed;
            if (scenarios.isEmpty()) {
                out.println("No scenarios found under " + decisionsDir.toAbsolutePath()
                        + (onlyDecision == null ? "" : " for " + onlyDecision));
                return SOME_FAILED;
            }
            out.println("Scenarios: " + passed + " passed, " + failed + " failed");
            return failed == 0 ? ALL_PASSED : SOME_FAILED;
        }
    }

    /** Every {@code <decision>/scenarios/<name>/} folder, sorted by decision and name. */
    public static List<Scenario> discover(Path decisionsDir, String onlyDecision) {
        List<Scenario> scenarios = new ArrayList<>();
        for (Path decisionFolder : sortedSubfolders(decisionsDir)) {
            String decision = decisionFolder.getFileName().toString();
            if (onlyDecision != null && !onlyDecision.equals(decision)) {
                continue;
            }
            Path scenariosFolder = decisionFolder.resolve("scenarios");
            if (Files.isDirectory(scenariosFolder)) {
                for (Path folder : sortedSubfolders(scenariosFolder)) {
                    scenarios.add(new Scenario(decision, folder.getFileName().toString(), folder));
                }
            }
        }
        return scenarios;
    }

    /** Runs one scenario; problems with its files are reported as differences, never thrown. */
    public static ScenarioResult check(RuleEngine engine, Scenario scenario) {
        ObjectMapper json = DecisionCatalog.json();
        ExpectedOutcome expected;
        Object input;
        try {
            expected = ExpectedOutcome.parse(json.readTree(scenario.expected().toFile()));
            JsonNode inputJson = json.readTree(scenario.input().toFile());
            if (!engine.catalog().contains(scenario.decision())) {
                return failed(scenario, "decision '" + scenario.decision() + "' has no input type in the DecisionCatalog");
            }
            input = engine.catalog().toInput(scenario.decision(), inputJson);
        } catch (IOException e) {
            return failed(scenario, "cannot read " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return failed(scenario, oneLine(e.getMessage()));
        }
        Decision actual;
        try {
            actual = engine.decide(scenario.decision(), input);
        } catch (RuntimeException e) {
            return failed(scenario, "no decision: " + oneLine(e.getMessage()));
        }
        return new ScenarioResult(scenario, differences(expected, actual, json), actual);
    }

    private static List<String> differences(ExpectedOutcome expected, Decision actual, ObjectMapper json) {
        List<String> differences = new ArrayList<>();
        if (!expected.verdict().equals(actual.getVerdict())) {
            differences.add("verdict expected " + expected.verdict() + " but was " + actual.getVerdict());
        }
        Set<String> actualReasons = new LinkedHashSet<>(actual.reasonCodes());
        if (expected.reasons() != null && !expected.reasons().equals(actualReasons)) {
            differences.add("reasons expected " + expected.reasons() + " but were " + actualReasons
                    + describeMessages(actual.getReasons()));
        }
        if (expected.rulesFired() != null) {
            List<String> notFired = expected.rulesFired().stream()
                    .filter(rule -> !actual.getRulesFired().contains(rule)).toList();
            if (!notFired.isEmpty()) {
                differences.add("rules did not fire " + notFired + " (fired " + actual.getRulesFired() + ")");
            }
        }
        if (expected.outputs() != null) {
            JsonNode actualOutputs = json.valueToTree(actual.getOutputs());
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.outputs().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode value = actualOutputs.get(entry.getKey());
                if (value == null || !entry.getValue().equals(SAME_NUMBER_OR_TEXT, value)) {
                    differences.add("output " + entry.getKey() + " expected " + entry.getValue() + " but was " + value);
                }
            }
        }
        return differences;
    }

    private static String describeMessages(List<Reason> reasons) {
        return reasons.isEmpty() ? "" : " " + reasons.stream().map(r -> r.code() + ": " + r.message()).toList();
    }

    private static ScenarioResult failed(Scenario scenario, String difference) {
        return new ScenarioResult(scenario, List.of(difference), null);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ");
    }

    private static List<Path> sortedSubfolders(Path folder) {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory)
                    .filter(path -> !path.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
