package io.tapbus.runtime.api;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * REST for administrators (the portal's Administration page): the health of the bus and of every link it keeps
 * (database, broker, rules, bank, each SMSC and MMSC), the same checks as the management port's
 * {@code /observe/health?exposureLevel=full}, without the per-route checks (their count of DOWN routes instead) and
 * without Camel's bookkeeping details.
 */
public final class HealthApi {
    private static final List<String> BOOKKEEPING = List.of("invocation.", "failure.", "success.", "check.");

    private final Json json;

    public HealthApi(Json json) {
        this.json = json;
    }

    public record Check(String id, String state, String message, Map<String, String> details) {}

    public record Health(String status, Instant checkedAt, int routesDown, List<Check> checks) {}

    public void health(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN);
        List<Check> checks = new ArrayList<>();
        int routesDown = 0;
        boolean up = true;
        for (HealthCheck.Result r : HealthCheckHelper.invoke(exchange.getContext(), "full")) {
            String id = r.getCheck().getId();
            boolean down = r.getState() == HealthCheck.State.DOWN;
            up &= !down;
            if (id.startsWith("route:") || id.startsWith("consumer:")) {
                routesDown += down ? 1 : 0;
                continue;
            }
            Map<String, String> details = new TreeMap<>();
            r.getDetails().forEach((k, v) -> {
                if (BOOKKEEPING.stream().noneMatch(k::startsWith)) {
                    details.put(k, String.valueOf(v));
                }
            });
            checks.add(new Check(id, r.getState().name(), r.getMessage().orElse(null), new LinkedHashMap<>(details)));
        }
        json.reply(exchange, 200, new Health(up ? "UP" : "DOWN", Instant.now(), routesDown, checks));
    }
}
