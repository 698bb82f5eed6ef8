package io.tapbus.runtime.api;

import io.tapbus.runtime.decisions.ReplayJob;
import io.tapbus.runtime.decisions.ReplayJobs;
import io.tapbus.runtime.decisions.ReplaySummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * REST: what-if replays of a candidate rule set over recorded decisions ({@code POST /admin/rules/replay} starts
 * one, {@code GET /admin/rules/replay/{jobId}} shows progress, summary and a page of the changed decisions).
 */
public final class ReplayApi {
    private final ReplayJobs jobs;
    private final Json json;

    public ReplayApi(ReplayJobs jobs, Json json) {
        this.jobs = jobs;
        this.json = json;
    }

    /** One uploaded file: {@code path} like {@code tap-authorize/tap-limits.csv}, text content or Base64 (spreadsheets). */
    public record CandidateFile(String path, String content, String contentBase64) {}

    public record StartReplay(String since, String until, String decision, String candidateDir, List<CandidateFile> files) {}

    public void start(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.ANALYST);
        StartReplay req = json.read(exchange, StartReplay.class);
        if (req.candidateDir() != null && !p.isAdmin()) {
            throw ApiProblem.forbidden("a candidate folder on the bus's disk needs the admin role; upload the files instead");
        }
        if (req.since() == null) {
            throw ApiProblem.badRequest("since is required: the start of the period to replay");
        }
        ReplayJob job;
        try {
            job = jobs.start(new ReplayJobs.Request(req.candidateDir() == null ? null : Path.of(req.candidateDir()), files(req),
                    DecisionApi.instant("since", req.since()), req.until() == null ? null : DecisionApi.instant("until", req.until()),
                    req.decision()));
        } catch (ReplayJobs.CandidateInvalid e) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "https://tapbus.io/problems/rules-invalid");
            problem.put("title", "rules invalid");
            problem.put("status", 422);
            problem.put("detail", e.getMessage());
            problem.put("instance", ProblemResponder.maskedPath(exchange.getMessage().getHeader(Exchange.HTTP_PATH)));
            problem.put("ok", false);
            problem.put("versions", Map.of());
            problem.put("problems", e.problems());
            json.reply(exchange, 422, problem);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
            return;
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        json.reply(exchange, 202, view(job, 0, 0));
    }

    public void get(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN, Principal.ANALYST);
        String id = exchange.getMessage().getHeader("jobId", String.class);
        ReplayJob job = jobs.find(id).orElseThrow(() -> ApiProblem.notFound("replay " + id));
        int from = exchange.getMessage().getHeader("changedFrom", 0, Integer.class);
        int limit = Math.min(Math.max(exchange.getMessage().getHeader("limit", 100, Integer.class), 0), 1000);
        json.reply(exchange, 200, view(job, from, limit));
    }

    private static Map<String, byte[]> files(StartReplay req) {
        if (req.files() == null) {
            return null;
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (CandidateFile f : req.files()) {
            if (f == null || f.path() == null || (f.content() == null) == (f.contentBase64() == null)) {
                throw ApiProblem.badRequest("each file needs a path and either content or contentBase64");
            }
            try {
                byte[] bytes = f.content() != null ? f.content().getBytes(StandardCharsets.UTF_8) : Base64.getDecoder().decode(f.contentBase64());
                if (files.put(f.path(), bytes) != null) {
                    throw ApiProblem.badRequest("file " + f.path() + " is given twice");
                }
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("contentBase64 of " + f.path() + " is not Base64");
            }
        }
        return files;
    }

    private static Map<String, Object> view(ReplayJob job, int changedFrom, int limit) {
        ReplayJob.Progress progress = job.progress();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", job.jobId());
        body.put("state", progress.state().name());
        body.put("processed", progress.processed());
        body.put("total", progress.total() < 0 ? null : progress.total());
        body.put("requestedAt", job.requestedAt().toString());
        body.put("startedAt", progress.startedAt() == null ? null : progress.startedAt().toString());
        body.put("finishedAt", progress.finishedAt() == null ? null : progress.finishedAt().toString());
        body.put("error", progress.error());
        body.put("decision", job.period().decision());
        body.put("since", job.period().from().toString());
        body.put("until", job.period().to().toString());
        body.put("candidateVersions", job.candidateVersions());
        ReplaySummary summary = job.summary();
        body.put("summary", summary.snapshot());
        List<ReplaySummary.Change> changes = summary.changes(changedFrom, limit);
        int next = changedFrom + changes.size();
        body.put("changedDecisions", changes);
        body.put("nextChangedFrom", next < summary.keptChanges() ? next : null);
        return body;
    }
}
