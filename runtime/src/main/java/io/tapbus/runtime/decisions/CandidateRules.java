package io.tapbus.runtime.decisions;

import io.tapbus.rules.Decision;
import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.RuleEngine;
import io.tapbus.rules.RuleProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A candidate rule set for a what-if replay: the decision folders of a candidate (the layout of
 * {@code rules/decisions}) built into a rule engine of its own, apart from the one serving the bus. It never
 * watches nor reloads, and nothing the bus decides goes through it.
 */
public final class CandidateRules implements AutoCloseable {
    private static final Pattern PATH_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    public static final int MAX_FILES = 200;
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    private final RuleEngine engine;
    private final Set<String> decisions;
    private final List<RuleProblem> problems;

    private CandidateRules(RuleEngine engine, Set<String> decisions, List<RuleProblem> problems) {
        this.engine = engine;
        this.decisions = decisions;
        this.problems = problems;
    }

    /**
     * Builds the candidate's decisions (only {@code onlyDecision} when not null). The result has problems when a
     * folder does not build, names a decision the bus does not know, or there is nothing to replay.
     */
    public static CandidateRules build(Path folder, DecisionCatalog catalog, String onlyDecision) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("the candidate " + folder + " is not a folder");
        }
        List<RuleProblem> problems = new ArrayList<>();
        Set<String> present = new TreeSet<>();
        try (Stream<Path> children = Files.list(folder)) {
            children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .forEach(present::add);
        }
        Set<String> wanted = new TreeSet<>();
        for (String name : present) {
            if (onlyDecision != null && !onlyDecision.equals(name)) {
                continue;
            }
            if (catalog.contains(name)) {
                wanted.add(name);
            } else {
                problems.add(new RuleProblem(name, name, 0, "not a decision the bus makes; decisions are " + catalog.names()));
            }
        }
        if (onlyDecision != null && !present.contains(onlyDecision)) {
            problems.add(new RuleProblem(onlyDecision, onlyDecision, 0, "the candidate has no folder '" + onlyDecision + "'"));
        } else if (wanted.isEmpty() && problems.isEmpty()) {
            problems.add(new RuleProblem("", "", 0, "the candidate has no decision folder (expected the layout of rules/decisions,"
                    + " e.g. tap-authorize/tap-authorize.drl)"));
        }
        if (!problems.isEmpty()) {
            // nothing is built for a candidate with folders the bus does not know (it might be any folder on the disk)
            return new CandidateRules(null, Set.copyOf(wanted), List.copyOf(problems));
        }
        RuleEngine engine = new RuleEngine(folder, catalog.only(wanted));
        engine.status().decisions().stream().filter(d -> wanted.contains(d.name()))
                .forEach(d -> problems.addAll(d.lastProblems()));
        return new CandidateRules(engine, Set.copyOf(wanted), List.copyOf(problems));
    }

    /**
     * Builds uploaded files: each path is {@code decision/file} (subfolders allowed) inside a fresh folder under
     * {@code workDir}, which is removed once built (the engine has read every file by then).
     *
     * @throws IllegalArgumentException for a path that is absolute, climbs out, or is not plain; too many or too large files
     */
    public static CandidateRules upload(Map<String, byte[]> files, Path workDir, DecisionCatalog catalog, String onlyDecision)
            throws IOException {
        if (files.isEmpty() || files.size() > MAX_FILES) {
            throw new IllegalArgumentException("a candidate has 1 to " + MAX_FILES + " files, not " + files.size());
        }
        long total = files.values().stream().mapToLong(b -> b.length).sum();
        if (total > MAX_BYTES) {
            throw new IllegalArgumentException("the candidate's files are " + total + " bytes; at most " + MAX_BYTES);
        }
        Files.createDirectories(workDir);
        Path root = Files.createTempDirectory(workDir, "candidate-");
        try {
            for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
                Path target = root.resolve(checkedPath(file.getKey()));
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
            return build(root, catalog, onlyDecision);
        } finally {
            deleteTree(root);
        }
    }

    private static String checkedPath(String path) {
        String[] parts = path == null ? new String[0] : path.split("/", -1);
        if (parts.length < 2) {
            throw new IllegalArgumentException("file path '" + path + "' must be decision/file, e.g. tap-authorize/tap-limits.csv");
        }
        for (String part : parts) {
            if (!PATH_PART.matcher(part).matches()) {
                throw new IllegalArgumentException("file path '" + path + "': '" + part
                        + "' is not a plain name (letters, digits, . _ -; no .., no leading dot)");
            }
        }
        return path;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    public boolean builds() {
        return problems.isEmpty();
    }

    public List<RuleProblem> problems() {
        return problems;
    }

    /** The decisions this candidate replays. */
    public Set<String> decisions() {
        return decisions;
    }

    /** The candidate's version per decision. */
    public Map<String, String> versions() {
        if (engine == null) {
            return Map.of();
        }
        Map<String, String> versions = new TreeMap<>(engine.servingVersions());
        versions.keySet().retainAll(decisions);
        return versions;
    }

    public Decision decide(String decision, Object facts) {
        if (engine == null) {
            throw new IllegalStateException("the candidate does not build: " + problems);
        }
        return engine.decide(decision, facts);
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
