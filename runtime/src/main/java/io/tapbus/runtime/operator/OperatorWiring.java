package io.tapbus.runtime.operator;

import io.tapbus.connector.operator.OperatorApiSettings;
import io.tapbus.connector.operator.OperatorApis;
import io.tapbus.runtime.phone.NumberOperators;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the operators' CAMARA clients from the settings, for PlatformConfiguration: the default operator's under
 * {@code tapbus.operator.*}, and each operator of {@code tapbus.phone.operators} that has its own
 * {@code tapbus.operator.<name>.api-root} under {@code tapbus.operator.<name>.*}. A number is served by its operator's
 * APIs (by prefix and ported number, {@link NumberOperators}), else by the default's.
 */
public final class OperatorWiring {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorWiring.class);

    private OperatorWiring() {}

    /** The operators' APIs and which one serves a number. */
    public record Operators(OperatorApis fallback, Map<String, OperatorApis> byOperator, NumberOperators numbers) {
        /** The APIs serving {@code msisdn}: its operator's own, else the default's; null when neither is set. */
        public OperatorApis apisFor(String msisdn) {
            OperatorApis own = msisdn == null ? null : byOperator.get(numbers.operator(msisdn));
            return own != null ? own : fallback;
        }
    }

    /** The operators' APIs, or null when none is configured (the operator APIs are off). */
    public static Operators operators(Function<String, String> setting, Path home) {
        Map<String, OperatorApis> own = new LinkedHashMap<>();
        String list = setting.apply("tapbus.phone.operators");
        for (String name : list == null ? new String[0] : list.split("[,\\s]+")) {
            OperatorApis apis = name.isBlank() ? null : apis(setting, "tapbus.operator." + name.strip() + ".");
            if (apis != null) {
                own.put(name.strip(), apis);
            }
        }
        OperatorApis fallback = apis(setting, "tapbus.operator.");
        if (fallback == null && own.isEmpty()) {
            return null;
        }
        return new Operators(fallback, own, NumberOperators.from(setting, home));
    }

    /** The default operator's clients, or null when {@code tapbus.operator.api-root} is empty. */
    public static OperatorApis apis(Function<String, String> setting) {
        return apis(setting, "tapbus.operator.");
    }

    /** The clients under {@code prefix} ({@code api-root}, {@code client-id} ...), or null when its api-root is empty. */
    static OperatorApis apis(Function<String, String> setting, String prefix) {
        String root = setting.apply(prefix + "api-root");
        if (root == null || root.isBlank()) {
            return null;
        }
        root = root.strip().replaceAll("/+$", "");
        for (String key : new String[] {prefix + "client-id", prefix + "client-secret"}) {
            String value = setting.apply(key);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(key + " is required when " + prefix + "api-root is set (docs/phone-channel.md)");
            }
        }
        String token = setting.apply(prefix + "token-url");
        URI tokenUrl = URI.create(token == null || token.isBlank() ? root + "/oauth2/token" : token.strip());
        String timeout = setting.apply(prefix + "timeout-ms");
        if (timeout == null || timeout.isBlank()) {
            timeout = setting.apply("tapbus.operator.timeout-ms");
        }
        OperatorApiSettings settings = new OperatorApiSettings(URI.create(root), tokenUrl, setting.apply(prefix + "client-id"),
                setting.apply(prefix + "client-secret"), setting.apply(prefix + "scope"),
                Duration.ofMillis(Long.parseLong(timeout.strip())), null, null, null, null);
        LOG.info("operator APIs ({}): {}", prefix.equals("tapbus.operator.") ? "default" : prefix, settings);
        return new OperatorApis(settings);
    }

    /** The SIM swap facts of phone payments, each number asked of its operator; null when the operator APIs are off. */
    public static SimSwapFacts simSwapFacts(Operators operators, Function<String, String> setting) {
        if (operators == null) {
            return null;
        }
        List<Integer> windows = Arrays.stream(setting.apply("tapbus.operator.sim-swap-check-hours").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
        return new SimSwapFacts(msisdn -> {
            OperatorApis apis = operators.apisFor(msisdn);
            return apis == null ? null : apis.simSwap();
        }, Duration.ofSeconds(Long.parseLong(setting.apply("tapbus.operator.sim-swap-cache-seconds").strip())), windows,
                Clock.systemUTC());
    }

    /**
     * Carrier billing of phone payments through each line's operator, or null when the operator APIs are off or
     * tapbus.operator.carrier-billing is off.
     */
    public static io.tapbus.runtime.payment.CarrierBiller carrierBiller(Operators operators, Function<String, String> setting) {
        String on = setting.apply("tapbus.operator.carrier-billing");
        if (operators == null || (on != null && !on.isBlank() && !Boolean.parseBoolean(on.strip()))) {
            return null;
        }
        Map<OperatorApis, CamaraCarrierBiller> billers = new java.util.concurrent.ConcurrentHashMap<>();
        return new RoutedCarrierBiller(msisdn -> {
            OperatorApis apis = operators.apisFor(msisdn);
            return apis == null ? null : billers.computeIfAbsent(apis, a -> new CamaraCarrierBiller(a.carrierBilling()));
        });
    }
}
