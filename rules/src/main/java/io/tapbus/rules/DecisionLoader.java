package io.tapbus.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads decisions from the decisions folder: lists the decision folders, reads their files and compiles
 * a decision whose files changed, swapping it into its slot when it builds and keeping the last good
 * version (with the problems reported) when it does not.
 */
final class DecisionLoader {
    /** Logs under the engine's name (the name its messages have always had). */
    private static final Logger log = LoggerFactory.getLogger(RuleEngine.class);

    private final Path decisionsDir;
    private final RuleSetCompiler compiler;

    DecisionLoader(Path decisionsDir, ClassLoader classLoader) {
        this.decisionsDir = decisionsDir;
        this.compiler = new RuleSetCompiler(classLoader);
    }

    /**
     * Brings one decision's slot up to date with its folder (null when the folder is missing) and notes
     * the version of its files in diskVersions; returns the problems, empty when it serves its files.
     */
    List<RuleProblem> reload(DecisionSlot slot, Path folder, Map<String, String> diskVersions) {
        String name = slot.name;
        LoadedRuleSet serving = slot.serving.get();
        if (folder == null) {
            return keepServing(slot, serving, new RuleProblem(name, name, 0, serving == null
                    ? "no folder '" + name + "' under " + decisionsDir
                    : "the decision folder is gone; restart the bus to drop the decision"));
        }
        RuleFiles files;
        try {
            files = RuleFiles.read(name, folder);
        } catch (IOException e) {
            diskVersions.put(name, unreadable(e));
            return keepServing(slot, serving, new RuleProblem(name, name, 0, "cannot read the rule files: " + e));
        }
        diskVersions.put(name, files.version());
        if (serving != null && serving.version().equals(files.version())) {
            if (!slot.lastProblems.isEmpty()) {
                log.info("Decision {}: files are back to the serving version {}", name, serving.version());
                slot.lastProblems = List.of();
            }
            return List.of();
        }
        long started = System.nanoTime();
        RuleSetCompiler.Outcome outcome = compiler.compile(files);
        long millis = (System.nanoTime() - started) / 1_000_000;
        for (RuleProblem warning : outcome.warnings()) {
            log.warn("Decision {}: warning {}", name, warning.describe());
        }
        if (!outcome.ok()) {
            return keepServing(slot, serving, outcome.problems().toArray(RuleProblem[]::new));
        }
        slot.serving.set(new LoadedRuleSet(name, files.version(), files.displayPaths(), outcome.kieBase(),
                outcome.ruleCount(), Instant.now()));
        slot.lastProblems = List.of();
        log.info("Decision {}: version {} serving ({} rules from {}, built in {} ms{})", name, files.version(),
                outcome.ruleCount(), files.displayPaths(), millis,
                serving == null ? "" : ", was " + serving.version());
        return List.of();
    }

    private List<RuleProblem> keepServing(DecisionSlot slot, LoadedRuleSet serving, RuleProblem... problems) {
        slot.lastProblems = List.of(problems);
        StringBuilder text = new StringBuilder();
        for (RuleProblem problem : problems) {
            text.append(System.lineSeparator()).append("  ").append(problem.describe());
        }
        log.error("Decision {}: rules not loaded, {} ({} problem{}):{}", slot.name,
                serving == null ? "decision unavailable" : "still serving version " + serving.version(),
                problems.length, problems.length == 1 ? "" : "s", text);
        return slot.lastProblems;
    }

    /** Version of the files on disk now, per decision folder; what the watcher compares. */
    Map<String, String> diskVersions() {
        Map<String, String> versions = new TreeMap<>();
        decisionFolders().forEach((name, folder) -> {
            try {
                versions.put(name, RuleFiles.read(name, folder).version());
            } catch (IOException e) {
                versions.put(name, unreadable(e));
            }
        });
        return versions;
    }

    private static String unreadable(IOException e) {
        return "unreadable: " + e;
    }

    /** The decision folders (hidden ones left out), by decision name. */
    Map<String, Path> decisionFolders() {
        Map<String, Path> folders = new TreeMap<>();
        try (Stream<Path> children = Files.list(decisionsDir)) {
            children.filter(Files::isDirectory)
                    .filter(path -> !path.getFileName().toString().startsWith("."))
                    .forEach(path -> folders.put(path.getFileName().toString(), path));
        } catch (IOException e) {
            log.error("Cannot list the decisions folder {}: {}", decisionsDir, e.toString());
        }
        return folders;
    }
}
