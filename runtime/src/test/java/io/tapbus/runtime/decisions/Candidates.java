package io.tapbus.runtime.decisions;

import io.tapbus.runtime.RunningBus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Candidate rule folders for replay tests: a copy of the shipped tap-authorize with one table cell changed. */
final class Candidates {
    static final String LIMITS_ROW = "TapLimitsCNY,CNY,50000,200000";

    private Candidates() {
    }

    /** {@code root/tap-authorize} with the CNY limits row replaced by {@code row}. */
    static Path tapAuthorize(Path root, String row) throws IOException {
        Path folder = root.resolve("tap-authorize");
        RunningBus.copyTree(RunningBus.HOME.resolve("rules/decisions/tap-authorize"), folder);
        Path limits = folder.resolve("tap-limits.csv");
        String table = Files.readString(limits);
        if (!table.contains(LIMITS_ROW)) {
            throw new IllegalStateException("the shipped tap-limits.csv no longer has the row " + LIMITS_ROW);
        }
        Files.writeString(limits, table.replace(LIMITS_ROW, row));
        return root;
    }
}
