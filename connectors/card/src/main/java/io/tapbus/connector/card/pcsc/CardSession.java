package io.tapbus.connector.card.pcsc;

import io.tapbus.connector.card.BerTlv;
import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.Hex;
import io.tapbus.connector.card.TapBusApplication;
import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.card.pcsc.TapResult.Status;
import java.util.Arrays;
import java.util.Optional;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * One card on the reader: {@link #pay} runs SELECT, GET PROCESSING OPTIONS, READ RECORD and GENERATE AC; afterwards
 * the issuer's answer goes back with {@link #sendArpc} and a new stored-value balance with {@link #writeBalance}.
 */
public final class CardSession implements AutoCloseable {

    private static final int SW_OK = 0x9000;
    private static final int SW_FILE_NOT_FOUND = 0x6A82;

    private final Card card;

    CardSession(Card card) {
        this.card = card;
    }

    public TapResult pay(TransactionData transaction) {
        try {
            ResponseAPDU select = send(PaymentCommands.selectTapBus());
            if (select.getSW() == SW_FILE_NOT_FOUND) {
                return TapResult.failed(Status.APP_NOT_FOUND, select.getSW(), "the card has no TapBus application");
            }
            if (select.getSW() != SW_OK) {
                return refused("SELECT", select);
            }
            ResponseAPDU gpo = send(PaymentCommands.getProcessingOptions());
            if (gpo.getSW() != SW_OK) {
                return refused("GET PROCESSING OPTIONS", gpo);
            }
            Optional<byte[]> aip = BerTlv.find(gpo.getData(), 0x82).filter(v -> v.length == 2);
            ResponseAPDU record = send(PaymentCommands.readRecord(TapBusApplication.SFI_CARD_DATA, 1));
            if (record.getSW() != SW_OK) {
                return refused("READ RECORD", record);
            }
            Optional<CardId> cardId = cardId(record.getData());
            Optional<byte[]> expiry = BerTlv.find(record.getData(), 0x5F24).filter(v -> v.length == 3);
            if (aip.isEmpty() || cardId.isEmpty() || expiry.isEmpty()) {
                return TapResult.failed(Status.CARD_ERROR, SW_OK, "the card data is incomplete or malformed");
            }
            ResponseAPDU ac = send(PaymentCommands.generateArqc(transaction));
            if (ac.getSW() != SW_OK) {
                return refused("GENERATE AC", ac);
            }
            byte[] data = ac.getData();
            Optional<byte[]> cid = BerTlv.find(data, 0x9F27).filter(v -> v.length == 1);
            Optional<byte[]> atc = BerTlv.find(data, 0x9F36).filter(v -> v.length == 2);
            Optional<byte[]> cryptogram = BerTlv.find(data, 0x9F26).filter(v -> v.length == 8);
            Optional<byte[]> iad = BerTlv.find(data, 0x9F10);
            if (cid.isEmpty() || atc.isEmpty() || cryptogram.isEmpty() || iad.isEmpty()) {
                return TapResult.failed(Status.CARD_ERROR, SW_OK, "the GENERATE AC response is incomplete");
            }
            return TapResult.tapped(new CardTap(cardId.get(), Hex.of(expiry.get()),
                    ((atc.get()[0] & 0xFF) << 8) | (atc.get()[1] & 0xFF), cryptogram.get(), cid.get()[0] & 0xFF,
                    iad.get(), aip.get(), transaction));
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
        return send(PaymentCommands.externalAuthenticate(data)).getSW();
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
        return send(PaymentCommands.externalAuthenticate(data)).getSW();
    }

    /** UPDATE RECORD of the stored-value balance; the card allows it only after an approving ARPC (else 6985). */
    public int writeBalance(long balanceMinor) throws CardException {
        return send(PaymentCommands.updateBalance(balanceMinor)).getSW();
    }

    /** Reads the stored-value balance record; empty when the card refuses or the record is malformed. */
    public Optional<Long> readBalance() throws CardException {
        ResponseAPDU response = send(PaymentCommands.readRecord(TapBusApplication.SFI_BALANCE, 1));
        return response.getSW() == SW_OK ? TapBusApplication.balanceOf(response.getData()) : Optional.empty();
    }

    @Override
    public void close() {
        try {
            card.disconnect(false);
        } catch (CardException | IllegalStateException e) {
            // the card is gone already
        }
    }

    private ResponseAPDU send(CommandAPDU command) throws CardException {
        try {
            return card.getBasicChannel().transmit(command);
        } catch (IllegalStateException e) { // javax.smartcardio's answer once the card is disconnected
            throw new CardException(e.getMessage(), e);
        }
    }

    private static TapResult refused(String command, ResponseAPDU response) {
        return TapResult.failed(Status.CARD_ERROR, response.getSW(),
                command + " refused with " + String.format("%04X", response.getSW()));
    }

    private static Optional<CardId> cardId(byte[] record) {
        Optional<byte[]> pan = BerTlv.find(record, 0x5A);
        if (pan.isEmpty()) {
            return Optional.empty();
        }
        String digits = Hex.of(pan.get());
        if (digits.endsWith("F")) {
            digits = digits.substring(0, digits.length() - 1);
        }
        String psn = BerTlv.find(record, 0x5F34).filter(v -> v.length == 1).map(Hex::of).orElse("00");
        try {
            return Optional.of(new CardId(digits, psn));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
