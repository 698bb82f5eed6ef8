package io.tapbus.samples.reader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbus.connector.card.TapBusApplication;
import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.card.pcsc.CardSession;
import io.tapbus.connector.card.pcsc.CardTap;
import io.tapbus.connector.card.pcsc.TapResult;
import io.tapbus.connector.common.Hex;
import io.tapbus.connector.common.Masking;
import io.tapbus.connector.reader.CardWrite;
import io.tapbus.connector.reader.CardWriteAck;
import io.tapbus.connector.reader.CardWriteResult;
import io.tapbus.connector.reader.ErrorBody;
import io.tapbus.connector.reader.FrameException;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.PaymentRequest;
import io.tapbus.connector.reader.PaymentResponse;
import io.tapbus.connector.reader.ReaderBasket;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.TapResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.smartcardio.CardException;

/**
 * One card payment at the reader: GENERATE AC on the card, PAYMENT_REQUEST to the bus, the issuer's ARPC back to the
 * card (EXTERNAL AUTHENTICATE), the response's card writes, and one CARD_WRITE_RESULT per write. The outcome is one
 * JSON object (masked PAN, never a key) that the agent prints as a line.
 */
final class PaymentExchange {

    /** How the outcome of a tap ends, which decides the exit code of a single-tap run. */
    enum Ending { RESPONSE, ERROR_REPLY, NO_REPLY, CARD_UNUSABLE }

    record Outcome(ObjectNode line, Ending ending) {
    }

    /** What the reader sends with every payment; {@code basket} (may be null) with this one. */
    record Terminal(long amountMinor, String currency, int currencyNumeric, int country, String merchantCategory, ReaderBasket basket) {
        Terminal(long amountMinor, String currency, int currencyNumeric, int country, String merchantCategory) {
            this(amountMinor, currency, currencyNumeric, country, merchantCategory, null);
        }
    }

    /** Opens the reader protocol connection for one tap (the agent does not hold a connection between taps). */
    interface Link {
        ReaderClient open() throws IOException;
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int SW_OK = 0x9000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Terminal terminal;
    private final Link link;
    private final Clock clock;
    private final boolean forgeArqc;
    private final boolean replay;

    PaymentExchange(Terminal terminal, Link link, Clock clock, boolean forgeArqc, boolean replay) {
        this.terminal = terminal;
        this.link = link;
        this.clock = clock;
        this.forgeArqc = forgeArqc;
        this.replay = replay;
    }

    /** Runs the whole payment with the card in {@code session}; one or (with replay) two outcome lines. */
    List<Outcome> run(CardSession session, String terminalName, String correlationId) {
        ObjectNode line = JSON.createObjectNode();
        line.put("terminal", terminalName);
        byte[] un = new byte[4];
        RANDOM.nextBytes(un);
        TransactionData transaction = TransactionData.purchase(terminal.amountMinor(), terminal.currencyNumeric(),
                terminal.country(), LocalDate.now(clock), un);
        TapResult result = session.pay(transaction);
        if (result.status() != TapResult.Status.TAPPED) {
            line.put("status", result.status().name());
            line.put("sw", String.format("%04X", result.statusWord()));
            line.put("detail", result.detail());
            return List.of(new Outcome(line, Ending.CARD_UNUSABLE));
        }
        CardTap tap = result.tap();
        line.put("status", "TAPPED");
        line.put("pan", Masking.pan(tap.card().pan()));
        line.put("atc", String.format("%04X", tap.atc()));
        line.put("amountMinor", terminal.amountMinor());
        line.put("currency", terminal.currency());
        if (!tap.isArqc()) {
            line.put("status", "CARD_DECLINED");
            line.put("detail", "the card answered with an AAC (declined offline); nothing is sent");
            return List.of(new Outcome(line, Ending.CARD_UNUSABLE));
        }
        PaymentRequest request = request(tap, correlationId == null ? UUID.randomUUID().toString() : correlationId);
        line.put("correlationId", request.correlationId());
        if (forgeArqc) {
            line.put("forgedArqc", true);
        }
        Outcome first = exchange(session, request, line);
        if (!replay) {
            return List.of(first);
        }
        // The same card data (ATC and ARQC) again, as a new payment: an issuer must refuse the replayed ATC.
        ObjectNode again = JSON.createObjectNode();
        again.put("terminal", terminalName);
        again.put("status", "REPLAYED");
        again.put("pan", Masking.pan(tap.card().pan()));
        again.put("atc", String.format("%04X", tap.atc()));
        again.put("amountMinor", terminal.amountMinor());
        again.put("currency", terminal.currency());
        PaymentRequest replayed = withCorrelationId(request, UUID.randomUUID().toString());
        again.put("correlationId", replayed.correlationId());
        return List.of(first, exchange(null, replayed, again));
    }

