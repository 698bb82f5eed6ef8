package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.runtime.demo.DemoSeeder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Integration engineers edit route files while the bus runs: good edits load, broken ones never take it down. */
class RouteReloadTest {
    private static Path home;
    private static RunningBus bus;

    @BeforeAll
    static void start() throws Exception {
        home = Path.of("target", "home-" + System.nanoTime()).toAbsolutePath();
        for (String dir : new String[] {"config", "routes/flows", "routes/openapi", "rules/decisions"}) {
            RunningBus.copyTree(RunningBus.HOME.resolve(dir), home.resolve(dir));
        }
        // The engineer who adds an operation documents it too: the copy's contract gets the renamed path.
        Path document = home.resolve(io.tapbus.runtime.api.ApiDocument.FILE);
        com.fasterxml.jackson.databind.node.ObjectNode doc =
                (com.fasterxml.jackson.databind.node.ObjectNode) io.tapbus.runtime.api.ApiDocument.read(document);
        com.fasterxml.jackson.databind.node.ObjectNode renamed = doc.path("paths").path("/admin/audit").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) renamed.path("get")).put("operationId", "adminAuditLog");
        // until the edited route is live, the path has no operation: a 404 problem
        ((com.fasterxml.jackson.databind.node.ObjectNode) renamed.path("get").path("responses")).putObject("404")
                .put("$ref", "#/components/responses/NotFound");
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.path("paths")).set("/admin/audit-log", renamed);
        new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValue(document.toFile(), doc);
        bus = new RunningBus(home, Map.of("camel.main.routes-reload-enabled", "true"));
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    @Test
    void aBrokenRouteFileIsReportedAndEverythingKeepsRunningThenAGoodEditLoads() throws Exception {
        Path file = home.resolve("routes/flows/api-admin.camel.yaml");
        String good = Files.readString(file);
        String admin = RunningBus.adminToken();

        Files.writeString(file, "- rest:\n    path: /admin\n    get:\n      - path: /audit\n        to: [broken\n");
        Thread.sleep(4000);
        assertThat(bus.get("/admin/audit", admin).statusCode()).as("the broken file's routes keep their last good version").isEqualTo(200);
        assertThat(bus.get("/cards/" + DemoSeeder.ACTIVE_CARD, admin).statusCode()).isEqualTo(200);
        try (ReaderClient reader = bus.reader("R-DEMO-1")) {
            TapResponse tap = TapResponse.parse(reader.tap(new TapRequest(DemoSeeder.ACTIVE_CARD, 5, "CNY", Instant.now().toString(), null)).body());
            assertThat(tap.verdict()).isEqualTo(TapResponse.Verdict.APPROVED);
        }

        Files.writeString(file, good.replace("      - path: /audit\n", "      - path: /audit-log\n").replace("api-admin-audit", "api-admin-audit-log"));
        long deadline = System.currentTimeMillis() + 20_000;
        while (bus.get("/admin/audit-log", admin).statusCode() != 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        assertThat(bus.get("/admin/audit-log", admin).statusCode()).as("the edited route is live").isEqualTo(200);
        assertThat(bus.get("/admin/audit-log", null).statusCode()).as("and still authenticated").isEqualTo(401);
        assertThat(bus.get("/cards/" + DemoSeeder.ACTIVE_CARD, admin).statusCode()).isEqualTo(200);
    }
}
