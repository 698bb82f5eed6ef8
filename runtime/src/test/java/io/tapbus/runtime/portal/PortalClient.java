package io.tapbus.runtime.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.phone.AppPhones;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs in to the portal of a test bus over its REST API, as the portal page does: a phone user with the code the
 * loopback SMSC received, a partner with its credential. A session is its cookie and its CSRF token.
 */
final class PortalClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("code (\\d{6})");

    record Session(String cookie, String csrf, JsonNode body, HttpResponse<String> response) {}

    private PortalClient() {
    }

    /** Waits up to 15 s for the condition (an SMS reaching the loopback SMSC). */
    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(20);
        }
    }

    /** Asks for a code for the number; the registration id and the code the SMS brought. */
    static String[] code(RunningBus bus, AppPhones phones, String msisdn) throws Exception {
        int before = phones.messagesTo(msisdn);
        HttpResponse<String> sent = bus.post("/portal/phone-codes", null, "{\"msisdn\":\"" + msisdn + "\"}");
        if (sent.statusCode() != 202) {
            throw new AssertionError("no code sent: " + sent.body());
        }
        PortalClient.await(() -> phones.messagesTo(msisdn) > before);
        Matcher m = CODE.matcher(phones.textTo(msisdn, before));
        if (!m.find()) {
            throw new AssertionError("no code in the SMS");
        }
        return new String[] {JSON.readTree(sent.body()).path("registrationId").asText(), m.group(1)};
    }

    static HttpResponse<String> phoneSignIn(RunningBus bus, String registrationId, String code) throws Exception {
        return bus.post("/portal/sessions/phone", null, "{\"registrationId\":\"" + registrationId + "\",\"code\":\"" + code + "\"}");
    }

    static Session phone(RunningBus bus, AppPhones phones, String msisdn) throws Exception {
        String[] started = code(bus, phones, msisdn);
        return session(phoneSignIn(bus, started[0], started[1]));
    }

    static Session partner(RunningBus bus, String credential) throws Exception {
        return session(bus.post("/portal/sessions/partner", null, "{\"credential\":\"" + credential + "\"}"));
    }

    static Session session(HttpResponse<String> signedIn) throws Exception {
        if (signedIn.statusCode() != 201) {
            throw new AssertionError("not signed in: " + signedIn.statusCode() + " " + signedIn.body());
        }
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        JsonNode body = JSON.readTree(signedIn.body());
        return new Session(setCookie.substring(0, setCookie.indexOf(';')), body.path("csrfToken").asText(), body, signedIn);
    }

    /** A GET with the session cookie only, held to the API contract. */
    static HttpResponse<String> get(RunningBus bus, String cookie, String path) throws Exception {
        return bus.send(HttpRequest.newBuilder(bus.api(path)).header("Cookie", cookie).GET(), null);
    }

    /** A POST with the session cookie and this CSRF token (none when null), held to the API contract. */
    static HttpResponse<String> post(RunningBus bus, String cookie, String csrf, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(bus.api(path)).header("Cookie", cookie)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json));
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return bus.send(request, null);
    }
}