    private Outcome exchange(CardSession session, PaymentRequest request, ObjectNode line) {
        try (ReaderClient client = link.open()) {
            ReaderFrame reply = client.pay(request);
            if (reply.type() == FrameType.ERROR) {
                return errorReply(reply, line);
            }
            PaymentResponse response = PaymentResponse.parse(reply.body());
            line.put("verdict", response.verdict().name());
            ArrayNode reasons = line.putArray("reasons");
            for (TapResponse.Reason reason : response.reasons()) {
                reasons.addObject().put("code", reason.code()).put("message", reason.message());
            }
            if (response.transactionId() != null) {
                line.put("transactionId", response.transactionId());
            }
            if (response.balanceMinor() != null) {
                line.put("balanceMinor", response.balanceMinor());
            }
            if (response.basket() != null) {
                line.set("basket", JSON.valueToTree(response.basket()));
            }
            if (session != null) {
                finishOnCard(session, client, response, line);
            }
            return new Outcome(line, Ending.RESPONSE);
        } catch (FrameException e) {
            line.put("error", "INVALID_REPLY");
            line.put("detail", e.getMessage());
            return new Outcome(line, Ending.NO_REPLY);
        } catch (IOException e) {
            line.put("error", "IO_ERROR");
            line.put("detail", e.getMessage());
            return new Outcome(line, Ending.NO_REPLY);
        }
    }

    /**
     * The issuer's ARPC goes to the card whatever the verdict (so the card learns the issuer's answer); writes happen
     * only when the payment is APPROVED and the card accepted the ARPC, which is what allows them on a TapBus card.
     */
    private void finishOnCard(CardSession session, ReaderClient client, PaymentResponse response, ObjectNode line)
            throws IOException, FrameException {
        Optional<Integer> arpcSw = Optional.empty();
        if (response.arpc() != null) {
            try {
                arpcSw = Optional.of(session.sendArpc(response.arpcBytes().orElseThrow(), response.csuBytes().orElseThrow()));
                line.put("arpc", arpcSw.get() == SW_OK ? "ACCEPTED" : "REJECTED");
                line.put("arpcSw", String.format("%04X", arpcSw.get()));
            } catch (CardException e) {
                line.put("arpc", "NO_CARD");
            }
        } else {
            line.put("arpc", "NONE");
        }
        if (response.verdict() != PaymentResponse.Verdict.APPROVED || response.cardWrites().isEmpty()) {
            return;
        }
        boolean authorised = arpcSw.isPresent() && arpcSw.get() == SW_OK;
        ArrayNode writes = line.putArray("writes");
        for (CardWrite write : response.cardWrites()) {
            CardWriteResult result = authorised ? write(session, response.transactionId(), write)
                    : new CardWriteResult(response.transactionId(), write.kind(), write.id(), false, null,
                            "not written: the card did not accept the issuer's ARPC");
            ObjectNode written = writes.addObject();
            written.put("kind", write.kind().name());
            if (write.valueMinor() != null) {
                written.put("valueMinor", write.valueMinor());
            }
            if (write.id() != null) {
                written.put("id", write.id());
            }
            written.put("ok", result.ok());
            if (result.sw() != null) {
                written.put("sw", result.sw());
            }
            if (result.detail() != null) {
                written.put("detail", result.detail());
            }
            ReaderFrame ack = client.cardWriteResult(result);
            if (ack.type() == FrameType.ERROR) {
                written.put("ack", "ERROR " + ErrorBody.parse(ack.body()).code());
            } else {
                written.put("ack", CardWriteAck.parse(ack.body()).recorded() ? "RECORDED" : "UNKNOWN_TRANSACTION");
            }
        }
    }

    private static CardWriteResult write(CardSession session, String transactionId, CardWrite write) {
        if (write.kind() == CardWrite.Kind.COUPON) {
            return new CardWriteResult(transactionId, write.kind(), write.id(), false, null,
                    "the TapBus card application has no " + write.kind() + " file; not written");
        }
        try {
            if (write.kind() == CardWrite.Kind.TICKET) {
                int sw = session.writeTicket(Hex.parse(write.data()));
                return new CardWriteResult(transactionId, write.kind(), write.id(), sw == SW_OK, String.format("%04X", sw), null);
            }
            int sw = session.writeBalance(write.valueMinor());
            return new CardWriteResult(transactionId, write.kind(), null, sw == SW_OK, String.format("%04X", sw), null);
        } catch (CardException | IllegalArgumentException e) {
            return new CardWriteResult(transactionId, write.kind(), null, false, null, "not written: " + e.getMessage());
        }
    }

    private PaymentRequest request(CardTap tap, String correlationId) {
        String cdol1 = Hex.of(tap.transactionData().cdol1());
        byte[] arqc = tap.arqc();
        if (forgeArqc) {
            arqc[7] ^= 0x01;
        }
        return new PaymentRequest(correlationId, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(),
                Hex.of(TapBusApplication.AID),
                new PaymentRequest.Card(tap.card().pan(), tap.card().psn(), tap.expiry().substring(0, 4)),
                String.format("%04X", tap.atc()), Hex.of(arqc), String.format("%02X", tap.cid()),
                Hex.of(tap.issuerApplicationData()), Hex.of(tap.aip()), cdol1,
                PaymentRequest.Transaction.fromCdol1(cdol1, terminal.currency()), terminal.merchantCategory(), false,
                terminal.basket());
    }

    private static PaymentRequest withCorrelationId(PaymentRequest r, String correlationId) {
        return new PaymentRequest(correlationId, r.readerTime(), r.aid(), r.card(), r.atc(), r.arqc(), r.cid(), r.iad(),
                r.aip(), r.cdol1(), r.transaction(), r.merchantCategory(), r.offline(), r.basket());
    }

    private static Outcome errorReply(ReaderFrame reply, ObjectNode line) {
        ErrorBody error = ErrorBody.parse(reply.body());
        line.put("error", error.code());
        line.put("detail", error.reason());
        if (reply.hasZeroMac()) {
            line.put("unauthenticated", true);
        }
        return new Outcome(line, Ending.ERROR_REPLY);
    }
}
