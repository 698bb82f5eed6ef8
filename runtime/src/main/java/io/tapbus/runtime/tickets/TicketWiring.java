package io.tapbus.runtime.tickets;

import io.tapbus.connector.reader.ticket.TicketKeys;
import io.tapbus.rules.RuleEngine;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.decisions.DecisionRecords;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.ReaderRegistry;
import io.tapbus.runtime.write.WritePath;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.camel.spi.Registry;
import org.jdbi.v3.core.Jdbi;

/**
 * Binds the e-ticket beans: {@code ticketGates} (reader port), {@code ticketApi} (REST), {@code cardTickets} (account
 * overview), {@code ticketPhones} (tickets to the phone by MMS, connected
 * to the phone channels once they run) and {@code ticketDeliveries} (tickets delivered to universal cards in the card writes of reader payments;
 * returned for the payment flow).
 */
public final class TicketWiring {
    private TicketWiring() {
    }

    /** @param signingKeys the issuer's signing key file; {@code gateKeys} the public keys gates and the bus check with */
    public static TicketDeliveries bind(Registry registry, Jdbi jdbi, WritePath writes, LedgerService ledger, EventOutbox outbox, RuleEngine rules,
                            DecisionRecords records, ReaderRegistry readers, Json json, Path signingKeys, Path gateKeys,
                            io.tapbus.runtime.idempotency.KeyMemory keyMemory) throws IOException {
        TicketKeys keys = TicketKeys.issuer(signingKeys, gateKeys);
        TicketBook book = new TicketBook(jdbi, keyMemory);
        registry.bind("ticketGates", new TicketGates(writes, book, new TicketValidations(jdbi, keyMemory), new TicketDecisions(rules), records,
                outbox, keys, readers));
        TicketPhones phones = new TicketPhones(book);
        registry.bind("ticketPhones", phones);
        registry.bind("ticketApi", new TicketApi(new TicketIssuer(writes, book, ledger, outbox, keys, phones), book, phones, json));
        registry.bind("cardTickets", new CardTickets(jdbi, writes, book));
        TicketDeliveries deliveries = new TicketDeliveries(writes, book, outbox);
        registry.bind("ticketDeliveries", deliveries);
        return deliveries;
    }
}
