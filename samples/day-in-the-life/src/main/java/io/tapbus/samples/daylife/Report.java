package io.tapbus.samples.daylife;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints one line per step (what happened, amounts, verdicts) and the summary; remembers which steps went wrong. */
final class Report {
    private final PrintStream out;
    private final List<String> failed = new ArrayList<>();
    private final List<String> substitutes = new ArrayList<>();
    private int steps;

    Report(PrintStream out) {
        this.out = out;
    }

    /** A step whose outcome is what the scenario expects ({@code ok}) or not. */
    void step(String name, boolean ok, String line) {
        steps++;
        out.printf("%-2d %-4s %-22s %s%n", steps, ok ? "ok" : "FAIL", name, line);
        if (!ok) {
            failed.add(name);
        }
    }

    /** A plain note under the step before: where the scenario does the nearest real thing instead. */
    void note(String text) {
        out.println("          note: " + text);
        substitutes.add(text);
    }

    void info(String text) {
        out.println("   " + text);
    }

    /** A step that could not run at all (an exception): counted as failed. */
    void broke(String name, Exception e) {
        step(name, false, "could not run: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    List<String> failed() {
        return failed;
    }

    int steps() {
        return steps;
    }

    void summary() {
        out.println();
        out.printf("summary: %d steps, %d as expected, %d not%s%n", steps, steps - failed.size(), failed.size(),
                failed.isEmpty() ? "" : " (" + String.join(", ", failed) + ")");
        if (!substitutes.isEmpty()) {
            out.printf("         %d step(s) did the nearest real thing (see the notes above and README.md)%n", substitutes.size());
        }
    }
}
