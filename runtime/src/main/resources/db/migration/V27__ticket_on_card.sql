-- Tickets written to the universal card (docs/tickets.md "Tickets on the card"): when the card took the ticket, in which
-- payment's card writes. Written only by io.tapbus.runtime.tickets.TicketBook, once per ticket.
ALTER TABLE ticket ADD COLUMN on_card_at TIMESTAMP;
ALTER TABLE ticket ADD COLUMN on_card_payment VARCHAR(64);
CREATE INDEX ticket_card ON ticket(card_uid, status);
