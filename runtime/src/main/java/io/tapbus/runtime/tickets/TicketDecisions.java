package io.tapbus.runtime.tickets;

import io.tapbus.connector.reader.ticket.GateValidation;
import io.tapbus.connector.reader.ticket.SignedTicket;
import io.tapbus.connector.reader.ticket.TicketKeys;
import io.tapbus.rules.Decision;
import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.RuleEngine;
import io.tapbus.rules.ticket.TicketValidationInput;
import java.time.Duration;
import java.time.Instant;

/**
 * The facts of one ticket presentation and the ticket-validation decision on them. The signature facts come from the
 * ticket bytes (checked with the gate keys); the rest from the ticket's state as the writer holds it, or from the
 * bytes alone when the platform knows no such ticket.
 */
public final class TicketDecisions {
    private final RuleEngine rules;

    public TicketDecisions(RuleEngine rules) {
        this.rules = rules;
    }

    /** @param state the platform's ticket (null when it issued none with the ticket's id); {@code now} the decision's clock */
    public Decision decide(SignedTicket ticket, TicketKeys.Check check, TicketState state, GateValidation v, Instant now, boolean offline) {
        return rules.decide(DecisionCatalog.TICKET_VALIDATION, input(ticket, check, state, v, now, offline));
    }

    static TicketValidationInput input(SignedTicket ticket, TicketKeys.Check check, TicketState state, GateValidation v, Instant now,
                                       boolean offline) {
        TicketValidationInput in = new TicketValidationInput();
        in.setTicketId(ticket.ticketId());
        in.setKind(ticket.kind().name());
        in.setProduct(ticket.product());
        in.setKeyKnown(check != TicketKeys.Check.UNKNOWN_KEY);
        in.setSignatureValid(check == TicketKeys.Check.VALID);
        in.setTicketKnown(state != null);
        in.setZones(ticket.zones());
        in.setGateZone(v.zone());
        in.setGateLine(v.gateLine());
        in.setNow(now.getEpochSecond());
        in.setValidFrom(ticket.validFrom());
        in.setValidUntil(ticket.validUntil());
        in.setUsesLeft(ticket.uses() == 0 ? -1 : ticket.uses());
        in.setOffline(offline);
        if (state != null) {
            in.setStatus(state.status());
            in.setUsesLeft(state.usesLeft());
            in.setLastLine(state.lastLine());
            if (state.lastUsedAt() != null) {
                in.setSecondsSinceLastUse(Math.max(0, Duration.between(state.lastUsedAt(), now).getSeconds()));
            }
        }
        return in;
    }
}
