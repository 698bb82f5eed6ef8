package io.tapbus.connector.operator;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where one operator's CAMARA APIs are and how TapBus authenticates there.
 *
 * @param apiRoot       the operator's API root, e.g. {@code https://api.operator.example}; each API's base path is
 *                      appended ({@link #simSwapPath} ...)
 * @param tokenUrl      the OAuth2 token endpoint (client credentials grant)
 * @param clientId      TapBus's client id at the operator
 * @param clientSecret  its secret (from the environment; never logged)
 * @param scope         scopes asked for with the token, space separated; empty for the operator's default
 * @param timeout       the most one request (token or API call) may take, connect included
 */
public record OperatorApiSettings(URI apiRoot, URI tokenUrl, String clientId, String clientSecret, String scope, Duration timeout,
                                  String simSwapPath, String numberVerificationPath, String carrierBillingPath, String refundPath) {

    /** The API versions these clients speak (CAMARA's base paths; the operator may serve others, so they can be set). */
    public static final String SIM_SWAP = "sim-swap/v1";
    public static final String NUMBER_VERIFICATION = "number-verification/v1";
    public static final String CARRIER_BILLING = "carrier-billing/v0.4";
    public static final String CARRIER_BILLING_REFUND = "carrier-billing-refund/v0.2";

    public OperatorApiSettings {
        Objects.requireNonNull(apiRoot, "apiRoot");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        scope = scope == null ? "" : scope.strip();
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        simSwapPath = simSwapPath == null ? SIM_SWAP : simSwapPath;
        numberVerificationPath = numberVerificationPath == null ? NUMBER_VERIFICATION : numberVerificationPath;
        carrierBillingPath = carrierBillingPath == null ? CARRIER_BILLING : carrierBillingPath;
        refundPath = refundPath == null ? CARRIER_BILLING_REFUND : refundPath;
    }

    /** The default API versions. */
    public static OperatorApiSettings of(URI apiRoot, URI tokenUrl, String clientId, String clientSecret, Duration timeout) {
        return new OperatorApiSettings(apiRoot, tokenUrl, clientId, clientSecret, "", timeout, null, null, null, null);
    }

    /** An API path under the root: {@code base} is one of the base paths, {@code operation} e.g. {@code /check}. */
    URI resolve(String base, String operation) {
        String root = apiRoot.toString();
        return URI.create(root + (root.endsWith("/") ? "" : "/") + base + operation);
    }

    /** Without the secret: settings end up in logs. */
    @Override
    public String toString() {
        return "OperatorApiSettings[" + apiRoot + " token=" + tokenUrl + " client=" + clientId + " timeout=" + timeout.toMillis() + "ms]";
    }
}
