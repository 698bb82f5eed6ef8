package io.tapbus.connector.card.sim;

import java.nio.ByteBuffer;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/** The basic channel: APDU bytes go to the simulated card unchanged, as a PC/SC reader passes them on. */
final class SimCardChannel extends CardChannel {

    private final SimCard card;

    SimCardChannel(SimCard card) {
        this.card = card;
    }

    @Override
    public Card getCard() {
        return card;
    }

    @Override
    public int getChannelNumber() {
        return 0;
    }

    @Override
    public ResponseAPDU transmit(CommandAPDU command) throws CardException {
        return new ResponseAPDU(card.transmit(command.getBytes()));
    }

    @Override
    public int transmit(ByteBuffer command, ByteBuffer response) throws CardException {
        byte[] apdu = new byte[command.remaining()];
        command.get(apdu);
        byte[] answer = card.transmit(apdu);
        if (response.remaining() < answer.length) {
            throw new CardException("response buffer too small: " + answer.length + " bytes needed");
        }
        response.put(answer);
        return answer.length;
    }

    @Override
    public void close() throws CardException {
        throw new IllegalStateException("the basic channel cannot be closed");
    }
}
