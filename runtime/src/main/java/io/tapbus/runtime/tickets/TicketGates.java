package io.tapbus.runtime.tickets;

import io.tapbus.connector.reader.ErrorCode;
import io.tapbus.connector.reader.FrameException;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.ReaderFrameCodec;
import io.tapbus.connector.reader.ticket.GateAnswer;
import io.tapbus.connector.reader.ticket.GateValidation;
import io.tapbus.connector.reader.ticket.SignedTicket;
import io.tapbus.connector.reader.ticket.TicketKeys;
import io.tapbus.rules.Decision;
import io.tapbus.runtime.decisions.DecisionRecords;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.platform.ReaderRegistry;
import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.WritePath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;

/**
 * Gates on the reader port (docs/reader-protocol.md §14). TICKET_VALIDATE: a ticket presented at an online gate is
 * checked (signature with the gate keys, then the ticket-validation rules on the ticket's writer-held state) and, when
 * the gate may open, one use is counted in the same write unit; two gates racing on a ticket's last use are decided one
 * after the other, so one opens. TICKET_SYNC: an offline gate uploads what it let through; each validation is counted
 * once (per gate and validation id), and a ticket that had no use left is reported as {@code ticket.double_use}.
 */
public final class TicketGates {
    private final WritePath writes;
    private final TicketBook book;
    private final TicketValidations validations;
    private final TicketDecisions decisions;
    private final DecisionRecords records;
    private final EventOutbox outbox;
    private final TicketKeys keys;
    private final ReaderRegistry readers;

    public TicketGates(WritePath writes, TicketBook book, TicketValidations validations, TicketDecisions decisions,
                       DecisionRecords records, EventOutbox outbox, TicketKeys keys, ReaderRegistry readers) {
        this.writes = writes;
        this.book = book;
        this.validations = validations;
        this.decisions = decisions;
        this.records = records;
        this.outbox = outbox;
        this.keys = keys;
        this.readers = readers;
    }

    /** TICKET_VALIDATE → TICKET_RESULT; answered when the use is durable. */
    public CompletableFuture<byte[]> validate(ReaderFrame frame, Exchange exchange) throws FrameException {
        GateValidation v = parse(frame, () -> GateValidation.parseValidate(frame.body()));
        SignedTicket ticket = ticket(frame, v);
        TicketKeys.Check check = keys.check(ticket);
        Instant now = Instant.now();
        TicketState seen = book.find(ticket.ticketId()).orElse(null);
        Decision early = decisions.decide(ticket, check, seen, v, now, false);
        validations.warm(frame.readerId(), v.validationId());
        return writes.submit(batch -> judge(batch, frame.readerId(), v, ticket, check, seen, early, now, false))
                .thenApply(answer -> reply(frame, FrameType.TICKET_RESULT, answer.toJson()));
    }

    /** TICKET_SYNC → TICKET_SYNC_ACK: the validations an offline gate made, in the order given. */
    public CompletableFuture<byte[]> sync(ReaderFrame frame, Exchange exchange) throws FrameException {
        List<GateValidation> list = parse(frame, () -> GateValidation.parseSync(frame.body()));
        List<SignedTicket> tickets = new ArrayList<>();
        for (GateValidation v : list) {
            tickets.add(ticket(frame, v));
        }
        List<TicketKeys.Check> checks = tickets.stream().map(keys::check).toList();
        for (int i = 0; i < list.size(); i++) {
            validations.warm(frame.readerId(), list.get(i).validationId());
            book.find(tickets.get(i).ticketId());
        }
        return writes.submit(batch -> {
            List<GateAnswer> answers = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                answers.add(judge(batch, frame.readerId(), list.get(i), tickets.get(i), checks.get(i), null, null, list.get(i).at(), true));
            }
            return answers;
        }).thenApply(answers -> reply(frame, FrameType.TICKET_SYNC_ACK, GateAnswer.syncAck(answers)));
    }

    /** In the writer: the earlier answer to this validation id, or the decision on the ticket's state now, and its effects. */
    private GateAnswer judge(Batch batch, String readerId, GateValidation v, SignedTicket ticket, TicketKeys.Check check,
                             TicketState seen, Decision early, Instant now, boolean offline) {
        TicketValidations.Recorded earlier = validations.earlier(batch, readerId, v.validationId());
        if (earlier != null) {
            return earlier.answer(v.validationId(), true);
        }
        TicketState state = book.state(batch, ticket.ticketId());
        // decided on facts read before the writer got here; decided again when another gate changed the ticket meanwhile
        Decision d = early != null && Objects.equals(seen, state) ? early : decisions.decide(ticket, check, state, v, now, offline);
        boolean approved = Decision.APPROVED.equals(d.getVerdict());
        List<String> reasons = d.reasonCodes();
        String outcome;
        Integer usesLeft = state == null ? null : state.usesLeft();
        if (approved) {
            TicketState used = state.used(v.gateLine(), now);
            book.update(batch, used);
            usesLeft = used.usesLeft();
            outcome = offline ? "COUNTED" : "OPEN";
        } else {
            outcome = offline && reasons.contains("ALREADY_USED") ? "DOUBLE_USE" : "REFUSED";
        }
        records.record(batch, d, d.getVerdict(), d.getReasons(), v.validationId());
        validations.record(batch, readerId, v.validationId(), new TicketValidations.Recorded(ticket.ticketId(), v.gateLine(), v.zone(),
                v.at(), offline, outcome, reasons, usesLeft, d.getDecisionId()));
        if (state != null && (approved || "DOUBLE_USE".equals(outcome))) {
            Map<String, Object> data = TicketIssuer.facts(approved ? book.state(batch, ticket.ticketId()) : state);
            data.put("readerId", readerId);
            data.put("validationId", v.validationId());
            data.put("gateLine", v.gateLine());
            data.put("zone", v.zone());
            data.put("validatedAt", v.at().toString());
            data.put("offline", offline);
            if (!approved) {
                data.put("reason", "ALREADY_USED: the ticket had no use left when this offline validation was uploaded; last use at line "
                        + state.lastLine() + " at " + state.lastUsedAt() + "; not counted");
            }
            outbox.add(batch, BusinessEvent.of(approved ? "ticket.validated" : "ticket.double_use", v.validationId(), ticket.ticketId(),
                    state.sellerId(), data));
        }
        return new GateAnswer(v.validationId(), outcome, ticket.ticketId(), reasons, usesLeft, d.getDecisionId(), false);
    }

    private interface Parse<T> {
        T get();
    }

    private static <T> T parse(ReaderFrame frame, Parse<T> parse) throws FrameException {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new FrameException(ErrorCode.BAD_BODY, e.getMessage(), frame.readerId(), frame.sequence());
        }
    }

    private static SignedTicket ticket(ReaderFrame frame, GateValidation v) throws FrameException {
        try {
            return SignedTicket.decode(v.ticket());
        } catch (IllegalArgumentException e) {
            throw new FrameException(ErrorCode.BAD_BODY, "ticket of validation " + v.validationId() + " is not a ticket: " + e.getMessage(),
                    frame.readerId(), frame.sequence());
        }
    }

    private byte[] reply(ReaderFrame frame, FrameType type, byte[] body) {
        byte[] key = readers.entry(frame.readerId()).orElseThrow().key();
        return ReaderFrameCodec.encode(type, frame.sequence(), frame.readerId(), body, key);
    }
}
