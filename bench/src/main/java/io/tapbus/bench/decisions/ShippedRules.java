package io.tapbus.bench.decisions;

import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.RuleEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The rule engine on the decisions the project ships (rules/decisions): what the bus serves with its default
 * configuration. Found from the repository root or from a module folder, or given with -Dtapbus.rules.dir=PATH.
 */
public final class ShippedRules {
    private ShippedRules() {
    }

    public static Path folder() {
        String given = System.getProperty("tapbus.rules.dir");
        List<Path> candidates = given != null ? List.of(Path.of(given))
                : List.of(Path.of("rules", "decisions"), Path.of("..", "rules", "decisions"));
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate.resolve(DecisionCatalog.TAP_AUTHORIZE))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shipped decisions at " + candidates
                + "; run from the repository root or pass -Dtapbus.rules.dir=rules/decisions");
    }

    /** A new engine that has built every shipped decision; fails if one of them does not build. */
    public static RuleEngine engine() {
        RuleEngine engine = new RuleEngine(folder(), DecisionCatalog.standard());
        if (!engine.status().healthy()) {
            engine.close();
            throw new IllegalStateException("the shipped decisions do not all build: " + engine.status());
        }
        return engine;
    }
}
