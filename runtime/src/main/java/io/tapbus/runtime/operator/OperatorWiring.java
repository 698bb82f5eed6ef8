package io.tapbus.runtime.operator;

import io.tapbus.connector.operator.OperatorApiSettings;
import io.tapbus.connector.operator.OperatorApis;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the operator's CAMARA clients from the {@code tapbus.operator.*} settings, for PlatformConfiguration. */
public final class OperatorWiring {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorWiring.class);

    private OperatorWiring() {}

    /** The clients, or null when {@code tapbus.operator.api-root} is empty (the operator APIs are off). */
    public static OperatorApis apis(Function<String, String> setting) {
        String root = setting.apply("tapbus.operator.api-root");
        if (root == null || root.isBlank()) {
            return null;
        }
        root = root.strip().replaceAll("/+$", "");
        for (String key : new String[] {"tapbus.operator.client-id", "tapbus.operator.client-secret"}) {
            String value = setting.apply(key);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(key + " is required when tapbus.operator.api-root is set (docs/phone-channel.md)");
            }
        }
        String token = setting.apply("tapbus.operator.token-url");
        URI tokenUrl = URI.create(token == null || token.isBlank() ? root + "/oauth2/token" : token.strip());
        OperatorApiSettings settings = new OperatorApiSettings(URI.create(root), tokenUrl, setting.apply("tapbus.operator.client-id"),
                setting.apply("tapbus.operator.client-secret"), setting.apply("tapbus.operator.scope"),
                Duration.ofMillis(Long.parseLong(setting.apply("tapbus.operator.timeout-ms").strip())), null, null, null, null);
        LOG.info("operator APIs: {}", settings);
        return new OperatorApis(settings);
    }

    /** The SIM swap facts of phone payments, or null when the operator APIs are off. */
    public static SimSwapFacts simSwapFacts(OperatorApis apis, Function<String, String> setting) {
        if (apis == null) {
            return null;
        }
        List<Integer> windows = Arrays.stream(setting.apply("tapbus.operator.sim-swap-check-hours").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
        return new SimSwapFacts(apis.simSwap(), Duration.ofSeconds(Long.parseLong(setting.apply("tapbus.operator.sim-swap-cache-seconds").strip())),
                windows, Clock.systemUTC());
    }

    /** Carrier billing of phone payments, or null when the operator APIs are off or tapbus.operator.carrier-billing is off. */
    public static io.tapbus.runtime.payment.CarrierBiller carrierBiller(OperatorApis apis, Function<String, String> setting) {
        String on = setting.apply("tapbus.operator.carrier-billing");
        if (apis == null || (on != null && !on.isBlank() && !Boolean.parseBoolean(on.strip()))) {
            return null;
        }
        return new CamaraCarrierBiller(apis.carrierBilling());
    }
}
