package io.tapbus.runtime.decisions;

import io.tapbus.rules.DecisionCatalog;
import io.tapbus.runtime.api.DecisionApi;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.api.ReplayApi;
import java.nio.file.Path;
import org.apache.camel.spi.Registry;
import org.jdbi.v3.core.Jdbi;

/**
 * Wires the analysts' side of recorded decisions for PlatformConfiguration: the explorer ({@code decisionApi}) and
 * what-if replays ({@code replayApi}). Returns the replay jobs, to be closed with the bus.
 */
public final class DecisionsWiring {
    private DecisionsWiring() {
    }

    public static ReplayJobs bind(Registry registry, Jdbi jdbi, DecisionCatalog catalog, Path dataDir, Json json) {
        registry.bind("decisionApi", new DecisionApi(new DecisionExplorer(jdbi), new DecisionBreakdown(jdbi), json));
        ReplayJobs jobs = new ReplayJobs(jdbi, catalog, dataDir.resolve("replay"));
        registry.bind("replayApi", new ReplayApi(jobs, json));
        return jobs;
    }
}
