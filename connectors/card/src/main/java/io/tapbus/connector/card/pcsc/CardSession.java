package io.tapbus.connector.card.pcsc;

import io.tapbus.connector.card.CardResponseException;
import io.tapbus.connector.card.CardResponses;
import io.tapbus.connector.card.CardResponses.CardData;
import io.tapbus.connector.card.CardResponses.Cryptogram;
import io.tapbus.connector.card.CardResponses.ProcessingOptions;
import io.tapbus.connector.card.CardResponses.Response;
import io.tapbus.connector.card.TapBusApplication;
import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.card.pcsc.TapResult.Status;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;

/**
 * One card on the reader: {@link #pay} runs SELECT, GET PROCESSING OPTIONS, READ RECORD and GENERATE AC; afterwards
 * the issuer's answer goes back with {@link #sendArpc} and a new stored-value balance with {@link #writeBalance}.
 */
public final class CardSession implements AutoCloseable {

    private static final int SW_FILE_NOT_FOUND = 0x6A82;
    /** The longest answer PC/SC can return: 65 536 data bytes and the status word. */
    private static final int MAX_ANSWER = 65_538;

    private final Card card;
    /** The status word of the card's last answer; 0 when it gave none. */
    private int lastStatusWord;

    CardSession(Card card) {
        this.card = card;
    }

    public TapResult pay(TransactionData transaction) {
        try {
            Response select = send(PaymentCommands.selectTapBus());
            if (select.sw() == SW_FILE_NOT_FOUND) {
                return TapResult.failed(Status.APP_NOT_FOUND, select.sw(), "the card has no TapBus application");
            }
            if (!select.ok()) {
                return refused("SELECT", select);
            }
            if (!CardResponses.fci(select.data()).names(TapBusApplication.AID)) {
                return TapResult.failed(Status.CARD_ERROR, select.sw(), "SELECT answered for another application");
            }
            Response gpo = send(PaymentCommands.getProcessingOptions());
            if (!gpo.ok()) {
                return refused("GET PROCESSING OPTIONS", gpo);
            }
            ProcessingOptions options = CardResponses.processingOptions(gpo.data());
            Response record = send(PaymentCommands.readRecord(TapBusApplication.SFI_CARD_DATA, 1));
            if (!record.ok()) {
                return refused("READ RECORD", record);
            }
            CardData cardData = CardResponses.cardData(record.data());
            Response ac = send(PaymentCommands.generateArqc(transaction));
            if (!ac.ok()) {
                return refused("GENERATE AC", ac);
            }
            Cryptogram cryptogram = CardResponses.generateAc(ac.data());
            if (cryptogram.iad().length == 0) {
                return TapResult.failed(Status.CARD_ERROR, ac.sw(),
                        "GENERATE AC: the card sent no issuer application data (9F10)");
            }
            return TapResult.tapped(new CardTap(cardData.card(), cardData.expiry(), cryptogram.atc(),
                    cryptogram.cryptogram(), cryptogram.cid(), cryptogram.iad(), options.aip(), transaction));
        } catch (CardResponseException e) {
            return TapResult.failed(Status.CARD_ERROR, lastStatusWord, e.getMessage());
        } catch (CardException e) {
            return TapResult.failed(Status.NO_CARD, 0, "lost the card: " + e.getMessage());
        }
    }

    /**
     * EXTERNAL AUTHENTICATE with the issuer authentication data ARPC (method 2, 4 bytes) || CSU (4 bytes); returns
     * the card's status word (9000 accepted, 6300 wrong ARPC, 6985 not expected now).
     */
    public int sendArpc(byte[] arpc, byte[] csu) throws CardException {
        if (arpc.length != 4 || csu.length != 4) {
            throw new IllegalArgumentException("ARPC method 2 and CSU are 4 bytes each");
        }
        byte[] data = Arrays.copyOf(arpc, 8);
        System.arraycopy(csu, 0, data, 4, 4);
        return sendForStatus(PaymentCommands.externalAuthenticate(data));
    }

