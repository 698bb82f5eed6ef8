package io.tapbus.samples.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The find-max search, apart from any network: a warm-up (steps at the start rate, not judged), then steps at rising
 * rates (x factor each) while a step holds (no wrong answer, every request answered, p99 within the limit). A step that
 * does not hold is tried once more ({@code retries}) before the search ends, since a shared machine has hiccups; a wrong
 * answer ends it at once. The result is the highest rate that held.
 */
final class FindMax {

    /** Runs one step: {@code rate} requests per second for {@code seconds}; {@code warmUp} steps are not judged. */
    interface StepRunner {
        StepResult run(double rate, double seconds, boolean warmUp) throws Exception;
    }

    record Config(double startRate, double factor, double maxRate, double stepSeconds, double warmupSeconds,
                  double p99LimitMs, double maxSeconds, int retries) {
        Config {
            if (startRate <= 0 || factor <= 1 || stepSeconds <= 0 || warmupSeconds < 0 || p99LimitMs <= 0) {
                throw new IllegalArgumentException("start rate > 0, factor > 1, step seconds > 0, p99 limit > 0");
            }
        }
    }

    /** best: the highest step that held, or null; steps: every step in order (warm-up first). */
    record Outcome(StepResult best, List<StepResult> steps, String stoppedBecause) {
        long wrongAnswers() {
            return steps.stream().mapToLong(StepResult::wrongAnswers).sum();
        }
    }

    private FindMax() {
    }

    static Outcome run(Config c, StepRunner runner, PrintStream log, LongSupplier clockNanos) throws Exception {
        long began = clockNanos.getAsLong();
        List<StepResult> steps = new ArrayList<>();
        double warmed = 0;
        while (warmed < c.warmupSeconds() - 1e-9) {
            double seconds = Math.min(c.stepSeconds(), c.warmupSeconds() - warmed);
            StepResult r = runner.run(c.startRate(), seconds, true);
            steps.add(r);
            log.println(line("warm-up", r, c.p99LimitMs()));
            warmed += seconds;
            if (r.wrongAnswers() > 0) {
                return new Outcome(null, steps, "wrong answers in the warm-up");
            }
        }
        StepResult best = null;
        double rate = c.startRate();
        int failures = 0;
        String stopped;
        while (true) {
            double elapsed = (clockNanos.getAsLong() - began) / 1e9;
            if (elapsed + c.stepSeconds() > c.maxSeconds()) {
                stopped = "time budget of " + (long) c.maxSeconds() + " s used";
                break;
            }
            StepResult r = runner.run(rate, c.stepSeconds(), false);
            steps.add(r);
            boolean held = r.held(c.p99LimitMs());
            log.println(line("step", r, c.p99LimitMs()) + (held ? " -> held" : " -> did not hold"));
            if (r.wrongAnswers() > 0) {
                stopped = "wrong answers at " + fmt(rate) + "/s";
                break;
            }
            if (held) {
                best = r;
                failures = 0;
                double nextRate = rate * c.factor();
                if (c.maxRate() > 0 && nextRate > c.maxRate()) {
                    stopped = "--max-rate " + fmt(c.maxRate()) + " reached";
                    break;
                }
                rate = nextRate;
            } else if (++failures > c.retries()) {
                stopped = "p99 over " + fmt(c.p99LimitMs()) + " ms (or requests unanswered) at " + fmt(rate) + "/s";
                break;
            }
        }
        return new Outcome(best, steps, stopped);
    }

    static String line(String what, StepResult r, double limitMs) {
        return String.format(Locale.ROOT, "bench: %s %d: %s/s for %ss: answered %d/%d, wrong %d%s, p50 %.2f p99 %.2f p99.9 %.2f"
                        + " max %.2f ms (limit %s), generator CPU %.1f%%", what, r.step(), fmt(r.rate()),
                fmt(r.wallSeconds()), r.answered(), r.requests(), r.wrongAnswers(), r.wrong().isEmpty() ? "" : " " + r.wrong(),
                r.p50Ms(), r.p99Ms(), r.p999Ms(), r.maxMs(), fmt(limitMs), 100 * r.cpuShare());
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
