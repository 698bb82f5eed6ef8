package io.tapbus.connector.operator;

/** The three CAMARA clients of one operator, sharing its HTTP client and token. */
public final class OperatorApis {
    private final CamaraHttp http;
    private final SimSwapClient simSwap;
    private final NumberVerificationClient numberVerification;
    private final CarrierBillingClient carrierBilling;

    public OperatorApis(OperatorApiSettings settings) {
        this.http = new CamaraHttp(settings);
        this.simSwap = new SimSwapClient(http);
        this.numberVerification = new NumberVerificationClient(http);
        this.carrierBilling = new CarrierBillingClient(http);
    }

    public SimSwapClient simSwap() {
        return simSwap;
    }

    public NumberVerificationClient numberVerification() {
        return numberVerification;
    }

    public CarrierBillingClient carrierBilling() {
        return carrierBilling;
    }

    public AccessTokens tokens() {
        return http.tokens();
    }

    public OperatorApiSettings settings() {
        return http.settings();
    }
}
