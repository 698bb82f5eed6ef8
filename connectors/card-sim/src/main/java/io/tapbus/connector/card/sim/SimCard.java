package io.tapbus.connector.card.sim;

import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;

/** A connection to a simulated card; it fails with {@link CardException} once the card is taken off the reader. */
final class SimCard extends Card {

    private final SimulatedCard card;
    private final SimCardChannel basicChannel;
    private volatile boolean connected = true;
    private volatile boolean removed;

    SimCard(SimulatedCard card) {
        this.card = card;
        this.basicChannel = new SimCardChannel(this);
    }

    @Override
    public ATR getATR() {
        return new ATR(card.atr());
    }

    @Override
    public String getProtocol() {
        return "T=1";
    }

    @Override
    public CardChannel getBasicChannel() {
        checkConnected();
        return basicChannel;
    }

    @Override
    public CardChannel openLogicalChannel() throws CardException {
        throw new CardException("the simulated card has no logical channels");
    }

    @Override
    public void beginExclusive() throws CardException {
        checkUsable();
    }

    @Override
    public void endExclusive() throws CardException {
        checkUsable();
    }

    @Override
    public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
        throw new CardException("the simulated reader has no control commands");
    }

    @Override
    public void disconnect(boolean reset) {
        if (connected && reset && !removed) {
            card.reset();
        }
        connected = false;
    }

    boolean isRemoved() {
        return removed;
    }

    boolean isConnected() {
        return connected;
    }

    /** As with PC/SC, the connection stays open but every exchange fails until it is disconnected. */
    void cardRemoved() {
        removed = true;
    }

    byte[] transmit(byte[] apdu) throws CardException {
        checkUsable();
        return card.transmit(apdu);
    }

    private void checkConnected() {
        if (!connected) {
            throw new IllegalStateException("card is disconnected");
        }
    }

    private void checkUsable() throws CardException {
        if (removed) {
            throw new CardException("the card was removed from the reader");
        }
        checkConnected();
    }
}
