package io.tapbus.runtime.tickets;

import io.tapbus.connector.reader.ticket.SignedTicket;
import io.tapbus.connector.reader.ticket.TicketKeys;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.runtime.platform.Transactions;
import io.tapbus.runtime.write.WritePath;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sells and refunds e-tickets for ticket sellers. A ticket is signed with the issuer key (ECDSA P-256), paid from a
 * stored-value account to the seller's settlement account in the same write unit that stores it (or free, price 0),
 * and reported to the seller as {@code ticket.issued}. A refund of an unused ticket pays the price back to the account
 * it came from, once ({@code ticket.refunded}); a used, refunded or revoked ticket is refused with the reason.
 */
public final class TicketIssuer {
    /**
     * What a seller asks for; {@code accountId} pays (required when the price is above 0); {@code msisdn} (E.164), when
     * given, is the phone the ticket goes to by MMS (delivery PHONE).
     */
    public record Order(String sellerId, String idempotencyKey, String kind, String product, String zones, Instant validFrom,
                        Instant validUntil, int uses, long priceMinor, String currency, String accountId, String cardUid,
                        String msisdn) {}

    /** A ticket and whether this call made it (false: an earlier call with the same idempotency key did). */
    public record Issued(TicketState ticket, boolean created) {}

    private final WritePath writes;
    private final TicketBook book;
    private final LedgerService ledger;
    private final EventOutbox outbox;
    private final TicketKeys keys;
    private final TicketPhones phones;

    public TicketIssuer(WritePath writes, TicketBook book, LedgerService ledger, EventOutbox outbox, TicketKeys keys,
                        TicketPhones phones) {
        this.phones = phones;
        this.writes = writes;
        this.book = book;
        this.ledger = ledger;
        this.outbox = outbox;
        this.keys = keys;
    }

    public Issued issue(Order o) {
        String keyId = keys.signingKeyId().orElseThrow(() -> new DomainError(DomainError.Code.SYSTEM_UNAVAILABLE,
                "no ticket signing key is configured (tapbus.keys.ticket-signing-file)"));
        if (o.priceMinor() < 0 || o.priceMinor() > 100_000_00L) {
            throw DomainError.invalid("priceMinor must be 0 to 10000000");
        }
        if (o.priceMinor() > 0 && (o.accountId() == null || o.accountId().isBlank())) {
            throw DomainError.invalid("accountId is required when priceMinor is above 0: the ticket is paid from that account");
        }
        if (!"CNY".equals(o.currency())) {
            throw DomainError.invalid("currency must be CNY");
        }
        if (o.msisdn() != null) {
            phones.checkReady();
        }
        String ticketId = "TK-" + UUID.randomUUID().toString().replace("-", "");
        SignedTicket signed;
        try {
            signed = keys.sign(new SignedTicket(keyId, ticketId, SignedTicket.Kind.valueOf(o.kind()), o.product(), o.zones(),
                    o.validFrom().getEpochSecond(), o.validUntil().getEpochSecond(), o.uses(), null));
        } catch (IllegalArgumentException e) {
            throw DomainError.invalid(e.getMessage());
        }
        int usesLeft = o.uses() == 0 ? -1 : o.uses();
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(signed.encode());
        return writes.execute(batch -> {
            String earlier = book.issuedFor(batch, o.sellerId(), o.idempotencyKey());
            if (earlier != null) {
                return new Issued(book.state(batch, earlier), false);
            }
            Instant now = Instant.now();
            String txnId = null;
            if (o.priceMinor() > 0) {
                if (ledger.state(batch, PartnerService.merchantAccountId(o.sellerId())) == null) {
                    throw DomainError.conflict("seller " + o.sellerId() + " has no settlement account to be paid into:"
                            + " ticket sellers that charge are partners of kind MERCHANT");
                }
                txnId = Transactions.newId();
                Transactions.record(batch, new Transactions.Txn(txnId, "TICKET", "ticket:" + o.sellerId() + ":" + o.idempotencyKey(),
                        o.cardUid(), o.sellerId(), null, o.priceMinor(), o.currency(), "APPROVED", null, ticketId, now));
                ledger.post(batch, txnId, List.of(new LedgerService.Line(o.accountId(), -o.priceMinor()),
                        new LedgerService.Line(PartnerService.merchantAccountId(o.sellerId()), o.priceMinor())));
            }
            TicketState t = new TicketState(ticketId, o.sellerId(), o.idempotencyKey(), o.kind(), o.product(), o.zones(), o.validFrom(),
                    o.validUntil(), o.uses(), usesLeft, TicketState.ISSUED, o.priceMinor(), o.currency(),
                    o.priceMinor() > 0 ? o.accountId() : null, o.cardUid(), keyId, payload, txnId, null, null, null, now, null, null);
            book.issue(batch, t);
            if (o.msisdn() != null) {
                try {
                    phones.send(batch, t, o.msisdn());
                } catch (IllegalArgumentException e) {
                    throw DomainError.invalid("msisdn: " + e.getMessage());
                }
            }
            Map<String, Object> data = facts(t);
            data.put("priceMinor", t.priceMinor());
            data.put("delivery", t.cardUid() == null ? "PHONE" : "CARD");
            outbox.add(batch, BusinessEvent.of("ticket.issued", ticketId, ticketId, o.sellerId(), data));
            return new Issued(t, true);
        });
    }

    /** Refunds an unused ticket of the seller: the price back to the account that paid, once. */
    public TicketState refund(String sellerId, boolean admin, String ticketId) {
        return writes.execute(batch -> {
            TicketState t = book.state(batch, ticketId);
            if (t == null || (!admin && !t.sellerId().equals(sellerId))) {
                throw DomainError.notFound("ticket " + ticketId);
            }
            if (!TicketState.ISSUED.equals(t.status())) {
                throw DomainError.conflict("ticket " + ticketId + " is " + t.status() + ": only an issued ticket is refunded");
            }
            if (!t.unused()) {
                throw DomainError.conflict("ticket " + ticketId + " was used at a gate (" + t.lastUsedAt() + "): only unused tickets are refunded");
            }
            String refundTxn = null;
            if (t.priceMinor() > 0) {
                refundTxn = Transactions.newId();
                Transactions.record(batch, new Transactions.Txn(refundTxn, "TICKET_REFUND", "ticket-refund:" + ticketId, t.cardUid(),
                        t.sellerId(), null, t.priceMinor(), t.currency(), "APPROVED", null, ticketId, Instant.now()));
                ledger.post(batch, refundTxn, List.of(new LedgerService.Line(PartnerService.merchantAccountId(t.sellerId()), -t.priceMinor()),
                        new LedgerService.Line(t.accountId(), t.priceMinor())));
            }
            TicketState refunded = t.refunded(refundTxn);
            book.update(batch, refunded);
            Map<String, Object> data = facts(refunded);
            data.put("refundedMinor", t.priceMinor());
            outbox.add(batch, BusinessEvent.of("ticket.refunded", ticketId, ticketId, t.sellerId(), data));
            return refunded;
        });
    }

    static Map<String, Object> facts(TicketState t) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticketId", t.ticketId());
        data.put("kind", t.kind());
        data.put("product", t.product());
        data.put("zones", t.zones());
        data.put("usesLeft", t.usesLeft());
        data.put("status", t.status());
        return data;
    }
}
