package io.tapbus.connector.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * CAMARA Number Verification: is the number the user gave the one of the SIM in the device talking to us?
 *
 * <pre>
 *   POST {root}/number-verification/v1/verify               {"phoneNumber": "+86..."} or {"hashedPhoneNumber": "sha256 hex"}
 *                                                            ->  {"devicePhoneNumberVerified": true}
 *   GET  {root}/number-verification/v1/device-phone-number   ->  {"devicePhoneNumber": "+86..."}
 * </pre>
 *
 * <p>At a real operator these calls need a three-legged token that the device obtained over the mobile network
 * (OIDC authorization code with prompt=none, or CIBA with an operator token): the device is identified by the
 * token. The operator simulator treats the client-credentials token as the device's session (docs/phone-channel.md,
 * "Operator APIs (CAMARA)").
 */
public final class NumberVerificationClient {
    private final CamaraHttp http;

    public NumberVerificationClient(CamaraHttp http) {
        this.http = http;
    }

    /** True when the device's number is {@code phoneNumber} (sent in plain). */
    public boolean verify(String phoneNumber) {
        return verified(http.post(uri("/verify"), Map.of("phoneNumber", PhoneNumbers.requireE164(phoneNumber))));
    }

    /** The same, sending only the SHA-256 of the number (the operator compares hashes; the number never leaves TapBus). */
    public boolean verifyHashed(String phoneNumber) {
        return verified(http.post(uri("/verify"), Map.of("hashedPhoneNumber", hash(PhoneNumbers.requireE164(phoneNumber)))));
    }

    /** The number the operator has for the device. */
    public String devicePhoneNumber() {
        JsonNode answer = http.get(uri("/device-phone-number"));
        String number = answer == null ? null : answer.path("devicePhoneNumber").asText(null);
        if (!PhoneNumbers.isE164(number)) {
            throw new CamaraException.Unavailable(200, "BAD_ANSWER", "device-phone-number answered without an E.164 devicePhoneNumber", null);
        }
        return number;
    }

    /** SHA-256 of the E.164 number (with its '+'), lower-case hex, as the API defines hashedPhoneNumber. */
    public static String hash(String e164) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(e164.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private static boolean verified(JsonNode answer) {
        if (answer == null || !answer.path("devicePhoneNumberVerified").isBoolean()) {
            throw new CamaraException.Unavailable(200, "BAD_ANSWER", "verify answered without a boolean devicePhoneNumberVerified", null);
        }
        return answer.get("devicePhoneNumberVerified").asBoolean();
    }

    private java.net.URI uri(String operation) {
        return http.settings().resolve(http.settings().numberVerificationPath(), operation);
    }
}
