package io.tapbus.samples.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * CAMARA Number Verification: POST /number-verification/v1/verify and GET .../device-phone-number. A real operator
 * knows the device from a three-legged token obtained over its mobile network; here the device is whatever number
 * {@link OperatorState#deviceNumber(String)} set, for any valid token.
 */
final class NumberVerificationApi extends ApiHandler {
    static final String BASE = "/number-verification/v1";

    NumberVerificationApi(OperatorState state) {
        super(state);
    }

    @Override
    String basePath() {
        return BASE;
    }

    @Override
    void handle(Exchange exchange, String operation, String token) throws IOException {
        switch (operation) {
            case "/verify" -> {
                requireMethod(exchange, "POST");
                verify(exchange);
            }
            case "/device-phone-number" -> {
                requireMethod(exchange, "GET");
                exchange.reply(200, Exchange.JSON.createObjectNode().put("devicePhoneNumber", device()));
            }
            default -> throw notFound(operation);
        }
    }

    private void verify(Exchange exchange) throws IOException {
        JsonNode body = exchange.json(Set.of("phoneNumber", "hashedPhoneNumber"));
        if (body.size() != 1) {
            throw new Exchange.CamaraError(400, "INVALID_ARGUMENT", "give exactly one of phoneNumber and hashedPhoneNumber");
        }
        String device = device();
        boolean verified;
        if (body.has("phoneNumber")) {
            verified = Exchange.phoneNumber(body).equals(device);
        } else {
            String hashed = body.get("hashedPhoneNumber").asText();
            if (!hashed.matches("[a-fA-F0-9]{64}")) {
                throw new Exchange.CamaraError(400, "INVALID_ARGUMENT", "hashedPhoneNumber must be 64 hex digits (SHA-256)");
            }
            verified = hashed.equalsIgnoreCase(sha256(device));
        }
        exchange.reply(200, Exchange.JSON.createObjectNode().put("devicePhoneNumberVerified", verified));
    }

    private String device() {
        String device = state.deviceNumber();
        if (device == null) {
            throw new Exchange.CamaraError(403, "NUMBER_VERIFICATION.USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK",
                    "Client must authenticate via the mobile network to use this service");
        }
        return device;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
