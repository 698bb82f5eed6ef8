package io.tapbus.runtime.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.reader.CardWrite;
import io.tapbus.connector.reader.CardWriteAck;
import io.tapbus.connector.reader.CardWriteResult;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.PaymentResponse;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.ticket.GateAnswer;
import io.tapbus.connector.reader.ticket.GateValidation;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A ticket issued to the universal card reaches it in the card writes of the card's next approved payment at a reader
 * (docs/tickets.md "Tickets on the card"), over the real reader socket with a simulated TapBus card: a write the card did
 * not take is sent again at the next tap, a write it took is recorded on card once (a repeated report changes nothing,
 * the ticket is not sent again), and a gate opens for the ticket it reads from the card.
 */
class TicketOnCardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningBus bus;
    private static String admin;
    private static String seller;
    private static CardAtReader card;

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus();
        admin = RunningBus.adminToken();
        HttpResponse<String> partner = bus.post("/partners", admin, "{\"partnerId\":\"metro-sh\",\"name\":\"Metro\",\"kind\":\"MERCHANT\"}");
        assertThat(partner.statusCode()).as(partner.body()).isEqualTo(201);
        seller = bus.partnerToken("metro-sh", "ticket-seller");
        String account = JSON.readTree(bus.get("/cards/" + DemoSeeder.ACTIVE_CARD, admin).body()).path("accountId").asText();
        long balance = JSON.readTree(bus.get("/accounts/" + account, admin).body()).path("balanceMinor").asLong();
        card = new CardAtReader(bus, DemoSeeder.ACTIVE_CARD_PAN, 0x0300, balance, "Ticket counter");
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    private static JsonNode issue(String cardUid) throws Exception {
        Instant now = Instant.now();
        HttpResponse<String> r = bus.post("/tickets", seller, "{\"idempotencyKey\":\"" + UUID.randomUUID() + "\",\"kind\":\"RIDE\","
                + "\"product\":\"METRO-SINGLE\",\"zones\":\"1,2\",\"validFrom\":\"" + now.minusSeconds(3600) + "\",\"validUntil\":\""
                + now.plusSeconds(86_400) + "\",\"cardUid\":\"" + cardUid + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    private static JsonNode ticket(String ticketId) throws Exception {
        HttpResponse<String> r = bus.get("/tickets/" + ticketId, seller);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static List<CardWrite> tickets(PaymentResponse response) {
        return response.cardWrites().stream().filter(w -> w.kind() == CardWrite.Kind.TICKET).toList();
    }

    @Test
    void aFailedWriteIsSentAgainAtTheNextTapATakenOneIsRecordedOnceAndTheGateOpensForIt() throws Exception {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort);
        int dot = seller.indexOf('.');
        try (Connection jms = cf.createConnection(seller.substring(0, dot), seller.substring(dot + 1))) {
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = session.createConsumer(session.createTopic("tapbus.partner.metro-sh.events"));
            jms.start();
            String ticketId = deliverAndValidate();
            List<String> onCard = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 5_000; // every event of the ticket so far, and a moment for a stray second one
            while (System.currentTimeMillis() < deadline) {
                TextMessage m = (TextMessage) events.receive(250);
                if (m != null && m.getText().contains(ticketId) && m.getText().contains("\"ticket.on_card\"")) {
                    onCard.add(JSON.readTree(m.getText()).path("data").path("paymentId").asText());
                }
            }
            assertThat(onCard).as("ticket.on_card to the seller, once").hasSize(1);
        }
    }

    /** The whole path; the ticket's id. */
    private static String deliverAndValidate() throws Exception {
        JsonNode issued = issue(DemoSeeder.ACTIVE_CARD);
        String ticketId = issued.path("ticketId").asText();
        JsonNode notMine = issue(DemoSeeder.BANK_CARD); // another card's ticket never travels with this card

        // 1st tap: the balance is written, the card leaves before the ticket
        CardAtReader.Tap first = card.pay("tk-pay-1", 100, null, CardAtReader.Finish.CARD_LEAVES_AFTER_BALANCE);
        assertThat(first.response().verdict()).as(first.response().toString()).isEqualTo(PaymentResponse.Verdict.APPROVED);
        assertThat(first.response().cardWrites().get(0).kind()).as("the balance first").isEqualTo(CardWrite.Kind.BALANCE);
        assertThat(tickets(first.response())).extracting(CardWrite::id).containsExactly(ticketId);
        assertThat(tickets(first.response()).get(0).data())
                .isEqualTo(issued.path("cardWrite").path("data").asText())
                .isEqualTo(HexFormat.of().withUpperCase().formatHex(Base64.getUrlDecoder().decode(issued.path("payload").asText())));
        assertThat(first.further()).extracting(CardWriteResult::ok).containsExactly(false);
        assertThat(card.tickets()).isEmpty();
        assertThat(ticket(ticketId).has("onCardAt")).as("not on the card").isFalse();

        // 2nd tap: the ticket again, the card takes it
        CardAtReader.Tap second = card.pay("tk-pay-2", 100, null, CardAtReader.Finish.ALL);
        assertThat(tickets(second.response())).extracting(CardWrite::id).containsExactly(ticketId);
        assertThat(second.further()).extracting(CardWriteResult::ok, CardWriteResult::sw).containsExactly(
                org.assertj.core.groups.Tuple.tuple(true, "9000"));
        assertThat(card.tickets()).hasSize(1);
        JsonNode onCard = ticket(ticketId);
        assertThat(onCard.path("onCardPayment").asText()).isEqualTo(second.response().transactionId());
        String onCardAt = onCard.path("onCardAt").asText();
        assertThat(onCardAt).isNotBlank();

        // the reader repeats its report (its ack was lost): recorded once, nothing changes
        CardWriteAck repeated = card.report(second.further().get(0));
        assertThat(repeated.recorded()).isTrue();
        assertThat(ticket(ticketId).path("onCardAt").asText()).isEqualTo(onCardAt);
        assertThat(ticket(ticketId).path("onCardPayment").asText()).isEqualTo(second.response().transactionId());
        // and a late failure report of the first payment does not take it off the card
        card.report(first.further().get(0));
        assertThat(ticket(ticketId).path("onCardAt").asText()).isEqualTo(onCardAt);

        // 3rd tap: nothing more to deliver
        CardAtReader.Tap third = card.pay("tk-pay-3", 100, null, CardAtReader.Finish.ALL);
        assertThat(third.response().verdict()).isEqualTo(PaymentResponse.Verdict.APPROVED);
        assertThat(tickets(third.response())).isEmpty();
        assertThat(card.tickets()).hasSize(1);
        assertThat(ticket(notMine.path("ticketId").asText()).has("onCardAt")).isFalse();

        // a gate reads the ticket from the card and the bus opens for it, once
        List<byte[]> read = card.ticketsReadByAGate();
        assertThat(read).hasSize(1);
        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(read.get(0))).isEqualTo(issued.path("payload").asText());
        try (ReaderClient gate = bus.reader("R-DEMO-2")) {
            GateAnswer open = validate(gate, new GateValidation("G-" + UUID.randomUUID(), read.get(0), "L-EAST", "1", Instant.now()));
            assertThat(open.outcome()).as(open.toString()).isEqualTo("OPEN");
            assertThat(open.ticketId()).isEqualTo(ticketId);
            GateAnswer again = validate(gate, new GateValidation("G-" + UUID.randomUUID(), read.get(0), "L-WEST", "1", Instant.now()));
            assertThat(again.outcome()).isEqualTo("REFUSED");
            assertThat(again.reasons()).contains("ALREADY_USED");
        }
        return ticketId;
    }

    private static GateAnswer validate(ReaderClient gate, GateValidation v) throws Exception {
        ReaderFrame reply = gate.send(FrameType.TICKET_VALIDATE, gate.nextSequence(), v.validateBody());
        assertThat(reply.type()).as(reply.bodyText()).isEqualTo(FrameType.TICKET_RESULT);
        return GateAnswer.parse(reply.body());
    }
}
