package io.tapbus.runtime.app;

import io.tapbus.runtime.api.AppAccountApi;
import io.tapbus.runtime.api.AppApi;
import io.tapbus.runtime.api.ApiSecurity;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.api.ProblemResponder;
import io.tapbus.runtime.db.Database;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.payment.PaymentService;
import io.tapbus.runtime.phone.PhoneChannel;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.TransactionQueries;
import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.write.WritePath;
import java.time.Duration;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Wires the phone-app API from the {@code tapbus.app.*} settings: the beans its routes call ({@code appApi},
 * {@code appAccountApi}, {@code appEvents}), the device tokens for {@link ApiSecurity}, and the event stream.
 */
public final class AppWiring {
    private AppWiring() {
    }

    public static void bind(CamelContext context, Function<String, String> settings, Database database, WritePath writes,
            UserService users, LedgerService ledger, TransactionQueries queries, PaymentService payments,
            PhoneChannel phone, EventOutbox outbox, Json json, ProblemResponder problems) {
        Registry registry = context.getRegistry();
        AppRegistration.Limits limits = new AppRegistration.Limits(
                Duration.ofSeconds(number(settings, "tapbus.app.code-ttl-seconds", 300)),
                (int) number(settings, "tapbus.app.code-attempts", 5),
                Duration.ofSeconds(number(settings, "tapbus.app.code-resend-seconds", 60)),
                (int) number(settings, "tapbus.app.codes-per-hour", 5),
                Duration.ofDays(number(settings, "tapbus.app.token-days", 90)));
        AppDevices devices = new AppDevices(database.jdbi());
        AppRegistration registration = new AppRegistration(writes, new AppStore(), users, phone, limits,
                Boolean.parseBoolean(settings.apply("tapbus.app.demo-codes-in-log")));
        registry.bind("appRegistration", registration);
        AppEvents events = new AppEvents(json.mapper(), users, phone);
        registry.bind("appEvents", events);
        registry.bind("appApi", new AppApi(registration, events,
                new AddressLimit((int) number(settings, "tapbus.app.registrations-per-address-hour", 20)), json));
        registry.bind("appAccountApi", new AppAccountApi(users, ledger, queries, payments, json));
        registry.bind("appEventStream", new AppEventStream(devices, events, problems,
                number(settings, "tapbus.app.heartbeat-ms", 15000)));
        registry.lookupByNameAndType("apiSecurity", ApiSecurity.class).devicesWith(AppApi.authenticator(devices));
    }

    private static long number(Function<String, String> settings, String key, long fallback) {
        String v = settings.apply(key);
        return v == null || v.isBlank() ? fallback : Long.parseLong(v.strip());
    }
}
