package io.tapbus.runtime.tickets;

import io.tapbus.connector.reader.CardWrite;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.payment.CardDeliveries;
import io.tapbus.runtime.write.WritePath;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Tickets issued to a universal card travel to it in the card writes of the card's next approved reader payment
 * (docs/tickets.md "Tickets on the card"): the signed ticket bytes as a TICKET write, after the balance. When the card
 * took one (CARD_WRITE_RESULT ok) the ticket is recorded "on card" once, in the write path, with the event
 * {@code ticket.on_card} to the seller; a repeated report changes nothing, a failed write leaves it pending for the next tap.
 */
public final class TicketDeliveries implements CardDeliveries {
    private final WritePath writes;
    private final TicketBook book;
    private final EventOutbox outbox;

    public TicketDeliveries(WritePath writes, TicketBook book, EventOutbox outbox) {
        this.writes = writes;
        this.book = book;
        this.outbox = outbox;
    }

    @Override
    public boolean delivers(CardWrite.Kind kind) {
        return kind == CardWrite.Kind.TICKET;
    }

    @Override
    public List<CardWrite> pending(String cardUid, int max) {
        if (!book.mayAwaitCard(cardUid)) {
            return List.of(); // no query on the payment path for a card that never had a ticket
        }
        writes.catchUp(); // a ticket issued a moment ago is in the table
        return book.awaitingCard(cardUid, Instant.now(), max).stream()
                .map(t -> CardWrite.ticket(t.ticketId(), HexFormat.of().withUpperCase().formatHex(Base64.getUrlDecoder().decode(t.payload()))))
                .toList();
    }

    @Override
    public String report(String paymentId, String cardUid, CardWrite.Kind kind, String ticketId, boolean ok) {
        if (!ok) {
            return "ticket not written: pending for the next tap";
        }
        return writes.execute(batch -> {
            TicketState t = book.state(batch, ticketId);
            if (t == null || cardUid == null || !cardUid.equals(t.cardUid())) {
                return "no ticket " + ticketId + " for the payment's card: nothing recorded";
            }
            if (t.onCardAt() != null) {
                return "ticket on the card since " + t.onCardAt() + " (payment " + t.onCardPayment() + "): nothing changed";
            }
            TicketState onCard = t.onCard(paymentId, Instant.now());
            book.update(batch, onCard);
            Map<String, Object> data = TicketIssuer.facts(onCard);
            data.put("onCardAt", onCard.onCardAt().toString());
            data.put("paymentId", paymentId);
            outbox.add(batch, BusinessEvent.of("ticket.on_card", ticketId + ":on-card", ticketId, t.sellerId(), data));
            return "ticket recorded on the card";
        });
    }
}
