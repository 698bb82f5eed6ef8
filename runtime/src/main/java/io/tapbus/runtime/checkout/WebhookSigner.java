package io.tapbus.runtime.checkout;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code v1=} and the hex HMAC-SHA256, under the merchant's secret, of the timestamp (Unix
 * seconds), a dot and the body exactly as sent. A merchant checks it in constant time and refuses a timestamp older than
 * its tolerance (docs/checkout.md: 5 minutes), so a captured delivery cannot be replayed later.
 */
public final class WebhookSigner {
    public static final String TIMESTAMP_HEADER = "TapBus-Webhook-Timestamp";
    public static final String SIGNATURE_HEADER = "TapBus-Webhook-Signature";
    public static final String ID_HEADER = "TapBus-Webhook-Id";

    private WebhookSigner() {
    }

    public static String sign(byte[] secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** What a merchant does with a delivery: the signature matches and the timestamp is within the tolerance. */
    public static boolean verify(byte[] secret, String timestampHeader, String body, String signature, long nowSeconds,
                                 long toleranceSeconds) {
        long ts;
        try {
            ts = Long.parseLong(timestampHeader);
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
        if (signature == null || Math.abs(nowSeconds - ts) > toleranceSeconds) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, ts, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
