package io.tapbus.runtime.decisions;

import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.RuleProblem;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Jdbi;

/**
 * Starts what-if replays and keeps the last {@link #KEPT_JOBS} of them for their progress and summary. Replays run
 * one at a time on one background thread (the machine's cores are for taps first); a started replay is queued.
 * The candidate is built when the replay is asked for, so a candidate that does not build is answered at once,
 * with its problems, and nothing is replayed.
 */
public final class ReplayJobs implements AutoCloseable {
    static final int KEPT_JOBS = 20;

    private final Jdbi jdbi;
    private final DecisionCatalog catalog;
    private final Path workDir;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tapbus-rule-replay");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ReplayJob> jobs = new LinkedHashMap<>();

    /** The candidate does not build: nothing was replayed. */
    public static final class CandidateInvalid extends RuntimeException {
        private final transient List<RuleProblem> problems;

        CandidateInvalid(List<RuleProblem> problems) {
            super(problems.size() + " problem(s) in the candidate rules; nothing was replayed");
            this.problems = problems;
        }

        public List<RuleProblem> problems() {
            return problems;
        }
    }

    /** What to replay: a candidate (a folder on the bus's disk, or uploaded files), a period, maybe one decision. */
    public record Request(Path candidateDir, Map<String, byte[]> files, Instant since, Instant until, String decision) {}

    /** @param workDir where uploaded candidates are written while they are built */
    public ReplayJobs(Jdbi jdbi, DecisionCatalog catalog, Path workDir) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.workDir = workDir;
    }

    /**
     * @throws CandidateInvalid         when the candidate does not build
     * @throws IllegalArgumentException when the request is not usable (no candidate, bad period, bad file path)
     */
    public ReplayJob start(Request request) throws IOException {
        if (request.since() == null) {
            throw new IllegalArgumentException("since is required: the start of the period to replay");
        }
        Instant until = request.until() != null ? request.until() : Instant.now();
        if (!until.isAfter(request.since())) {
            throw new IllegalArgumentException("until (" + until + ") must be after since (" + request.since() + ")");
        }
        if ((request.candidateDir() == null) == (request.files() == null || request.files().isEmpty())) {
            throw new IllegalArgumentException("give the candidate either as files or as a folder, one of them");
        }
        CandidateRules candidate = request.candidateDir() != null
                ? CandidateRules.build(request.candidateDir(), catalog, request.decision())
                : CandidateRules.upload(request.files(), workDir, catalog, request.decision());
        if (!candidate.builds()) {
            candidate.close();
            throw new CandidateInvalid(candidate.problems());
        }
        ReplayJob job = new ReplayJob(io.tapbus.rules.TimeOrderedId.next(), jdbi, candidate,
                DecisionFilter.period(request.decision(), request.since(), until));
        synchronized (jobs) {
            jobs.values().removeIf(j -> j.finished() && jobs.size() >= KEPT_JOBS);
            jobs.put(job.jobId(), job);
        }
        runner.execute(job);
        return job;
    }

    public Optional<ReplayJob> find(String jobId) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(jobId));
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