    /**
     * EXTERNAL AUTHENTICATE with ARPC method 1 (8 bytes) || ARC (2 bytes), for a card on a visa-cvn10 or mchip
     * profile; returns the card's status word as {@link #sendArpc} does.
     */
    public int sendArpcMethod1(byte[] arpc, byte[] arc) throws CardException {
        if (arpc.length != 8 || arc.length != 2) {
            throw new IllegalArgumentException("ARPC method 1 is 8 bytes, the ARC 2");
        }
        byte[] data = Arrays.copyOf(arpc, 10);
        System.arraycopy(arc, 0, data, 8, 2);
        return sendForStatus(PaymentCommands.externalAuthenticate(data));
    }

    /** UPDATE RECORD of the stored-value balance; the card allows it only after an approving ARPC (else 6985). */
    public int writeBalance(long balanceMinor) throws CardException {
        return sendForStatus(PaymentCommands.updateBalance(balanceMinor));
    }

    /**
     * APPEND RECORD of a signed ticket to the card's ticket file; the card allows it only after an approving ARPC in this
     * transaction (else 6985), answers 9000 without a second copy for a ticket it holds already, 6A84 when the file is full.
     */
    public int writeTicket(byte[] ticket) throws CardException {
        if (ticket.length == 0 || ticket.length > TapBusApplication.MAX_TICKET_LENGTH) {
            throw new IllegalArgumentException("a ticket record is 1 to " + TapBusApplication.MAX_TICKET_LENGTH + " bytes");
        }
        return sendForStatus(PaymentCommands.appendTicket(ticket));
    }

    /**
     * What a gate reads: SELECT the TapBus application, then READ RECORD 1, 2, ... of the ticket file until the card
     * answers "no such record". Empty when the card has no TapBus application or no ticket.
     */
    public List<byte[]> readTickets() throws CardException {
        List<byte[]> tickets = new ArrayList<>();
        try {
            if (!send(PaymentCommands.selectTapBus()).ok()) {
                return tickets;
            }
            for (int record = 1; record <= TapBusApplication.MAX_TICKETS; record++) {
                Response response = send(PaymentCommands.readRecord(TapBusApplication.SFI_TICKETS, record));
                if (!response.ok()) {
                    break;
                }
                tickets.add(response.data());
            }
        } catch (CardResponseException e) {
            // a malformed answer ends the reading: the tickets read so far stand
        }
        return tickets;
    }

    /** Reads the stored-value balance record; empty when the card refuses or the record is malformed. */
    public Optional<Long> readBalance() throws CardException {
        try {
            Response response = send(PaymentCommands.readRecord(TapBusApplication.SFI_BALANCE, 1));
            return response.ok() ? TapBusApplication.balanceOf(response.data()) : Optional.empty();
        } catch (CardResponseException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            card.disconnect(false);
        } catch (CardException | IllegalStateException e) {
            // the card is gone already
        }
    }

    /**
     * Sends one command; the answer split into data and status word. An answer without a status word is the card's
     * fault, refused here; no answer at all is how pcscd's vpcd reader reports a card torn away during the command
     * (javax.smartcardio's {@code ResponseAPDU} cannot tell the two apart, so the raw ByteBuffer form is used).
     */
    private Response send(CommandAPDU command) throws CardException, CardResponseException {
        lastStatusWord = 0;
        ByteBuffer response = ByteBuffer.allocate(MAX_ANSWER);
        int length;
        try {
            length = card.getBasicChannel().transmit(ByteBuffer.wrap(command.getBytes()), response);
        } catch (IllegalStateException e) { // javax.smartcardio's answer once the card is disconnected
            throw new CardException(e.getMessage(), e);
        } catch (BufferOverflowException e) {
            throw new CardResponseException("the card answered more than " + MAX_ANSWER + " bytes");
        }
        if (length == 0) { // pcscd's vpcd reader when the card left during the command; a card always sends SW1 SW2
            throw new CardException("the card gave no answer: taken away during the command");
        }
        Response answer = CardResponses.response(Arrays.copyOf(response.array(), length));
        lastStatusWord = answer.sw();
        return answer;
    }

    /** The status word of a command whose answer has no data; a card that answers no status word is an exception. */
    private int sendForStatus(CommandAPDU command) throws CardException {
        try {
            return send(command).sw();
        } catch (CardResponseException e) {
            throw new CardException(e.getMessage(), e);
        }
    }

    private static TapResult refused(String command, Response response) {
        return TapResult.failed(Status.CARD_ERROR, response.sw(),
                command + " refused with " + String.format("%04X", response.sw()));
    }
}
