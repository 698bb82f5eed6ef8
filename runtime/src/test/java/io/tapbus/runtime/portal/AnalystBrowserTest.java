package io.tapbus.runtime.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The analyst's page in a real browser (Debian's headless chromium) against a real bus with four real taps: an analyst
 * signs in, finds decisions by verdict and card and through the reasons chart, opens one and sees its facts and the
 * rules that fired; runs a what-if replay of tap-authorize with a lower single-tap limit uploaded from the browser,
 * finds the one changed decision and opens it; an upload that does not compile shows its file, line and message and
 * runs nothing; a script typed into a filter stays text; the page switches to Chinese. A merchant has no analyst page; an administrator replays a
 * folder on the bus's own disk. Screenshots
 * analyst-explorer.png and analyst-whatif.png go to target/portal-screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalystBrowserTest {
    private static final String SCRIPT = "<img src=x onerror=\"window.xssRan=1\"><script>window.xssRan=2</script>";
    private static final String LIMITS_ROW = "TapLimitsCNY,CNY,50000,200000";
    private RunningBus bus;
    private Browser browser;
    private String analyst;
    private String merchant;
    /** decision ids of the taps of 10.00, 400.00 and 600.00 on the active card and 5.00 on the blocked one */
    private final List<String> taps = new ArrayList<>();

    @TempDir
    Path work;

    @BeforeAll
    void start() throws Exception {
        bus = new RunningBus();
        analyst = credential("analysts", "PLATFORM", "analyst");
        merchant = credential("shop-y", "MERCHANT", "merchant");
        try (ReaderClient reader = bus.reader("R-DEMO-1")) {
            for (Object[] tap : new Object[][] {{DemoSeeder.ACTIVE_CARD, 1_000L}, {DemoSeeder.ACTIVE_CARD, 40_000L},
                    {DemoSeeder.ACTIVE_CARD, 60_000L}, {DemoSeeder.BLOCKED_CARD, 500L}}) {
                taps.add(TapResponse.parse(reader.tap(new TapRequest((String) tap[0], (Long) tap[1], "CNY",
                        Instant.now().toString(), null)).body()).decisionId());
            }
        }
        browser = new Browser("http://127.0.0.1:" + bus.httpPort, 1280, 1400);
    }

    private String credential(String id, String kind, String role) throws Exception {
        String admin = RunningBus.adminToken();
        HttpResponse<String> created = bus.post("/partners", admin, "{\"partnerId\":\"" + id + "\",\"name\":\"" + id
                + "\",\"kind\":\"" + kind + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> issued = bus.post("/partners/" + id + "/credentials", admin, "{\"roles\":[\"" + role + "\"]}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonNode body = PortalClient.JSON.readTree(issued.body());
        return body.path("token").asText();
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        bus.close();
    }

    private void signIn(String credential) {
        browser.open("#signin");
        browser.type("#credential", credential);
        browser.click("#sign-in-partner");
    }

    private void search() {
        browser.click("#decisions-search");
    }

    private int resultRows() {
        return browser.driver.findElements(By.cssSelector("#decisions tbody tr")).size();
    }

    /** Uploads the files with the browser's file input and runs the replay of tap-authorize. */
    private void runWhatIf(Path... files) {
        browser.driver.navigate().refresh();
        browser.find("#decisions");
        browser.type("#whatif-decision", "tap-authorize");
        browser.driver.findElement(By.id("whatif-files")).sendKeys(String.join("\n",
                java.util.Arrays.stream(files).map(f -> f.toAbsolutePath().toString()).toList()));
        watchForProgress();
        browser.click("#whatif-run");
    }

    /** Notes (window.sawProgress) whether the replay's progress bar was ever on the page, however short the job. */
    private void watchForProgress() {
        browser.script("window.sawProgress = false; new MutationObserver(() => { if (document.getElementById('whatif-progress'))"
                + " window.sawProgress = true; }).observe(document.body, {childList: true, subtree: true});");
    }

    private Path lowerLimitCandidate() throws java.io.IOException {
        Path folder = work.resolve("candidate/tap-authorize");
        if (!Files.isDirectory(folder)) {
            RunningBus.copyTree(RunningBus.HOME.resolve("rules/decisions/tap-authorize"), folder);
            Path limits = folder.resolve("tap-limits.csv");
            String table = Files.readString(limits);
            assertThat(table).contains(LIMITS_ROW);
            Files.writeString(limits, table.replace(LIMITS_ROW, "TapLimitsCNY,CNY,30000,200000"));
        }
        return folder;
    }

    @Test
    @Order(1)
    void anAnalystFindsDecisionsByVerdictAndCardAndOpensOne() throws Exception {
        signIn(analyst);
        browser.waitForText("#decisions", DemoSeeder.BLOCKED_CARD);
        assertThat(browser.find("#nav-analyst").getAttribute("aria-current")).isEqualTo("page");
        browser.type("#filter-verdict", "DECLINED");
        browser.type("#filter-card", DemoSeeder.ACTIVE_CARD);
        search();
        browser.waitForText("#filter-summary", "DECLINED");
        browser.until(d -> resultRows() == 1);
        assertThat(browser.find("#decisions").getText()).contains("OVER_SINGLE_TAP_LIMIT").doesNotContain(DemoSeeder.BLOCKED_CARD);
        browser.waitForText("#breakdown-total", "1");

        browser.click("#open-" + taps.get(2));
        browser.waitForText("#decision-detail", taps.get(2));
        assertThat(browser.find("#decision-facts").getText()).contains("amountMinor", "60000", "ACTIVE");
        assertThat(browser.find("#decision-rules").getText()).contains("DeclineWhenOverSingleTapLimit");
        assertThat(browser.find("#decision-outcome").getText()).contains("DECLINED", "R-DEMO-1");

        browser.click("#decisions-reset");
        browser.until(d -> resultRows() >= 4);
        browser.click("#chart-reasons .bar[data-key='CARD_NOT_ACTIVE']");
        browser.until(d -> "CARD_NOT_ACTIVE".equals(browser.find("#filter-reason").getDomProperty("value")) && resultRows() == 1);
        assertThat(browser.find("#decisions").getText()).contains(DemoSeeder.BLOCKED_CARD);
        assertThat(browser.driver.findElements(By.cssSelector("#chart-verdicts .bar"))).hasSize(1);
        browser.click("#decisions-reset");
        browser.until(d -> resultRows() >= 4);
        browser.script("window.scrollTo(0, 0)");
        browser.screenshot("analyst-explorer");
    }

    @Test
    @Order(2)
    void aWhatIfReplayOfALowerLimitFindsTheChangedDecisionOneClickAway() throws Exception {
        Path folder = lowerLimitCandidate();
        runWhatIf(folder.resolve("tap-authorize.drl"), folder.resolve("tap-limits.csv"));
        browser.waitForText("#whatif-summary", "Would change");
        assertThat(browser.script("return window.sawProgress")).as("progress shown while it ran").isEqualTo(Boolean.TRUE);
        assertThat(browser.find("#whatif-changed").getText()).isEqualTo("1");
        assertThat(Long.parseLong(browser.find("#whatif-replayed").getText())).isGreaterThanOrEqualTo(4);
        assertThat(browser.find("#whatif-verdicts").getText()).contains("APPROVED -> DECLINED");
        assertThat(browser.find("#whatif-rules").getText()).contains("DeclineWhenOverSingleTapLimit");
        assertThat(browser.driver.findElements(By.cssSelector("#whatif-changes tbody tr"))).hasSize(1);
        browser.script("document.getElementById('whatif-result').scrollIntoView({block: 'end'})");
        browser.screenshot("analyst-whatif");

        browser.click("#changed-" + taps.get(1));
        browser.waitForText("#decision-detail", taps.get(1));
        assertThat(browser.find("#decision-facts").getText()).contains("40000");
        assertThat(browser.find("#decision-outcome").getText()).contains("APPROVED");
        browser.screenshot("analyst-whatif-decision");
    }

    @Test
    @Order(3)
    void anUploadThatDoesNotCompileShowsItsProblemsAndRunsNothing() throws Exception {
        Path broken = Files.createDirectories(work.resolve("broken")).resolve("tap-authorize.drl");
        Files.writeString(broken, "package io.tapbus.rules.tap;\nrule \"Broken\"\nwhen\n    $tap : TapAuthorizationInput( amountMinor > \nthen\nend\n");
        runWhatIf(broken);
        browser.waitForText("#whatif-problems", "tap-authorize/tap-authorize.drl");
        assertThat(browser.find("#whatif-problem-list tbody td.num").getText()).matches("[1-9][0-9]*");
        assertThat(browser.find("#status").getText()).contains("does not compile");
        assertThat(browser.driver.findElements(By.id("whatif-progress"))).as("no replay ran").isEmpty();
        assertThat(browser.driver.findElements(By.id("whatif-summary"))).isEmpty();
        browser.script("document.getElementById('whatif-result').scrollIntoView({block: 'end'})");
        browser.screenshot("analyst-whatif-broken");
    }

    @Test
    @Order(4)
    void aScriptInAFilterStaysTextAndThePageSpeaksChinese() throws Exception {
        browser.driver.navigate().refresh();
        browser.find("#decisions");
        browser.type("#filter-card", SCRIPT);
        search();
        browser.waitForText("#filter-summary", SCRIPT);
        browser.find("#no-decisions");
        assertThat(browser.driver.findElements(By.cssSelector("#view img, #view script"))).isEmpty();
        assertThat(browser.script("return window.xssRan !== undefined")).isEqualTo(Boolean.FALSE);

        browser.click("#lang");
        browser.waitForText("#view h2", "查找决策");
        assertThat(browser.find("#whatif-run").getText()).isEqualTo("运行假设重放");
        browser.click("#lang");
        browser.waitForText("#view h2", "Find decisions");
    }

    @Test
    @Order(5)
    void aMerchantHasNoAnalystPage() throws Exception {
        browser.click("#signout");
        browser.find("#partner-form");
        signIn(merchant);
        browser.waitForText("#partner-me", "merchant");
        assertThat(browser.driver.findElements(By.id("nav-analyst"))).isEmpty();
        browser.open("#analyst");
        browser.waitForText("#view", "needs another role");
        browser.click("#signout");
        browser.find("#partner-form");
    }

    @Test
    @Order(6)
    void anAdministratorReplaysAFolderOnTheBussDisk() throws Exception {
        signIn(RunningBus.adminToken());
        browser.find("#partners");
        browser.open("#analyst");
        browser.type("#whatif-dir", lowerLimitCandidate().getParent().toAbsolutePath().toString());
        browser.type("#whatif-decision", "tap-authorize");
        browser.click("#whatif-run");
        browser.waitForText("#whatif-summary", "Would change");
        assertThat(browser.find("#whatif-changed").getText()).isEqualTo("1");
        assertThat(browser.find("#whatif-changes").getText()).contains("DeclineWhenOverSingleTapLimit");
    }
}
