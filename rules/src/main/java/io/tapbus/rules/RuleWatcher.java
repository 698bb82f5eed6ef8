package io.tapbus.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls the rule files and reloads when their contents change. A change is reloaded once two polls in
 * a row read the same contents, so a save in progress or a checkout touching several files is built
 * once, complete, instead of failing half-written.
 */
final class RuleWatcher {
    private static final Logger log = LoggerFactory.getLogger(RuleWatcher.class);

    private final RuleEngine engine;
    private final ScheduledExecutorService executor;
    private Map<String, String> previousPoll;

    RuleWatcher(RuleEngine engine, Duration pollInterval) {
        this.engine = engine;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tapbus-rules-watcher");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, pollInterval.toMillis());
        executor.scheduleWithFixedDelay(this::pollSafely, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException | Error e) {
            log.error("Rule watcher poll failed; will try again at the next poll", e);
        }
    }

    private void poll() {
        Map<String, String> now = engine.diskVersions();
        boolean changedSinceReload = !now.equals(engine.diskVersionsAtLastReload());
        if (changedSinceReload && Objects.equals(now, previousPoll)) {
            log.info("Rule files changed under {}; reloading", engine.decisionsDir());
            engine.reload();
        }
        previousPoll = now;
    }

    void stop() {
        executor.shutdownNow();
    }
}
