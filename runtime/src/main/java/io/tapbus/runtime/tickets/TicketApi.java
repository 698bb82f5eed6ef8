package io.tapbus.runtime.tickets;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tapbus.connector.reader.ticket.Base45;
import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.api.ApiSecurity;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.api.Principal;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * REST for ticket sellers (role {@code ticket-seller}; {@code admin} sees and refunds any): sell a ticket, read it,
 * refund it while unused. The answer carries the signed ticket for the phone (base64url and the QR code's Base45
 * text), when the ticket goes onto a universal card, the card write a reader performs (kind TICKET), and when it goes
 * to a phone (delivery PHONE), the state of its MMS and of its SMS fallback.
 */
public final class TicketApi {
    public static final String ROLE = "ticket-seller";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern CARD = Pattern.compile("[0-9A-Fa-f]{8}|[0-9A-Fa-f]{14}|[0-9A-Fa-f]{20}");

    private final TicketIssuer issuer;
    private static final Pattern MSISDN = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final TicketBook book;
    private final TicketPhones phones;
    private final Json json;

    public TicketApi(TicketIssuer issuer, TicketBook book, TicketPhones phones, Json json) {
        this.issuer = issuer;
        this.book = book;
        this.phones = phones;
        this.json = json;
    }

    public record NewTicket(String idempotencyKey, String kind, String product, String zones, Instant validFrom, Instant validUntil,
                            Integer uses, Long priceMinor, String currency, String accountId, String cardUid, String delivery,
                            String msisdn) {}

    /** The card write a reader performs to put the ticket on the universal card (docs/reader-protocol.md §12.2). */
    public record CardWriteView(String kind, String id, String data) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TicketView(String ticketId, String status, String kind, String product, String zones, Instant validFrom,
                             Instant validUntil, int uses, int usesLeft, long priceMinor, String currency, String accountId,
                             String cardUid, String keyId, String payload, String qr, CardWriteView cardWrite, String lastLine,
                             Instant lastUsedAt, Instant createdAt, Instant onCardAt, String onCardPayment,
                             TicketPhones.Delivery phone) {
        static TicketView of(TicketState t, TicketPhones.Delivery phone) {
            byte[] bytes = Base64.getUrlDecoder().decode(t.payload());
            return new TicketView(t.ticketId(), t.status(), t.kind(), t.product(), t.zones(), t.validFrom(), t.validUntil(), t.uses(),
                    t.usesLeft(), t.priceMinor(), t.currency(), t.accountId(), t.cardUid(), t.keyId(), t.payload(),
                    "B45:" + Base45.encode(bytes),
                    t.cardUid() == null ? null : new CardWriteView("TICKET", t.ticketId(), HexFormat.of().withUpperCase().formatHex(bytes)),
                    t.lastLine(), t.lastUsedAt(), t.createdAt(), t.onCardAt(), t.onCardPayment(), phone);
        }
    }

    public void issue(Exchange exchange) throws IOException {
        Principal seller = ApiSecurity.require(exchange, ROLE);
        NewTicket req = json.read(exchange, NewTicket.class);
        if (req.idempotencyKey() == null || !KEY.matcher(req.idempotencyKey()).matches()) {
            throw ApiProblem.badRequest("idempotencyKey is required: 1 to 64 characters of [A-Za-z0-9._:-]");
        }
        if (req.kind() == null || !Map.of("EVENT", 1, "RIDE", 1, "PASS", 1).containsKey(req.kind())) {
            throw ApiProblem.badRequest("kind must be EVENT, RIDE or PASS");
        }
        if (req.product() == null || req.zones() == null || req.validFrom() == null || req.validUntil() == null) {
            throw ApiProblem.badRequest("product, zones, validFrom and validUntil are required");
        }
        int uses = req.uses() == null ? ("PASS".equals(req.kind()) ? 0 : 1) : req.uses();
        if ("PASS".equals(req.kind()) != (uses == 0)) {
            throw ApiProblem.badRequest("uses must be 0 (no limit) for a PASS and 1 to 65535 for EVENT and RIDE tickets");
        }
        if (req.cardUid() != null && !CARD.matcher(req.cardUid()).matches()) {
            throw ApiProblem.badRequest("cardUid must be 8, 14 or 20 hex digits");
        }
        boolean toPhone = "PHONE".equals(req.delivery());
        if (req.delivery() != null && !toPhone && !"CARD".equals(req.delivery())) {
            throw ApiProblem.badRequest("delivery must be CARD or PHONE");
        }
        if (toPhone != (req.msisdn() != null) || (toPhone && !MSISDN.matcher(req.msisdn()).matches())) {
            throw ApiProblem.badRequest("delivery PHONE needs msisdn, an E.164 number such as +8613800138000 (and only it)");
        }
        TicketIssuer.Issued issued = issuer.issue(new TicketIssuer.Order(seller.partnerId(), req.idempotencyKey(), req.kind(),
                req.product(), req.zones(), req.validFrom(), req.validUntil(), uses, req.priceMinor() == null ? 0 : req.priceMinor(),
                req.currency() == null ? "CNY" : req.currency(), req.accountId(),
                req.cardUid() == null ? null : req.cardUid().toUpperCase(java.util.Locale.ROOT), req.msisdn()));
        json.reply(exchange, issued.created() ? 201 : 200, view(issued.ticket()));
    }

    public void get(Exchange exchange) throws IOException {
        Principal caller = ApiSecurity.require(exchange, ROLE, Principal.ADMIN);
        String id = exchange.getMessage().getHeader("ticketId", String.class);
        TicketState t = book.find(id).filter(x -> caller.isAdmin() || x.sellerId().equals(caller.partnerId()))
                .orElseThrow(() -> ApiProblem.notFound("ticket " + id));
        json.reply(exchange, 200, view(t));
    }

    public void refund(Exchange exchange) throws IOException {
        Principal caller = ApiSecurity.require(exchange, ROLE, Principal.ADMIN);
        String id = exchange.getMessage().getHeader("ticketId", String.class);
        json.reply(exchange, 200, view(issuer.refund(caller.partnerId(), caller.isAdmin(), id)));
    }

    private TicketView view(TicketState t) {
        return TicketView.of(t, phones.delivery(t.ticketId()));
    }
}
