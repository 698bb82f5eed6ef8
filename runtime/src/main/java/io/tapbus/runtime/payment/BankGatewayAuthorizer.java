package io.tapbus.runtime.payment;

import io.tapbus.runtime.bank.BankGateway;
import io.tapbus.runtime.bank.BankRequest;
import io.tapbus.runtime.bank.BankResult;

/** Bank-funded card payments through the ISO 8583 bank gateway: a financial request (0200) per payment. */
public final class BankGatewayAuthorizer implements BankAuthorizer {
    private final BankGateway gateway;

    public BankGatewayAuthorizer(BankGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public BankAnswer authorize(BankCall call) {
        BankResult result = gateway.authorize(new BankRequest(BankRequest.Kind.FINANCIAL, call.paymentId(), call.pan(), call.psn(), null,
                call.amountMinor(), java.util.Currency.getInstance(call.currency()).getNumericCodeAsString(), call.merchantId(), terminalId(call.terminalId()), call.iccDataHex()));
        return switch (result.outcome()) {
            case APPROVED -> new BankAnswer("APPROVED", result.responseCode(), result.authCode());
            case DECLINED, FORMAT_ERROR -> new BankAnswer("DECLINED", result.responseCode(), null);
            case TIMED_OUT -> new BankAnswer("TIMED_OUT", null, null);
            case UNAVAILABLE -> new BankAnswer("UNAVAILABLE", null, null);
        };
    }

    @Override
    public void reverse(String paymentId) {
        gateway.reverse(paymentId);
    }

    /** Field 41 holds 8 characters with the configured prefix: the last 6 of the reader or terminal id. */
    static String terminalId(String id) {
        String clean = id == null ? "PHONE" : id.replaceAll("[^A-Za-z0-9]", "");
        return clean.length() <= 6 ? clean : clean.substring(clean.length() - 6);
    }
}
