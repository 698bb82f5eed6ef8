package io.tapbus.runtime.api;

import io.tapbus.runtime.app.AppDevices;
import io.tapbus.runtime.payment.PaymentCommand;
import io.tapbus.runtime.payment.PaymentService;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.TransactionQueries;
import io.tapbus.runtime.platform.UserService;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * REST for the phone app's user (device token): their cards, accounts and history, blocking a card, payments and their
 * step-up answer, and consents. Only the user's own: anything else is a 404. Payments go through the same
 * {@link PaymentService} as the issuer's phone payments (channel PHONE), so the same rules and step-ups apply.
 */
public final class AppAccountApi {
    private final UserService users;
    private final LedgerService ledger;
    private final TransactionQueries queries;
    private final PaymentService payments;
    private final Json json;
    private final HistoryView view;

    public AppAccountApi(UserService users, LedgerService ledger, TransactionQueries queries, PaymentService payments,
            Json json) {
        this.users = users;
        this.ledger = ledger;
        this.queries = queries;
        this.payments = payments;
        this.json = json;
        this.view = new HistoryView(json.mapper());
    }

    /** {@code fundingSource}: CARD (the default, the card's own funding) or CARRIER_BILLING (the phone bill). */
    public record AppPayment(String merchantId, Long amountMinor, String currency, String qr, String idempotencyKey,
            String fundingSource) {}

    public void cards(Exchange exchange) throws IOException {
        AppDevices.Device d = AppApi.device(exchange);
        json.reply(exchange, 200, Map.of("cards", users.cardsOf(d.userId())));
    }

    public void accounts(Exchange exchange) throws IOException {
        AppDevices.Device d = AppApi.device(exchange);
        List<LedgerService.Account> accounts = users.cardsOf(d.userId()).stream().map(UserService.Card::accountId)
                .distinct().map(ledger::find).flatMap(java.util.Optional::stream).toList();
        json.reply(exchange, 200, Map.of("accounts", accounts));
    }

    public void history(Exchange exchange) throws IOException {
        UserService.Card card = ownCard(exchange);
        int limit = exchange.getMessage().getHeader("limit", 100, Integer.class);
        json.reply(exchange, 200, Map.of("cardUid", card.cardUid(),
                "transactions", view.rows(queries.cardHistory(card.cardUid(), null, limit))));
    }

    public void block(Exchange exchange) throws IOException {
        AppDevices.Device d = AppApi.device(exchange);
        UserService.Card card = ownCard(exchange);
        // the card.status event is written with the change (UserService, CardStatusEvents)
        json.reply(exchange, 200, users.changeStatus(card.cardUid(), "BLOCKED", "app:" + d.tokenId()));
    }

    public void pay(Exchange exchange) throws IOException {
        AppDevices.Device d = AppApi.device(exchange);
        AppPayment req = json.read(exchange, AppPayment.class);
        String key = req.idempotencyKey() != null ? req.idempotencyKey() : exchange.getMessage().getHeader("Idempotency-Key", String.class);
        if (key == null || key.isBlank()) {
            throw ApiProblem.badRequest("give an idempotencyKey (or an Idempotency-Key header): a repeated request then pays once");
        }
        String merchant = req.merchantId();
        Long amount = req.amountMinor();
        String currency = req.currency();
        if (req.qr() != null) {
            Map<String, String> qr = PaymentApi.qr(req.qr());
            merchant = qr.get("merchant");
            amount = qr.containsKey("amount") ? parseAmount(qr.get("amount")) : amount;
            currency = qr.getOrDefault("currency", currency);
        }
        if (merchant == null || amount == null) {
            throw ApiProblem.badRequest("give merchantId and amountMinor, or a QR payload that names them");
        }
        if (amount <= 0) {
            throw ApiProblem.badRequest("amountMinor must be a positive whole number of minor units (fen), was " + amount);
        }
        String funding = PaymentApi.fundingSource(req.fundingSource());
        json.reply(exchange, 200, payments.pay(new PaymentCommand("PHONE", "app:" + d.userId() + ":" + key, merchant,
                null, null, null, null, null, null, null, d.msisdn(), amount, currency == null ? "CNY" : currency, false,
                funding)));
    }

    public void payment(Exchange exchange) throws IOException {
        AppDevices.Device d = AppApi.device(exchange);
        String id = exchange.getMessage().getHeader("paymentId", String.class);
        json.reply(exchange, 200, payments.findOfHolder(id, d.msisdn()).orElseThrow(() -> ApiProblem.notFound("payment " + id)));
    }

    public void confirm(Exchange exchange) throws IOException {
        AppDevices.Device d = AppApi.device(exchange);
        json.reply(exchange, 200, payments.confirm(exchange.getMessage().getHeader("paymentId", String.class), d.msisdn()));
    }

    public void refuse(Exchange exchange) throws IOException {
        AppDevices.Device d = AppApi.device(exchange);
        json.reply(exchange, 200, payments.refuse(exchange.getMessage().getHeader("paymentId", String.class), d.msisdn()));
    }

    public void consents(Exchange exchange) throws IOException {
        AppDevices.Device d = AppApi.device(exchange);
        json.reply(exchange, 200, Map.of("consents", users.consents(d.userId())));
    }

    public void recordConsent(Exchange exchange) throws IOException {
        AppDevices.Device d = AppApi.device(exchange);
        CardApi.ConsentChange req = json.read(exchange, CardApi.ConsentChange.class);
        if (req.granted() == null) {
            throw ApiProblem.badRequest("granted (true or false) is required");
        }
        users.recordConsent(d.userId(), req.purpose(), req.granted(), "app:" + d.tokenId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("consents", users.consents(d.userId()));
        json.reply(exchange, 201, out);
    }

    private UserService.Card ownCard(Exchange exchange) {
        AppDevices.Device d = AppApi.device(exchange);
        String uid = UserService.normalizeCardUid(exchange.getMessage().getHeader("cardUid", String.class));
        return users.findCard(uid).filter(c -> d.userId().equals(c.userId()))
                .orElseThrow(() -> ApiProblem.notFound("card"));
    }

    private static long parseAmount(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("the QR amount must be a whole number of minor units (fen)");
        }
    }
}
