package io.tapbus.runtime.api;

import io.tapbus.runtime.app.AddressLimit;
import io.tapbus.runtime.app.AppDevices;
import io.tapbus.runtime.app.AppEvents;
import io.tapbus.runtime.app.AppRegistration;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * REST for the phone app itself: register a phone with an SMS code (public), revoke the device token, and the user's
 * kept events as JSON (the stream of the same path is {@code io.tapbus.runtime.app.AppEventStream}). The other app
 * operations are in {@link AppAccountApi}. A request carries the device token; its device is {@link #device}.
 */
public final class AppApi {
    /** The exchange property with the {@link AppDevices.Device} that sent an app request. */
    public static final String DEVICE = "TapBusAppDevice";

    private final AppRegistration registration;
    private final AppEvents events;
    private final AddressLimit addresses;
    private final Json json;

    public AppApi(AppRegistration registration, AppEvents events, AddressLimit addresses, Json json) {
        this.registration = registration;
        this.events = events;
        this.addresses = addresses;
        this.json = json;
    }

    public record StartRegistration(String msisdn) {}

    public record VerifyCode(String code, String deviceName) {}

    /** The authenticator of the app's routes: a device token, else 401. */
    public static ApiSecurity.DeviceAuthenticator authenticator(AppDevices devices) {
        return (exchange, auth) -> {
            if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw ApiProblem.unauthorized("send 'Authorization: Bearer <device token>' from POST"
                        + " /api/app/registrations/{registrationId}/verify");
            }
            exchange.setProperty(DEVICE, devices.authenticate(auth.substring(7).strip())
                    .orElseThrow(() -> ApiProblem.unauthorized("unknown, revoked or expired device token")));
        };
    }

    static AppDevices.Device device(Exchange exchange) {
        AppDevices.Device d = exchange.getProperty(DEVICE, AppDevices.Device.class);
        if (d == null) {
            throw ApiProblem.unauthorized("not authenticated");
        }
        return d;
    }

    public void start(Exchange exchange) throws IOException {
        StartRegistration req = json.read(exchange, StartRegistration.class);
        if (req.msisdn() == null) {
            throw ApiProblem.badRequest("msisdn (the phone's number, E.164) is required");
        }
        java.util.OptionalLong wait = addresses.take(ScanApi.clientAddress(exchange), System.currentTimeMillis());
        if (wait.isPresent()) {
            throw new ScanLimits.TooManyRequests("too many registrations from this address; try again in "
                    + wait.getAsLong() + " s", wait.getAsLong());
        }
        try {
            json.reply(exchange, 202, registration.start(req.msisdn()));
        } catch (AppRegistration.TooSoon e) {
            throw new ScanLimits.TooManyRequests(e.getMessage() + "; try again in " + e.retryAfterSeconds() + " s",
                    e.retryAfterSeconds());
        }
    }

    public void verify(Exchange exchange) throws IOException {
        VerifyCode req = json.read(exchange, VerifyCode.class);
        if (req.deviceName() != null && req.deviceName().length() > 100) {
            throw ApiProblem.badRequest("deviceName is longer than 100 characters");
        }
        try {
            json.reply(exchange, 201, registration.verify(exchange.getMessage().getHeader("registrationId", String.class),
                    req.code(), req.deviceName()));
        } catch (AppRegistration.Refused e) {
            throw new ApiProblem(400, e.kind(), e.getMessage());
        }
    }

    public void revoke(Exchange exchange) throws IOException {
        AppDevices.Device d = device(exchange);
        registration.revoke(d.tokenId());
        json.reply(exchange, 200, Map.of("tokenId", d.tokenId(), "revoked", true));
    }

    /** The kept events after Last-Event-ID (header) or {@code after} (query), as JSON: for apps that poll. */
    public void events(Exchange exchange) throws IOException {
        AppDevices.Device d = device(exchange);
        String after = exchange.getMessage().getHeader("after", String.class);
        if (after == null) {
            after = exchange.getMessage().getHeader("Last-Event-ID", String.class);
        }
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (AppEvents.Event e : events.since(d.userId(), after)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", e.id());
            item.put("type", e.type());
            item.put("event", json.mapper().readTree(e.json()));
            out.add(item);
        }
        json.reply(exchange, 200, Map.of("events", out));
    }
}
