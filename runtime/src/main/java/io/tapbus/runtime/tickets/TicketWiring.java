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
 * overview) and {@code ticketDeliveries} (tickets delivered to universal cards in the card writes of reader payments;
 * returned for the payment flow).
 */
public final class TicketWiring {
    private TicketWiring() {
    }

    /** @param signingKeys the issuer's signing key file; {@code gateKeys} the public keys gates and the bus check with */
    public static TicketDeliveries bind(Registry registry, Jdbi jdbi, WritePath writes, LedgerService ledger, EventOutbox outbox, RuleEngine rules,
                            DecisionRecords records, ReaderRegistry readers, Json json, Path signingKeys, Path gateKeys) throws IOException {
        TicketKeys keys = TicketKeys.issuer(signingKeys, gateKeys);
        TicketBook book = new TicketBook(jdbi);
        registry.bind("ticketGates", new TicketGates(writes, book, new TicketValidations(jdbi), new TicketDecisions(rules), records,
                outbox, keys, readers));
        registry.bind("ticketApi", new TicketApi(new TicketIssuer(writes, book, ledger, outbox, keys), book, json));
        registry.bind("cardTickets", new CardTickets(jdbi, writes, book));
        TicketDeliveries deliveries = new TicketDeliveries(writes, book, outbox);
        registry.bind("ticketDeliveries", deliveries);
        return deliveries;
    }
}
