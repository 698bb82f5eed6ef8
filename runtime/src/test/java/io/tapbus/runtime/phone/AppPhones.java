package io.tapbus.runtime.phone;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For tests of other packages that need a phone app's device token: a jSMPP SMSC on loopback that the bus binds to,
 * and a registration that reads its code from the SMS the SMSC received (as a person would).
 */
public final class AppPhones implements AutoCloseable {
    private static final Pattern CODE = Pattern.compile("code (\\d{6})");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LoopbackSmsc smsc;
    private final int port = RunningBus.freePort();

    public AppPhones() throws java.io.IOException {
        smsc = new LoopbackSmsc(port);
    }

    /** The bus settings that make it bind to this SMSC (add others to the map). */
    public Map<String, String> busSettings() {
        return Map.of("tapbus.smsc.local.port", String.valueOf(port), "tapbus.phone.poll-ms", "50",
                "tapbus.smsc.local.reconnect-first-ms", "100", "tapbus.events.relay-period-ms", "100");
    }

    public void awaitBound() throws InterruptedException {
        SmsOutboxFlowTest.await(() -> smsc.binds.get() > 0);
    }

    /** The number of short messages the SMSC received for this number. */
    public int messagesTo(String msisdn) {
        return smsc.partsTo(msisdn);
    }

    /** The text the SMSC received for this number after the first {@code skip} parts. */
    public String textTo(String msisdn, int skip) {
        return smsc.textTo(msisdn, skip);
    }

    /** The phone texts the bus (a deliver_sm from the SMSC). */
    public void incoming(String fromMsisdn, String text) throws Exception {
        smsc.incoming(fromMsisdn, text);
    }

    /** The phone texts the bus and waits for the answer (both parts of a long one); the answer's text. */
    public String ask(String fromMsisdn, String text) throws Exception {
        int before = smsc.partsTo(fromMsisdn);
        smsc.incoming(fromMsisdn, text);
        awaitThat(() -> smsc.partsTo(fromMsisdn) > before);
        Thread.sleep(300); // the other part of a long reply
        return smsc.textTo(fromMsisdn, before);
    }

    /** Waits up to 20 s for the condition (an SMS arrived, a state changed). */
    public static void awaitThat(java.util.function.BooleanSupplier condition) throws InterruptedException {
        SmsOutboxFlowTest.await(condition);
    }

    /** Registers the phone with the code the SMS brought; the device token. */
    public String register(RunningBus bus, String msisdn) throws Exception {
        int before = smsc.partsTo(msisdn);
        HttpResponse<String> started = bus.post("/app/registrations", null, "{\"msisdn\":\"" + msisdn + "\"}");
        if (started.statusCode() != 202) {
            throw new AssertionError("registration not started: " + started.body());
        }
        SmsOutboxFlowTest.await(() -> smsc.partsTo(msisdn) > before);
        Matcher m = CODE.matcher(smsc.textTo(msisdn, before));
        if (!m.find()) {
            throw new AssertionError("no code in the SMS");
        }
        String id = JSON.readTree(started.body()).path("registrationId").asText();
        HttpResponse<String> verified = bus.post("/app/registrations/" + id + "/verify", null,
                "{\"code\":\"" + m.group(1) + "\",\"deviceName\":\"test phone\"}");
        if (verified.statusCode() != 201) {
            throw new AssertionError("registration not verified: " + verified.body());
        }
        return JSON.readTree(verified.body()).path("token").asText();
    }

    @Override
    public void close() throws Exception {
        smsc.close();
    }
}
