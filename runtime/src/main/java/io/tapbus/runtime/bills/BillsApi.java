package io.tapbus.runtime.bills;

import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.api.ApiSecurity;
import io.tapbus.runtime.api.AppApi;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.api.Principal;
import io.tapbus.runtime.app.AppDevices;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Exchange;

/**
 * REST of utility bills (routes/flows/api-bills.camel.yaml): the biller registry (admin) and, in the phone app, bill
 * inquiry and payment from the user's stored value. docs/bills.md.
 */
public final class BillsApi {
    private final BillerRegistry billers;
    private final BillPayments bills;
    private final Json json;

    BillsApi(BillerRegistry billers, BillPayments bills, Json json) {
        this.billers = billers;
        this.bills = bills;
        this.json = json;
    }

    public record NewBiller(String billerId, String category, String inquiryUrl) {}

    public void registerBiller(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN);
        NewBiller req = json.read(exchange, NewBiller.class);
        if (req.billerId() == null) {
            throw ApiProblem.badRequest("billerId (a partner of kind MERCHANT) is required");
        }
        json.reply(exchange, 201, billers.register(req.billerId(), req.category(), req.inquiryUrl()));
    }

    public void listBillers(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        json.reply(exchange, 200, Map.of("billers", billers.list()));
    }

    public void appBillers(Exchange exchange) throws IOException {
        device(exchange);
        json.reply(exchange, 200, Map.of("billers", billers.list()));
    }

    public void appInquire(Exchange exchange) throws IOException {
        device(exchange);
        json.reply(exchange, 200, mapped(() -> bills.inquire(header(exchange, "billerId"), header(exchange, "billRef"))));
    }

    public void appPay(Exchange exchange) throws IOException {
        AppDevices.Device d = device(exchange);
        json.reply(exchange, 201, mapped(() -> bills.pay(d.userId(), header(exchange, "billerId"), header(exchange, "billRef"))));
    }

    private static <T> T mapped(Supplier<T> call) {
        try {
            return call.get();
        } catch (BillRefusal r) {
            throw new ApiProblem(r.status(), r.kind(), r.getMessage());
        }
    }

    private static String header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }

    private static AppDevices.Device device(Exchange exchange) {
        AppDevices.Device d = exchange.getProperty(AppApi.DEVICE, AppDevices.Device.class);
        if (d == null) {
            throw ApiProblem.unauthorized("not authenticated");
        }
        return d;
    }
}
