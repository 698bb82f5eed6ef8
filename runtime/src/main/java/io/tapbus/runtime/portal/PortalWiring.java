package io.tapbus.runtime.portal;

import io.tapbus.runtime.api.ApiSecurity;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.api.PortalApi;
import io.tapbus.runtime.app.AddressLimit;
import io.tapbus.runtime.app.AppRegistration;
import io.tapbus.runtime.platform.PartnerService;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.apache.camel.spi.Registry;

/**
 * Wires the web portal from the {@code tapbus.portal.*} settings: its pages on the API's server, its sessions, the
 * {@code portalApi} bean of the sign-in routes, and the session cookie as an authentication of the REST API.
 */
public final class PortalWiring {
    private PortalWiring() {
    }

    public static void bind(Registry registry, Function<String, String> settings, PartnerService partners, Json json) {
        PortalSessions sessions = new PortalSessions(Duration.ofMinutes(number(settings, "tapbus.portal.idle-minutes", 30)),
                Duration.ofHours(number(settings, "tapbus.portal.session-hours", 12)),
                (int) number(settings, "tapbus.portal.max-sessions", 10_000), Clock.systemUTC());
        boolean tls = Boolean.parseBoolean(settings.apply("camel.server.use-global-ssl-context-parameters"));
        SignInLock lock = new SignInLock((int) number(settings, "tapbus.portal.failures-before-lock", 5),
                Duration.ofMinutes(number(settings, "tapbus.portal.lock-minutes", 15)), Clock.systemUTC());
        AppRegistration registration = registry.lookupByNameAndType("appRegistration", AppRegistration.class);
        registry.bind("portalApi", new PortalApi(sessions, new PortalCookies(tls), partners, registration, lock,
                new AddressLimit((int) number(settings, "tapbus.app.registrations-per-address-hour", 20)), json));
        registry.bind("portalPages", new PortalPages());
        registry.lookupByNameAndType("apiSecurity", ApiSecurity.class).sessionsWith(new PortalAuthentication(sessions));
    }

    private static long number(Function<String, String> settings, String key, long fallback) {
        String v = settings.apply(key);
        return v == null || v.isBlank() ? fallback : Long.parseLong(v.strip());
    }
}
