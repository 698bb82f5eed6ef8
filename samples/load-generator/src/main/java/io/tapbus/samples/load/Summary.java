package io.tapbus.samples.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The one JSON line a bench run ends with, and its exit code. */
final class Summary {

    static final int EXIT_OK = 0;
    /** A wrong answer (decline, ERROR frame, wrong sequence, HTTP error, closed connection, timeout), or a failed set-up. */
    static final int EXIT_WRONG = 1;
    static final int EXIT_USAGE = 2;
    /** find-max: not even the start rate held (no wrong answer, but p99 over the limit). */
    static final int EXIT_NOTHING_HELD = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Summary() {
    }

    /** The summary of a find-max run. */
    static Map<String, Object> findMax(String flow, FindMax.Config c, FindMax.Outcome o, Map<String, Object> extra) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("flow", flow);
        s.put("mode", "find-max");
        StepResult best = o.best();
        s.put("maxRatePerSecond", best == null ? 0.0 : best.rate());
        s.put("p50Ms", best == null ? null : best.p50Ms());
        s.put("p99Ms", best == null ? null : best.p99Ms());
        s.put("p999Ms", best == null ? null : best.p999Ms());
        s.put("maxMs", best == null ? null : best.maxMs());
        s.put("achievedRatePerSecond", best == null ? 0.0 : best.achievedRate());
        common(s, o.steps());
        s.put("p99LimitMs", c.p99LimitMs());
        s.put("startRate", c.startRate());
        s.put("rateFactor", c.factor());
        s.put("stepSeconds", c.stepSeconds());
        s.put("warmupSeconds", c.warmupSeconds());
        s.put("stoppedBecause", o.stoppedBecause());
        s.putAll(extra);
        s.put("steps", steps(o.steps()));
        return s;
    }

    /** The summary of a fixed-rate run: the measured step (after any warm-up steps). */
    static Map<String, Object> fixedRate(String flow, List<StepResult> all, Map<String, Object> extra) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("flow", flow);
        s.put("mode", "fixed-rate");
        StepResult m = all.get(all.size() - 1);
        s.put("rate", m.rate());
        s.put("durationSeconds", m.wallSeconds());
        s.put("requests", m.requests());
        s.put("answered", m.answered());
        s.put("achievedRatePerSecond", m.achievedRate());
        s.put("p50Ms", m.p50Ms());
        s.put("p90Ms", m.p90Ms());
        s.put("p99Ms", m.p99Ms());
        s.put("p999Ms", m.p999Ms());
        s.put("maxMs", m.maxMs());
        common(s, all);
        s.putAll(extra);
        s.put("steps", steps(all));
        return s;
    }

    private static void common(Map<String, Object> s, List<StepResult> steps) {
        long wrong = 0;
        Map<String, Long> kinds = new TreeMap<>();
        double cpu = 0;
        double wall = 0;
        for (StepResult r : steps) {
            wrong += r.wrongAnswers();
            r.wrong().forEach((k, v) -> kinds.merge(k, v, Long::sum));
            if (!r.warmUp()) {
                cpu += r.cpuSeconds();
                wall += r.wallSeconds();
            }
        }
        int processors = Runtime.getRuntime().availableProcessors();
        s.put("wrongAnswers", wrong);
        s.put("wrongAnswerKinds", kinds);
        s.put("generatorCpuShare", wall <= 0 ? 0.0 : StepReport.round4(Math.min(1.0, cpu / (wall * processors))));
        s.put("generatorCpuSeconds", StepReport.round3(cpu));
        s.put("measuredWallSeconds", StepReport.round3(wall));
        s.put("availableProcessors", processors);
    }

    private static List<Map<String, Object>> steps(List<StepResult> steps) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StepResult r : steps) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", r.step());
            m.put("warmUp", r.warmUp());
            m.put("rate", r.rate());
            m.put("requests", r.requests());
            m.put("answered", r.answered());
            m.put("wrong", r.wrongAnswers());
            if (!r.wrong().isEmpty()) {
                m.put("wrongKinds", r.wrong());
            }
            m.put("p50Ms", r.p50Ms());
            m.put("p99Ms", r.p99Ms());
            m.put("p999Ms", r.p999Ms());
            m.put("maxMs", r.maxMs());
            m.put("wallSeconds", r.wallSeconds());
            m.put("cpuShare", r.cpuShare());
            out.add(m);
        }
        return out;
    }

    static int exitCode(Map<String, Object> summary) {
        if (((Number) summary.get("wrongAnswers")).longValue() > 0) {
            return EXIT_WRONG;
        }
        if ("find-max".equals(summary.get("mode")) && ((Number) summary.get("maxRatePerSecond")).doubleValue() <= 0) {
            return EXIT_NOTHING_HELD;
        }
        return EXIT_OK;
    }

    /** One line, no indentation. */
    static String line(Map<String, Object> summary) {
        try {
            return JSON.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
