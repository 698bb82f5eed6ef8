package io.tapbus.rules;

import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Serves the business decisions kept as rule files under a decisions folder, one subfolder per
 * decision, and reloads them while the bus runs.
 *
 * <p>A decision whose files do not build never takes the bus down: its problems are reported (with
 * file and line) and logged, and the last version that built keeps deciding. Evaluations read the
 * serving version without locks; a reload swaps it in one step. Reading and building the rule files is
 * {@link DecisionLoader}'s part.
 */
public final class RuleEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RuleEngine.class);

    /** More firings than this in one decision means rules re-trigger each other. */
    static final int MAX_RULE_FIRINGS = 10_000;

    private final Path decisionsDir;
    private final DecisionCatalog catalog;
    private final DecisionLoader loader;
    private final ConcurrentMap<String, DecisionSlot> slots = new ConcurrentHashMap<>();
    private final List<Consumer<ReloadResult>> listeners = new CopyOnWriteArrayList<>();
    private final Object reloadLock = new Object();
    private volatile Map<String, String> diskVersionsAtLastReload = Map.of();
    private volatile boolean closed;
    private RuleWatcher watcher;

    /**
     * Loads every decision folder. Decisions that do not build are reported and stay unavailable until
     * fixed; see {@link #status()}.
     *
     * @throws IllegalArgumentException when decisionsDir is not a directory
     */
    public RuleEngine(Path decisionsDir, DecisionCatalog catalog) {
        this.decisionsDir = Objects.requireNonNull(decisionsDir, "decisionsDir").toAbsolutePath().normalize();
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        if (!Files.isDirectory(this.decisionsDir)) {
            throw new IllegalArgumentException("decisions folder " + this.decisionsDir + " is not a directory");
        }
        ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
        this.loader = new DecisionLoader(this.decisionsDir, contextLoader != null ? contextLoader : RuleEngine.class.getClassLoader());
        reload();
    }

    /**
     * Rebuilds from disk every decision whose files changed (or that has problems). Per decision: if it
     * builds, it replaces the serving version atomically; if not, the last good version keeps serving
     * and the problems are reported.
     */
    public ReloadResult reload() {
        synchronized (reloadLock) {
            if (closed) {
                throw new IllegalStateException("rule engine is closed");
            }
            Map<String, Path> folders = loader.decisionFolders();
            SortedSet<String> names = new TreeSet<>(folders.keySet());
            names.addAll(catalog.names());
            names.addAll(slots.keySet());
            List<RuleProblem> problems = new ArrayList<>();
            Map<String, String> diskVersions = new TreeMap<>();
            for (String name : names) {
                problems.addAll(loader.reload(slots.computeIfAbsent(name, DecisionSlot::new), folders.get(name), diskVersions));
            }
            diskVersionsAtLastReload = Map.copyOf(diskVersions);
            ReloadResult result = new ReloadResult(problems.isEmpty(), servingVersions(), problems);
            for (Consumer<ReloadResult> listener : listeners) {
                try {
                    listener.accept(result);
                } catch (RuntimeException e) {
                    log.warn("Reload listener {} failed", listener, e);
                }
            }
            return result;
        }
    }

    /**
     * Watches the rule files from a daemon thread and reloads when their contents change. Calling it
     * again replaces the running watcher.
     */
    public synchronized void startWatching(Duration pollInterval) {
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (closed) {
            throw new IllegalStateException("rule engine is closed");
        }
        if (watcher != null) {
            watcher.stop();
        }
        watcher = new RuleWatcher(this, pollInterval);
        log.info("Watching rule files under {} every {} ms", decisionsDir, pollInterval.toMillis());
    }

    /**
     * Evaluates a decision on a fresh session of the serving rule set.
     *
     * @param input the decision's input fact, or anything Jackson converts to it (a Map, a JsonNode)
     * @throws DecisionUnavailableException when the decision is unknown or has never built
     * @throws DecisionFailedException      when a rule throws or the rules do not stop firing
     * @throws IllegalArgumentException     when the input does not convert to the decision's input type
     */
    public Decision decide(String decisionName, Object input) {
        LoadedRuleSet ruleSet = servingRuleSet(decisionName);
        Object fact = catalog.contains(decisionName)
                ? catalog.toInput(decisionName, input)
                : Objects.requireNonNull(input, "input");
        Decision decision = new Decision(decisionName, ruleSet.version());
        decision.useFacts(fact);
        FiredRulesRecorder firedRules = new FiredRulesRecorder();
        KieSession session = ruleSet.sessions().newKieSession();
        try {
            session.addEventListener(firedRules);
            session.insert(fact);
            session.insert(decision);
            int fired = session.fireAllRules(MAX_RULE_FIRINGS);
            if (fired >= MAX_RULE_FIRINGS) {
                throw new DecisionFailedException(decisionName, ruleSet.version(), "decision " + decisionName
                        + " version " + ruleSet.version() + ": rules fired " + fired
                        + " times without finishing (rules that keep re-triggering each other?); last fired "
                        + firedRules.lastNames(5), null);
            }
        } catch (ConsequenceException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new DecisionFailedException(decisionName, ruleSet.version(), "decision " + decisionName
                    + " version " + ruleSet.version() + ": rule \"" + e.getRule().getName()
                    + "\" failed: " + cause, cause);
        } catch (DecisionFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DecisionFailedException(decisionName, ruleSet.version(), "decision " + decisionName
                    + " version " + ruleSet.version() + " failed after rules " + firedRules.lastNames(5) + ": " + e, e);
        } finally {
            session.removeEventListener(firedRules);
            session.dispose(); // back to the pool, reset: no fact of this decision stays in it
        }
        decision.finish(firedRules.names(), Instant.now());
        return decision;
    }

    private LoadedRuleSet servingRuleSet(String decisionName) {
        if (closed) {
            throw new DecisionUnavailableException(decisionName, "rule engine is closed");
        }
        DecisionSlot slot = decisionName == null ? null : slots.get(decisionName);
        if (slot == null) {
            throw new DecisionUnavailableException(decisionName,
                    "unknown decision '" + decisionName + "'; known: " + new TreeSet<>(slots.keySet()));
        }
        LoadedRuleSet ruleSet = slot.serving.get();
        if (ruleSet == null) {
            throw new DecisionUnavailableException(decisionName, "decision '" + decisionName
                    + "' has no rule set that builds: " + slot.lastProblems.stream().map(RuleProblem::describe).toList());
        }
        return ruleSet;
    }

    public RuleStatus status() {
        SortedSet<String> names = new TreeSet<>(slots.keySet());
        names.addAll(catalog.names());
        List<RuleStatus.DecisionStatus> decisions = new ArrayList<>();
        boolean healthy = !closed && !names.isEmpty();
        for (String name : names) {
            DecisionSlot slot = slots.get(name);
            LoadedRuleSet serving = slot == null ? null : slot.serving.get();
            List<RuleProblem> problems = slot == null ? List.of() : slot.lastProblems;
            healthy &= serving != null && problems.isEmpty();
            decisions.add(new RuleStatus.DecisionStatus(name, serving != null,
                    serving == null ? null : serving.version(),
                    serving == null ? List.of() : serving.files(),
                    serving == null ? null : serving.loadedAt(), problems));
        }
        return new RuleStatus(healthy, Instant.now(), decisions);
    }

    /** Called after every reload (also those of the watcher), on the reloading thread. */
    public void addReloadListener(Consumer<ReloadResult> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Stops the watcher; afterwards every decision is unavailable. */
    @Override
    public void close() {
        synchronized (this) {
            if (watcher != null) {
                watcher.stop();
                watcher = null;
            }
        }
        synchronized (reloadLock) {
            closed = true;
            listeners.clear();
        }
    }

    public Path decisionsDir() {
        return decisionsDir;
    }

    public DecisionCatalog catalog() {
        return catalog;
    }

    /** Rule set version serving per available decision. */
    public Map<String, String> servingVersions() {
        Map<String, String> versions = new TreeMap<>();
        slots.forEach((name, slot) -> {
            LoadedRuleSet serving = slot.serving.get();
            if (serving != null) {
                versions.put(name, serving.version());
            }
        });
        return versions;
    }

    /** Version of the files on disk now, per decision folder; what the watcher compares. */
    Map<String, String> diskVersions() {
        return loader.diskVersions();
    }

    Map<String, String> diskVersionsAtLastReload() {
        return diskVersionsAtLastReload;
    }
}
