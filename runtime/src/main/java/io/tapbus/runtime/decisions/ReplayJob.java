package io.tapbus.runtime.decisions;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.rules.Decision;
import io.tapbus.rules.DecisionCatalog;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One what-if replay: reads the recorded decisions of a period page by page (keyset on the decision id, a page at
 * a time in memory), decides each one's facts again with the candidate rules, and adds the outcome to the
 * summary. Reads only; the candidate engine is its own and is closed at the end.
 */
public final class ReplayJob implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ReplayJob.class);
    static final int PAGE = 1000;
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};

    public enum State { QUEUED, RUNNING, DONE, FAILED }

    /** Where a job is: its state, how many of how many decisions are done. */
    public record Progress(State state, long processed, long total, Instant startedAt, Instant finishedAt, String error) {}

    private final String jobId;
    private final Jdbi jdbi;
    private final CandidateRules candidate;
    private final DecisionFilter period;
    private final ObjectMapper json = DecisionCatalog.json();
    private final ReplaySummary summary = new ReplaySummary();
    private final Map<String, String> candidateVersions;
    private final Instant requestedAt = Instant.now();
    private volatile State state = State.QUEUED;
    private volatile long processed;
    private volatile long total = -1;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String error;

    /** @param period the decision (or null for every decision of the candidate) and the time range */
    public ReplayJob(String jobId, Jdbi jdbi, CandidateRules candidate, DecisionFilter period) {
        this.jobId = jobId;
        this.jdbi = jdbi;
        this.candidate = candidate;
        this.period = period;
        this.candidateVersions = candidate.versions();
    }

    @Override
    public void run() {
        startedAt = Instant.now();
        state = State.RUNNING;
        try (candidate) {
            List<String> where = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            scope(where, args);
            total = jdbi.withHandle(h -> DecisionExplorer.bound(h.createQuery("SELECT COUNT(*) FROM decision_record d WHERE "
                    + String.join(" AND ", where)), args).mapTo(Long.class).one());
            String after = "";
            while (true) {
                List<Map<String, Object>> rows = page(where, args, after);
                for (Map<String, Object> row : rows) {
                    replay(row);
                }
                processed += rows.size();
                if (rows.size() < PAGE) {
                    break;
                }
                after = (String) rows.get(rows.size() - 1).get("decision_id");
            }
            state = State.DONE;
        } catch (RuntimeException e) {
            log.error("Replay {} failed after {} decisions", jobId, processed, e);
            error = e.toString();
            state = State.FAILED;
        } finally {
            finishedAt = Instant.now();
        }
    }

    private void scope(List<String> where, List<Object> args) {
        where.add("d.decision_name IN (" + String.join(", ", candidate.decisions().stream().map(d -> "?").toList()) + ")");
        args.addAll(candidate.decisions());
        if (period.decision() != null) {
            where.add("d.decision_name = ?");
            args.add(period.decision());
        }
        DecisionExplorer.period(where, args, period);
    }

    private List<Map<String, Object>> page(List<String> where, List<Object> args, String after) {
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(after);
        return jdbi.withHandle(h -> DecisionExplorer.bound(h.createQuery("SELECT d.decision_id, d.decision_name, d.verdict,"
                + " d.rule_verdict, d.rules_fired, d.facts, d.decided_at FROM decision_record d WHERE " + String.join(" AND ", where)
                + " AND d.decision_id > ? ORDER BY d.decision_id LIMIT " + PAGE), pageArgs).mapToMap().list());
    }

    private void replay(Map<String, Object> row) {
        String id = (String) row.get("decision_id");
        String facts = (String) row.get("facts");
        if (facts == null) {
            summary.skippedWithoutFacts();
            return;
        }
        String name = (String) row.get("decision_name");
        String oldVerdict = row.get("rule_verdict") != null ? (String) row.get("rule_verdict") : (String) row.get("verdict");
        Object at = row.get("decided_at");
        String decidedAt = at instanceof Timestamp t ? t.toInstant().toString() : String.valueOf(at);
        try {
            JsonNode input = json.readTree(facts);
            List<String> oldRules = json.readValue((String) row.get("rules_fired"), NAMES);
            Decision again = candidate.decide(name, input);
            summary.replayed(id, name, decidedAt, oldVerdict, oldRules, again.getVerdict(), again.getRulesFired());
        } catch (RuntimeException | java.io.IOException e) {
            summary.failed(id, e.getMessage());
        }
    }

    public String jobId() {
        return jobId;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public boolean finished() {
        return state == State.DONE || state == State.FAILED;
    }

    public Progress progress() {
        return new Progress(state, processed, total, startedAt, finishedAt, error);
    }

    public ReplaySummary summary() {
        return summary;
    }

    public DecisionFilter period() {
        return period;
    }

    public Map<String, String> candidateVersions() {
        return candidateVersions;
    }
}
