package io.tapbus.runtime.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real taps on the real bus, then the analyst's view of them: the explorer finds them by filter and pages through
 * them, a decision shows its facts, and a what-if replay of a lower single-tap limit (over REST and with
 * {@code bin/tapbus rules replay}) finds exactly the tap that would now be declined.
 */
class DecisionExplorerReplayFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningBus bus;
    private static String admin;
    private static String analyst;
    private static String merchant;
    private static Instant since;
    /** decision ids of the taps of 10.00, 400.00, 600.00 and of the blocked card */
    private static final List<String> taps = new ArrayList<>();

    @TempDir
    static Path work;

    @BeforeAll
    static void tapAndCredentials() throws Exception {
        bus = new RunningBus();
        admin = RunningBus.adminToken();
        analyst = credential("analysts", "PLATFORM", "analyst");
        merchant = credential("shop-x", "MERCHANT", "merchant");
        since = Instant.now().minusSeconds(1);
        try (ReaderClient reader = bus.reader("R-DEMO-1")) {
            for (Object[] tap : new Object[][] {{DemoSeeder.ACTIVE_CARD, 1_000L}, {DemoSeeder.ACTIVE_CARD, 40_000L},
                    {DemoSeeder.ACTIVE_CARD, 60_000L}, {DemoSeeder.BLOCKED_CARD, 500L}}) {
                TapResponse r = TapResponse.parse(reader.tap(new TapRequest((String) tap[0], (Long) tap[1], "CNY",
                        Instant.now().toString(), null)).body());
                taps.add(r.decisionId());
            }
        }
    }

    private static String credential(String id, String kind, String role) throws Exception {
        HttpResponse<String> created = bus.post("/partners", admin, "{\"partnerId\":\"" + id + "\",\"name\":\"" + id + "\",\"kind\":\"" + kind + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> cred = bus.post("/partners/" + id + "/credentials", admin, "{\"roles\":[\"" + role + "\"]}");
        assertThat(cred.statusCode()).as(cred.body()).isEqualTo(201);
        return JSON.readTree(cred.body()).path("token").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    private static JsonNode ok(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("decisions").forEach(d -> ids.add(d.path("decisionId").asText()));
        return ids;
    }

    @Test
    void theExplorerFiltersAndPagesByKeysetNewestFirst() throws Exception {
        assertThat(ids(ok(bus.get("/decisions?card=" + DemoSeeder.BLOCKED_CARD, analyst), 200))).containsExactly(taps.get(3));
        assertThat(ids(ok(bus.get("/decisions?reason=OVER_SINGLE_TAP_LIMIT", analyst), 200))).containsExactly(taps.get(2));
        assertThat(ids(ok(bus.get("/decisions?rule=DeclineWhenCardNotActive&decision=tap-authorize", analyst), 200)))
                .containsExactly(taps.get(3));
        assertThat(ids(ok(bus.get("/decisions?verdict=APPROVED&reader=R-DEMO-1&merchant=demo-shop", admin), 200)))
                .containsExactly(taps.get(1), taps.get(0));
        assertThat(ids(ok(bus.get("/decisions?from=" + Instant.now().plusSeconds(60), analyst), 200))).isEmpty();
        String version = ok(bus.get("/decisions/" + taps.get(0), analyst), 200).path("ruleSetVersion").asText();
        assertThat(ids(ok(bus.get("/decisions?version=" + version + "&card=" + DemoSeeder.ACTIVE_CARD, analyst), 200)))
                .containsExactly(taps.get(2), taps.get(1), taps.get(0));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = ok(bus.get("/decisions?decision=tap-authorize&from=" + since + "&limit=1"
                    + (cursor == null ? "" : "&cursor=" + cursor), analyst), 200);
            assertThat(page.path("decisions").size()).isLessThanOrEqualTo(1);
            paged.addAll(ids(page));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);
        assertThat(paged).as("every tap once, newest first").containsExactly(taps.get(3), taps.get(2), taps.get(1), taps.get(0));
    }

    @Test
    void aDecisionShowsItsFactsToAnalystsButNotToMerchants() throws Exception {
        JsonNode d = ok(bus.get("/decisions/" + taps.get(1), analyst), 200);
        assertThat(d.path("facts").path("amountMinor").asLong()).isEqualTo(40_000);
        assertThat(d.path("facts").path("cardStatus").asText()).isEqualTo("ACTIVE");
        assertThat(d.path("ruleVerdict").asText()).isEqualTo("APPROVED");
        assertThat(d.path("cardUid").asText()).isEqualTo(DemoSeeder.ACTIVE_CARD);
        assertThat(bus.get("/decisions/" + taps.get(1), merchant).statusCode()).as("not the merchant's transaction").isEqualTo(404);
        assertThat(bus.get("/decisions", merchant).statusCode()).isEqualTo(403);
        assertThat(bus.get("/decisions?from=yesterday", analyst).statusCode()).isEqualTo(400);
    }

    @Test
    void theBreakdownCountsTheMatchingDecisionsPerVerdictAndReason() throws Exception {
        JsonNode all = ok(bus.get("/decisions/breakdown?decision=tap-authorize&from=" + since, analyst), 200);
        assertThat(all.path("total").asLong()).isEqualTo(4);
        assertThat(all.path("byVerdict").path("APPROVED").asLong()).isEqualTo(2);
        assertThat(all.path("byVerdict").path("DECLINED").asLong()).isEqualTo(2);
        assertThat(all.path("byReason").path("OVER_SINGLE_TAP_LIMIT").asLong()).isEqualTo(1);
        assertThat(all.path("byReason").path("CARD_NOT_ACTIVE").asLong()).isEqualTo(1);
        assertThat(all.path("reasonsPartial").asBoolean()).isFalse();
        JsonNode blocked = ok(bus.get("/decisions/breakdown?card=" + DemoSeeder.BLOCKED_CARD + "&from=" + since, admin), 200);
        assertThat(blocked.path("total").asLong()).isEqualTo(1);
        assertThat(blocked.path("byVerdict").has("APPROVED")).isFalse();
        assertThat(ok(bus.get("/decisions/breakdown?reader=R-DEMO-1&verdict=DECLINED&from=" + since, analyst), 200)
                .path("total").asLong()).isEqualTo(2);
        assertThat(ok(bus.get("/decisions/breakdown?reader=R-NOWHERE", analyst), 200).path("total").asLong()).isZero();
        assertThat(bus.get("/decisions/breakdown", merchant).statusCode()).isEqualTo(403);
        assertThat(bus.get("/decisions/breakdown?to=tomorrow", analyst).statusCode()).isEqualTo(400);
    }

    @Test
    void aReplayOfALowerLimitFindsExactlyTheTapThatWouldBeDeclined() throws Exception {
        Path candidate = Candidates.tapAuthorize(work.resolve("rest"), "TapLimitsCNY,CNY,30000,200000");
        Map<String, Object> request = Map.of("since", since.toString(), "decision", "tap-authorize", "files", List.of(
                Map.of("path", "tap-authorize/tap-authorize.drl", "content", Files.readString(candidate.resolve("tap-authorize/tap-authorize.drl"))),
                Map.of("path", "tap-authorize/tap-limits.csv", "content", Files.readString(candidate.resolve("tap-authorize/tap-limits.csv")))));
        JsonNode started = ok(bus.post("/admin/rules/replay", analyst, JSON.writeValueAsString(request)), 202);
        JsonNode job = started;
        for (int i = 0; i < 600 && !job.path("state").asText().matches("DONE|FAILED"); i++) {
            Thread.sleep(100);
            job = ok(bus.get("/admin/rules/replay/" + started.path("jobId").asText(), analyst), 200);
        }
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.path("processed").asLong()).isEqualTo(job.path("total").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(job.path("summary").path("changed").asLong()).isEqualTo(1);
        assertThat(job.path("summary").path("verdictChanges").path("APPROVED -> DECLINED").asLong()).isEqualTo(1);
        assertThat(job.path("changedDecisions")).hasSize(1);
        assertThat(job.path("changedDecisions").get(0).path("decisionId").asText()).isEqualTo(taps.get(1));

        String candidateVersion = job.path("candidateVersions").path("tap-authorize").asText();
        JsonNode serving = ok(bus.get("/admin/rules", admin), 200);
        assertThat(candidateVersion).hasSize(12);
        assertThat(serving.toString()).as("the serving rules are untouched").contains(
                ok(bus.get("/decisions/" + taps.get(1), analyst), 200).path("ruleSetVersion").asText()).doesNotContain(candidateVersion);
    }

    @Test
    void aCandidateThatDoesNotBuildIsAnswered422WithFileAndLine() throws Exception {
        Map<String, Object> request = Map.of("since", since.toString(), "files", List.of(Map.of("path", "tap-authorize/tap-authorize.drl",
                "content", "package io.tapbus.rules.tap;\nrule \"Broken\"\nwhen\n    $tap : TapAuthorizationInput( amountMinor > \nthen\nend\n")));
        HttpResponse<String> answer = bus.post("/admin/rules/replay", analyst, JSON.writeValueAsString(request));
        JsonNode problem = ok(answer, 422);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(problem.path("problems").get(0).path("file").asText()).isEqualTo("tap-authorize/tap-authorize.drl");
        assertThat(problem.path("problems").get(0).path("line").asInt()).isPositive();

        assertThat(bus.post("/admin/rules/replay", analyst, "{\"since\":\"" + since + "\",\"candidateDir\":\"/tmp\"}").statusCode())
                .as("a folder on the bus's disk is for admins").isEqualTo(403);
        assertThat(bus.post("/admin/rules/replay", merchant, JSON.writeValueAsString(request)).statusCode()).isEqualTo(403);
        assertThat(bus.get("/admin/rules/replay/no-such-job", analyst).statusCode()).isEqualTo(404);
    }

    @Test
    void theCommandLinePrintsASummaryToPasteIntoAChangeRequest() throws Exception {
        Path candidate = Candidates.tapAuthorize(work.resolve("cli"), "TapLimitsCNY,CNY,30000,200000");
        Path token = Files.writeString(work.resolve("analyst-token.txt"), analyst);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ReplayCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(ReplayCommand.options(List.of("--candidate", candidate.toString(), "--since", since.toString(),
                        "--until", Instant.now().plusSeconds(1).toString(), "--decision", "tap-authorize",
                        "--bus", "http://127.0.0.1:" + bus.httpPort, "--token-file", token.toString())), Map.of());
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(text).contains("What-if replay ", "  candidate:  " + candidate + " (tap-authorize ", "(decision tap-authorize)",
                "  state:      DONE", "Changed:            1 (", "Verdict changes (old -> new):\n  APPROVED -> DECLINED",
                "  DeclineWhenOverSingleTapLimit            1 / 0\n", "Changed decisions (first 1 of 1):\n  " + taps.get(1)
                        + "  tap-authorize  ", "  APPROVED -> DECLINED +DeclineWhenOverSingleTapLimit -ApproveWhenNothingDeclined");
        assertThat(text.lines().filter(l -> l.startsWith("Decisions replayed: ")).findFirst().orElseThrow())
                .isEqualTo("Decisions replayed: 4");

        Path broken = Candidates.tapAuthorize(work.resolve("cli-broken"), "TapLimitsCNY,CNY,300.00,200000");
        err.reset();
        code = new ReplayCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(ReplayCommand.options(List.of("--candidate", broken.toString(), "--since", "1d",
                        "--bus", "http://127.0.0.1:" + bus.httpPort)), Map.of("TAPBUS_TOKEN", analyst));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("The candidate rules do not build, nothing was replayed:",
                "  tap-authorize/tap-limits.csv:10: ");
    }
}
