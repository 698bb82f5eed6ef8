package io.tapbus.runtime.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.runtime.RunningBus;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The first outcomes kept under Idempotency-Keys, the orders' checkouts and the checkouts' states outlive a restart of
 * the bus: after it, the writer reads them back from the tables, so a replay still answers the first outcome and an
 * order still has its one checkout.
 */
class CheckoutRestartTest {
    private static HttpResponse<String> call(RunningBus bus, String path, String token, String key, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(bus.api(path)).header("Idempotency-Key", key);
        r = body == null ? r.POST(HttpRequest.BodyPublishers.noBody())
                : r.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return bus.send(r, token);
    }

    @Test
    void repliesAndOrdersAreKeptAcrossARestart() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "checkout-restart").toAbsolutePath();
        Map<String, String> settings = Map.of("tapbus.data.dir", data.toString());
        String body = CheckoutFlowTest.order("order-restart", CheckoutFlowTest.PAYER, 1, 900);
        String created;
        String canceled;
        String shop;
        String id;
        try (RunningBus bus = new RunningBus(settings)) {
            HttpResponse<String> cred = bus.post("/partners/demo-shop/credentials", RunningBus.adminToken(), "{\"roles\":[\"merchant\"]}");
            shop = CheckoutFlowTest.JSON.readTree(cred.body()).path("token").asText();
            created = call(bus, "/checkout/payments", shop, "restart-create", body).body();
            id = CheckoutFlowTest.JSON.readTree(created).path("checkoutId").asText();
            canceled = call(bus, "/checkout/payments/" + id + "/cancel", shop, "restart-cancel", null).body();
            assertThat(canceled).contains("\"CANCELED\"");
        }
        try (RunningBus bus = new RunningBus(settings)) {
            HttpResponse<String> replay = call(bus, "/checkout/payments", shop, "restart-create", body);
            assertThat(replay.statusCode()).isEqualTo(201);
            assertThat(replay.body()).isEqualTo(created);
            assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(call(bus, "/checkout/payments/" + id + "/cancel", shop, "restart-cancel", null).body()).isEqualTo(canceled);
            assertThat(call(bus, "/checkout/payments", shop, "restart-create-2", body).body()).contains("order-has-checkout");
            HttpResponse<String> again = call(bus, "/checkout/payments/" + id + "/cancel", shop, "restart-cancel-2", null);
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.body()).contains("checkout-not-cancelable");
            assertThat(call(bus, "/checkout/payments", shop, "restart-create", CheckoutFlowTest.order("order-other", CheckoutFlowTest.PAYER, 1, 5))
                    .statusCode()).as("the key, reused for another request after the restart").isEqualTo(422);
        }
    }
}
