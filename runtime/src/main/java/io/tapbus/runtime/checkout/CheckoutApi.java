package io.tapbus.runtime.checkout;

import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.api.ApiSecurity;
import io.tapbus.runtime.api.AppApi;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.api.Principal;
import io.tapbus.runtime.api.ProblemResponder;
import io.tapbus.runtime.app.AppDevices;
import io.tapbus.runtime.domain.DomainError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * REST of online checkout (routes/flows/api-checkout.camel.yaml): web shops (role merchant) create, capture, refund and
 * cancel payments, each call under an {@code Idempotency-Key}; the payer confirms or refuses in the phone app (device
 * token); merchants register their webhook. docs/checkout.md.
 */
public final class CheckoutApi {
    private final CheckoutService checkout;
    private final CheckoutRequests requests;
    private final MerchantWebhooks webhooks;
    private final WebhookOutbox deliveries;
    private final ProblemResponder problems;
    private final Json json;

    CheckoutApi(CheckoutService checkout, MerchantWebhooks webhooks, WebhookOutbox deliveries, ProblemResponder problems, Json json) {
        this.checkout = checkout;
        this.requests = new CheckoutRequests(json);
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.problems = problems;
        this.json = json;
    }

    public record WebhookRegistration(String url) {}

    public void registerWebhook(Exchange exchange) throws IOException {
        String merchantId = ownMerchant(exchange);
        WebhookRegistration req = json.read(exchange, WebhookRegistration.class);
        json.reply(exchange, 201, webhooks.register(merchantId, req.url()));
    }

    public void webhookDeliveries(Exchange exchange) throws IOException {
        String merchantId = ownMerchant(exchange);
        json.reply(exchange, 200, Map.of("deliveries", deliveries.of(merchantId, 100)));
    }

    public void create(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.MERCHANT);
        CheckoutService.NewCheckout c = requests.newCheckout(p.partnerId(), exchange.getMessage().getBody(String.class));
        once(exchange, p, 201, checkout.create(c));
    }

    public void capture(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.MERCHANT);
        Long amount = requests.amount(exchange.getMessage().getBody(String.class), false);
        once(exchange, p, 200, checkout.capture(p.partnerId(), checkoutId(exchange), amount));
    }

    public void refund(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.MERCHANT);
        Long amount = requests.amount(exchange.getMessage().getBody(String.class), true);
        once(exchange, p, 200, checkout.refund(p.partnerId(), checkoutId(exchange), amount));
    }

    public void cancel(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.MERCHANT);
        once(exchange, p, 200, checkout.cancel(p.partnerId(), checkoutId(exchange)));
    }

    public void get(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.MERCHANT, Principal.ADMIN);
        String id = checkoutId(exchange);
        CheckoutPayment payment = checkout.find(id).filter(c -> p.isAdmin() || c.merchantId().equals(p.partnerId()))
                .orElseThrow(() -> ApiProblem.notFound("checkout " + id));
        json.reply(exchange, 200, CheckoutViews.of(payment));
    }

    public void appGet(Exchange exchange) throws IOException {
        AppDevices.Device d = device(exchange);
        String id = checkoutId(exchange);
        CheckoutPayment payment = checkout.find(id).filter(c -> c.userId().equals(d.userId()))
                .orElseThrow(() -> ApiProblem.notFound("checkout " + id));
        json.reply(exchange, 200, CheckoutViews.of(payment));
    }

    public void appConfirm(Exchange exchange) throws IOException {
        AppDevices.Device d = device(exchange);
        json.reply(exchange, 200, CheckoutViews.of(mapped(() -> checkout.confirm(checkoutId(exchange), d.userId()))));
    }

    public void appRefuse(Exchange exchange) throws IOException {
        AppDevices.Device d = device(exchange);
        json.reply(exchange, 200, CheckoutViews.of(mapped(() -> checkout.refuse(checkoutId(exchange), d.userId()))));
    }

    private void once(Exchange exchange, Principal p, int okStatus, java.util.function.Function<io.tapbus.runtime.write.Batch,
            CheckoutPayment> op) {
        String key = idempotencyKey(exchange);
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        String hash = hash(exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class) + " " + path + "\n"
                + exchange.getMessage().getBody(String.class));
        CheckoutService.Reply reply = mapped(() -> checkout.once(p.partnerId(), key, hash, okStatus, op, refusal -> {
            ApiProblem problem = problem(refusal);
            try {
                return new CheckoutService.Reply(problem.status(), problems.render(problem, path), false);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }));
        exchange.getMessage().removeHeaders("*", "breadcrumbId");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, reply.status() >= 400 ? ProblemResponder.CONTENT_TYPE : "application/json");
        exchange.getMessage().setHeader("Idempotent-Replayed", Boolean.toString(reply.replayed()));
        exchange.getMessage().setBody(reply.body());
    }

    private static <T> T mapped(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (CheckoutRefusal r) {
            throw problem(r);
        }
    }

    /** A refusal's problem: its own kind (refund-exceeds-capture, ...), 422 for a reused key. */
    static ApiProblem problem(DomainError e) {
        if (e instanceof CheckoutRefusal r) {
            int status = switch (r.code()) {
                case NOT_FOUND -> 404;
                case INVALID_INPUT -> 422;
                default -> 409;
            };
            return new ApiProblem(status, r.kind(), r.getMessage());
        }
        return ProblemResponder.toProblem(e);
    }

    private static String idempotencyKey(Exchange exchange) {
        String key = exchange.getMessage().getHeader("Idempotency-Key", String.class);
        if (key == null || key.isBlank() || key.length() > 64 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            throw ApiProblem.badRequest("an Idempotency-Key header (1-64 printable characters, no spaces) is required: a repeated call then"
                    + " answers the first outcome");
        }
        return key;
    }

    private static String ownMerchant(Exchange exchange) {
        Principal p = ApiSecurity.require(exchange, Principal.MERCHANT, Principal.ADMIN);
        String merchantId = exchange.getMessage().getHeader("merchantId", String.class);
        if (!p.isAdmin() && !p.partnerId().equals(merchantId)) {
            throw ApiProblem.forbidden("a merchant manages only its own webhook");
        }
        return merchantId;
    }

    private static String checkoutId(Exchange exchange) {
        return exchange.getMessage().getHeader("checkoutId", String.class);
    }

    private static AppDevices.Device device(Exchange exchange) {
        AppDevices.Device d = exchange.getProperty(AppApi.DEVICE, AppDevices.Device.class);
        if (d == null) {
            throw ApiProblem.unauthorized("not authenticated");
        }
        return d;
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
