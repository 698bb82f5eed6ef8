package io.tapbus.samples.daylife;

import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.ReaderKeys;
import io.tapbus.connector.reader.ticket.GateAnswer;
import io.tapbus.connector.reader.ticket.GateValidation;
import io.tapbus.connector.reader.ticket.SignedTicket;
import io.tapbus.connector.reader.ticket.TicketKeys;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * On the metro: a ride bought from the stored value, a gate on the reader port opens once and refuses the second pass;
 * a second ride passes a gate that is offline (it checks the signature with the public key it holds) and syncs later.
 */
final class TransitSteps {
    static final String SELLER = "metro-sh";
    private static final long PRICE = 400;
    private final Day day;

    TransitSteps(Day day) {
        this.day = day;
    }

    private String buy(String order) throws Exception {
        Instant now = Instant.now();
        Rest.Reply r = day.rest.post("/tickets", day.token(SELLER), "{\"idempotencyKey\":" + Rest.q(order) + ",\"kind\":\"RIDE\","
                + "\"product\":\"METRO-SINGLE\",\"zones\":\"1,2\",\"validFrom\":\"" + now.minusSeconds(600) + "\",\"validUntil\":\""
                + now.plusSeconds(86_400) + "\",\"priceMinor\":" + PRICE + ",\"accountId\":" + Rest.q(day.accountId) + "}");
        if (r.status() != 201) {
            throw new IOException("ticket sale: HTTP " + r.status() + " " + r.text());
        }
        day.spent += PRICE;
        return r.text();
    }

    private ReaderClient gate(String readerId) throws IOException {
        byte[] master = ReaderKeys.readHexKeyFile(day.home().resolve("config/demo-keys/reader-master.hex"));
        return new ReaderClient(day.options.readerHost(), day.options.readerPort(), readerId, ReaderKeys.diversify(master, readerId));
    }

    private static byte[] payload(String ticketJson) throws IOException {
        return Base64.getUrlDecoder().decode(Rest.JSON.readTree(ticketJson).path("payload").asText());
    }

    /** The ride opens the online gate; the same ticket again is refused (ALREADY_USED). */
    void rideThroughAGate() throws Exception {
        String ticket = buy("day-ride-" + day.run);
        String ticketId = Rest.JSON.readTree(ticket).path("ticketId").asText();
        byte[] bytes = payload(ticket);
        try (ReaderClient gate = gate("R-DEMO-1")) {
            GateAnswer first = validate(gate, new GateValidation("V-" + day.run + "-1", bytes, "L-PEOPLES-SQ-IN", "1", Instant.now()));
            GateAnswer second = validate(gate, new GateValidation("V-" + day.run + "-2", bytes, "L-PEOPLES-SQ-IN", "1", Instant.now()));
            boolean ok = "OPEN".equals(first.outcome()) && "REFUSED".equals(second.outcome()) && second.reasons().contains("ALREADY_USED");
            day.report.step("ticket at a gate", ok, "bought ride " + ticketId + " for " + Day.cny(PRICE) + "; gate R-DEMO-1: "
                    + first.outcome() + " (uses left " + first.usesLeft() + "), second pass: " + second.outcome() + " " + second.reasons());
        }
    }

    /** An offline gate lets a second ride through on the signature alone, then uploads the validation: COUNTED. */
    void offlineGateSyncsLater() throws Exception {
        String ticket = buy("day-ride-offline-" + day.run);
        String ticketId = Rest.JSON.readTree(ticket).path("ticketId").asText();
        byte[] bytes = payload(ticket);
        TicketKeys gateKeys = TicketKeys.gate(day.home().resolve("config/demo-keys/ticket-gate-keys.txt"));
        TicketKeys.Check check = gateKeys.check(SignedTicket.decode(bytes));
        Instant passedAt = Instant.now();
        GateValidation offline = new GateValidation("V-" + day.run + "-OFF", bytes, "L-LUJIAZUI-IN", "2", passedAt);
        try (ReaderClient gate = gate("R-DEMO-2")) {
            ReaderFrame reply = gate.send(FrameType.TICKET_SYNC, gate.nextSequence(), GateValidation.syncBody(List.of(offline)));
            if (reply.type() != FrameType.TICKET_SYNC_ACK) {
                throw new IOException("TICKET_SYNC answered " + reply.type() + " " + reply.bodyText());
            }
            GateAnswer result = GateAnswer.parseSyncAck(reply.body()).get(0);
            boolean ok = check == TicketKeys.Check.VALID && "COUNTED".equals(result.outcome());
            day.report.step("offline gate, sync", ok, "ride " + ticketId + " at offline gate R-DEMO-2: signature " + check
                    + ", gate opened at " + passedAt + "; on reconnect TICKET_SYNC: " + result.outcome()
                    + (result.reasons().isEmpty() ? "" : " " + result.reasons()));
        }
    }

    private static GateAnswer validate(ReaderClient gate, GateValidation v) throws Exception {
        ReaderFrame reply = gate.send(FrameType.TICKET_VALIDATE, gate.nextSequence(), v.validateBody());
        if (reply.type() != FrameType.TICKET_RESULT) {
            throw new IOException("TICKET_VALIDATE answered " + reply.type() + " " + reply.bodyText());
        }
        return GateAnswer.parse(reply.body());
    }
}
